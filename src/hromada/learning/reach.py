"""The reach board: who was trained, by oblast, role, section, hromada type and year, against
the membership.

A person counts as trained in an event when they held a confirmed place and were present at
one session at least; people are counted once per group by e-mail. A hromada is reached when
one of its people was trained. The year of an event is the year of its first session.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min, QuerySet
from django.utils.translation import gettext as _

from hromada.learning.models import (
    Event,
    ParticipantRole,
    Presence,
    Registration,
    RegistrationState,
)
from hromada.lib.ukrainian_order import sort_key
from hromada.members.models import Membership, MembershipStatus, Section
from hromada.territories.models import HromadaType, Territory


@dataclass(frozen=True)
class ReachRow:
    label: str
    people: int
    hromadas: int
    members: int | None = None
    members_reached: int = 0

    @property
    def share(self) -> float | None:
        """Per cent of member hromadas in the group that were reached."""
        return round(100 * self.members_reached / self.members, 1) if self.members else None


@dataclass(frozen=True)
class Reach:
    year: int | None
    years: list[int]
    people: int
    hromadas: int
    members_reached: int
    members: int
    by_oblast: list[ReachRow]
    by_role: list[ReachRow]
    by_section: list[ReachRow]
    by_type: list[ReachRow]
    by_year: list[ReachRow]

    @property
    def share(self) -> float | None:
        return round(100 * self.members_reached / self.members, 1) if self.members else None

    def tables(self) -> list[tuple[str, list[ReachRow]]]:
        return [
            (_("By oblast"), self.by_oblast),
            (_("By hromada type"), self.by_type),
            (_("By role"), self.by_role),
            (_("By section"), self.by_section),
            (_("By year"), self.by_year),
        ]


@dataclass(frozen=True)
class _Trained:
    email: str
    role: str
    hromada: int
    oblast: int | None
    hromada_type: str
    section: int | None
    year: int | None


def _event_years() -> dict[int, int]:
    starts = Event.objects.annotate(first=Min("sessions__starts_at")).values_list("pk", "first")
    return {pk: first.year for pk, first in starts if first is not None}


def events_in(year: int | None) -> QuerySet[Event]:
    """The events of a year (by their first session), or all events."""
    events = Event.objects.all()
    if year is None:
        return events
    return events.annotate(first=Min("sessions__starts_at")).filter(first__year=year)


def _trained() -> list[_Trained]:
    years = _event_years()
    rows = (
        Registration.objects.filter(
            state=RegistrationState.CONFIRMED, attendance__presence=Presence.PRESENT
        )
        .values_list(
            "email",
            "role",
            "hromada_id",
            "hromada__oblast_id",
            "hromada__hromada_type",
            "event__section_id",
            "event_id",
        )
        .distinct()
    )
    return [
        _Trained(email, role, hromada, oblast, kind, section, years.get(event))
        for email, role, hromada, oblast, kind, section, event in rows
    ]


def _rows(
    trained: list[_Trained],
    key: str,
    labels: dict[object, str],
    members: dict[object, set[int]] | None = None,
) -> list[ReachRow]:
    people: dict[object, set[str]] = defaultdict(set)
    hromadas: dict[object, set[int]] = defaultdict(set)
    for row in trained:
        group = getattr(row, key)
        people[group].add(row.email)
        hromadas[group].add(row.hromada)
    groups = set(people) | set(members or {})
    result = []
    for group in groups:
        member_ids = (members or {}).get(group, set())
        result.append(
            ReachRow(
                labels.get(group, _("not given")),
                len(people[group]),
                len(hromadas[group]),
                len(member_ids) if members is not None else None,
                len(hromadas[group] & member_ids),
            )
        )
    return sorted(result, key=lambda r: sort_key(r.label))


def reach(year: int | None = None) -> Reach:
    """The board for one year (by the events' first sessions) or for all years."""
    everyone = _trained()
    trained = [t for t in everyone if year is None or t.year == year]
    membership = list(
        Membership.objects.filter(status=MembershipStatus.ACTIVE).values_list(
            "territory_id", "territory__oblast_id", "territory__hromada_type"
        )
    )
    member_ids = {pk for pk, _o, _t in membership}
    by_oblast: dict[object, set[int]] = defaultdict(set)
    by_type: dict[object, set[int]] = defaultdict(set)
    for pk, oblast, kind in membership:
        by_oblast[oblast].add(pk)
        by_type[kind].add(pk)
    # Kyiv is its own "oblast" (a city with special status), so names come from the ids seen.
    oblast_ids = set(by_oblast) | {t.oblast for t in trained}
    oblasts: dict[object, str] = {
        t.pk: t.name for t in Territory.objects.filter(pk__in=oblast_ids - {None})
    }
    sections: dict[object, str] = {s.pk: s.name for s in Section.objects.all()}
    reached = {t.hromada for t in trained}
    by_year = _rows(everyone, "year", {y: str(y) for y in {t.year for t in everyone}})
    return Reach(
        year=year,
        years=sorted({t.year for t in everyone if t.year is not None}, reverse=True),
        people=len({t.email for t in trained}),
        hromadas=len(reached),
        members_reached=len(reached & member_ids),
        members=len(member_ids),
        by_oblast=_rows(trained, "oblast", oblasts, by_oblast),
        by_role=_rows(trained, "role", {k: str(v) for k, v in ParticipantRole.choices}),
        by_section=_rows(trained, "section", sections),
        by_type=_rows(
            trained, "hromada_type", {k: str(v) for k, v in HromadaType.choices}, by_type
        ),
        by_year=sorted(by_year, key=lambda r: r.label, reverse=True),
    )


def csv_rows(board: Reach) -> list[list[object]]:
    """One long table: what the row groups by, the group, people, hromadas, members, share."""
    header: list[object] = [
        _("grouped by"),
        _("group"),
        _("people trained"),
        _("hromadas reached"),
        _("member hromadas"),
        _("member hromadas reached"),
        _("share of members reached, %"),
    ]
    rows: list[list[object]] = [header]
    for title, table in board.tables():
        for row in table:
            rows.append(
                [
                    title,
                    row.label,
                    row.people,
                    row.hromadas,
                    row.members,
                    row.members_reached if row.members is not None else None,
                    row.share,
                ]
            )
    return rows
