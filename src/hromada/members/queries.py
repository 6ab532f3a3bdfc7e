"""Read logic of the member registry, for its own pages and for other apps.

Other apps use: `member_hromadas()`, `membership_of()`, `member_counts_by_oblast()` and
`member_overview()`. People are read only through `visible_persons()`, which hides those
who have not consented to personal-data processing from everyone but analysts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from hromada.accounts import permissions
from hromada.accounts.models import Role
from hromada.audit.display import AuditLine
from hromada.lib.ukrainian_order import sort_key
from hromada.members.history import membership_history
from hromada.members.models import (
    Dues,
    Membership,
    MembershipStatus,
    Person,
    RegionalBranch,
    Section,
)
from hromada.territories.models import HromadaType, Territory, TerritoryQuerySet

APOSTROPHES = ("'", "\u02bc", "`", "\u2019")


def member_hromadas() -> TerritoryQuerySet:
    """Hromadas whose membership is active now."""
    return Territory.objects.filter(membership__status=MembershipStatus.ACTIVE)


def membership_of(territory: Territory) -> Membership | None:
    return Membership.objects.filter(territory=territory).first()


def member_counts_by_oblast() -> dict[int, int]:
    """Active members per oblast, keyed by the oblast's primary key."""
    rows = (
        Membership.objects.filter(status=MembershipStatus.ACTIVE)
        .values_list("territory__oblast_id")
        .annotate(members=Count("pk"))
    )
    return {oblast_id: members for oblast_id, members in rows if oblast_id is not None}


@dataclass(frozen=True)
class OblastCount:
    oblast: Territory
    members: int


def oblast_table() -> list[OblastCount]:
    """Current oblasts in alphabetical order with their active members, for side tables.

    Crimea appears only when it has members.
    """
    counts = member_counts_by_oblast()
    oblasts = sorted(Territory.objects.oblasts().valid(), key=lambda o: sort_key(o.name))
    return [
        OblastCount(oblast, counts.get(oblast.pk, 0))
        for oblast in oblasts
        if not oblast.is_crimea or counts.get(oblast.pk)
    ]


@dataclass(frozen=True)
class MemberOverview:
    total: int
    by_type: dict[str, int] = field(default_factory=dict)


def member_overview() -> MemberOverview:
    """Active members in total and by hromada type (city, settlement, village), one query."""
    counts = Membership.objects.filter(status=MembershipStatus.ACTIVE).aggregate(
        total=Count("pk"),
        **{
            kind.value: Count("pk", filter=Q(territory__hromada_type=kind.value))
            for kind in HromadaType
        },
    )
    return MemberOverview(
        total=counts.pop("total"), by_type={kind.value: counts[kind.value] for kind in HromadaType}
    )


@dataclass(frozen=True)
class DirectoryFilters:
    oblast: str = ""
    hromada_type: str = ""
    status: str = MembershipStatus.ACTIVE
    q: str = ""


def _name_query(text: str) -> Q:
    lowered = text.strip().lower()
    query = Q(territory__code__iexact=text.strip())
    for mark in APOSTROPHES:
        variant = lowered
        for other in APOSTROPHES:
            variant = variant.replace(other, mark)
        query |= Q(territory__search_text__contains=variant)
    return query


def directory(filters: DirectoryFilters) -> QuerySet[Membership]:
    memberships = Membership.objects.select_related("territory", "territory__oblast")
    if filters.status:
        memberships = memberships.filter(status=filters.status)
    if filters.oblast:
        memberships = memberships.filter(territory__oblast__code=filters.oblast)
    if filters.hromada_type:
        memberships = memberships.filter(territory__hromada_type=filters.hromada_type)
    if filters.q.strip():
        memberships = memberships.filter(_name_query(filters.q))
    return memberships.order_by("territory__name_uk", "territory__code")


def sorted_page_ids(memberships: QuerySet[Membership], english: bool) -> list[int]:
    """Primary keys of `memberships` in alphabetical order of the hromada's name.

    One light query; the page's rows are then fetched by `memberships_in_order`.
    """
    rows = memberships.values_list("pk", "territory__name_uk", "territory__name_en")
    if english:
        ordered = sorted(rows, key=lambda row: (row[2] or row[1]).lower())
    else:
        ordered = sorted(rows, key=lambda row: sort_key(row[1]))
    return [row[0] for row in ordered]


def memberships_in_order(ids: list[int]) -> list[Membership]:
    found = Membership.objects.select_related("territory", "territory__oblast").in_bulk(ids)
    return [found[pk] for pk in ids]


def member_by_code(code: str) -> Membership | None:
    return (
        Membership.objects.select_related("territory", "territory__oblast", "territory__raion")
        .filter(territory__code=code)
        .first()
    )


def visible_persons(user: Any, hromada: Territory | None = None) -> QuerySet[Person]:
    """The people this user may see at all: consented ones, or everyone for analysts."""
    people = Person.objects.all() if permissions.is_analyst(user) else Person.objects.consented()
    if hromada is not None:
        people = people.filter(hromada=hromada)
    return people.prefetch_related(Prefetch("sections", Section.objects.order_by("order")))


def coordinators_of(oblast_ids: list[int]) -> dict[int, list[Any]]:
    users = get_user_model().objects.filter(
        role=Role.COORDINATOR, territory_id__in=oblast_ids, is_active=True
    )
    found: dict[int, list[Any]] = defaultdict(list)
    for user in users.order_by("last_name", "first_name", "username"):
        if user.territory_id is not None:
            found[user.territory_id].append(user)
    return found


@dataclass(frozen=True)
class Workspace:
    membership: Membership
    dues: list[Dues]
    persons: list[Person]
    sections: list[Section]
    coordinators: list[Any]
    history: list[AuditLine]


def workspace(membership: Membership, user: Any) -> Workspace:
    persons = list(visible_persons(user, membership.territory))
    sections = {s.pk: s for person in persons for s in person.sections.all()}
    territory = membership.territory
    return Workspace(
        membership=membership,
        dues=list(membership.dues.order_by("-year")),
        persons=persons,
        sections=sorted(sections.values(), key=lambda s: (s.order, s.code)),
        coordinators=coordinators_of([territory.oblast_id]).get(territory.oblast_id or 0, [])
        if territory.oblast_id
        else [],
        history=membership_history(membership),
    )


@dataclass(frozen=True)
class BranchRow:
    branch: RegionalBranch
    coordinators: list[Any]
    members: int


def branches() -> list[BranchRow]:
    rows = list(RegionalBranch.objects.select_related("oblast").order_by("oblast__name_uk"))
    coordinators = coordinators_of([branch.oblast_id for branch in rows])
    counts = member_counts_by_oblast()
    return [
        BranchRow(branch, coordinators.get(branch.oblast_id, []), counts.get(branch.oblast_id, 0))
        for branch in rows
    ]


def sections_with_counts(user: Any) -> QuerySet[Section]:
    """Sections with the number of people from active member hromadas in each."""
    sections = Section.objects.annotate(
        people=Count(
            "persons",
            filter=Q(persons__hromada__membership__status=MembershipStatus.ACTIVE),
            distinct=True,
        )
    ).order_by("order", "code")
    return sections if permissions.can_manage_members(user) else sections.filter(is_active=True)
