"""Reading training and practices: seats, hours attended, records, search."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from hromada.accounts import permissions
from hromada.learning import search
from hromada.learning.models import (
    Adoption,
    Certificate,
    Event,
    Evidence,
    Practice,
    PracticeState,
    Presence,
    Registration,
    RegistrationState,
)
from hromada.lib.ukrainian_order import sort_key


def events_for(user: Any) -> QuerySet[Event]:
    rows = Event.objects.all()
    if not permissions.is_analyst(user):
        rows = rows.filter(is_published=True)
    return rows


_CONFIRMED = Q(registrations__state=RegistrationState.CONFIRMED)


def upcoming(user: Any) -> QuerySet[Event]:
    return (
        events_for(user)
        .annotate(
            first_start=Min("sessions__starts_at"),
            confirmed=Count("registrations", filter=_CONFIRMED, distinct=True),
        )
        .filter(first_start__gte=timezone.now())
        .order_by("first_start")
    )


def past(user: Any) -> QuerySet[Event]:
    return (
        events_for(user)
        .annotate(first_start=Min("sessions__starts_at"))
        .filter(first_start__lt=timezone.now())
        .order_by("-first_start")
    )


def event_ended(event: Event) -> bool:
    """True once the event's last session is over (an event without sessions never ends)."""
    last = event.sessions.order_by("-ends_at").values_list("ends_at", flat=True).first()
    return last is not None and last <= timezone.now()


def event_started(event: Event) -> bool:
    """True once the event's first session has begun: from then on it is one of the past
    events (`past`) and takes no more registrations."""
    first = event.sessions.order_by("starts_at").values_list("starts_at", flat=True).first()
    return first is not None and first <= timezone.now()


def seats_taken(event: Event) -> int:
    return event.registrations.filter(state=RegistrationState.CONFIRMED).count()


def total_hours(event: Event) -> Decimal:
    return event.sessions.aggregate(total=Sum("hours"))["total"] or Decimal(0)


def attended_hours(registration: Registration) -> Decimal:
    # Excused absences do not count as hours attended: the certificate states hours learned.
    return registration.attendance.filter(presence=Presence.PRESENT).aggregate(
        total=Sum("session__hours")
    )["total"] or Decimal(0)


def registrations_of(user: Any) -> QuerySet[Registration]:
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return Registration.objects.filter(
        Q(user=user) | Q(email__iexact=user.email or "-")
    ).select_related("event", "hromada")


def record_of(user: Any) -> list[tuple[int, list[Certificate], Decimal]]:
    """A person's certificates and credits per year, newest year first."""
    certificates = Certificate.objects.filter(
        registration__in=registrations_of(user), revoked_on__isnull=True
    ).order_by("-issued_on")
    years: dict[int, list[Certificate]] = {}
    for certificate in certificates:
        years.setdefault(certificate.issued_on.year, []).append(certificate)
    return [
        (year, items, sum((c.credits for c in items), Decimal(0)))
        for year, items in sorted(years.items(), reverse=True)
    ]


@dataclass(frozen=True)
class PracticeFilters:
    """The library's filters; an empty string means "any"."""

    text: str = ""
    section: str = ""
    subject: str = ""
    oblast: str = ""
    hromada_type: str = ""
    evidence: str = ""
    size: str = ""


def practices(filters: PracticeFilters | None = None, *, section: str = "") -> QuerySet[Practice]:
    """Published practices matching every filter; the subject is the area of a target
    indicator, the oblast that of the originating hromada or of an adopter, the type that
    of the originating hromada. `section` alone is the section workspaces' shortcut.
    With words (`text`), the full-text search's hits, best first (learning/search.py)."""
    filters = filters or PracticeFilters(section=section)
    rows = Practice.objects.filter(state=PracticeState.PUBLISHED).select_related(
        "hromada", "section"
    )
    if filters.section:
        rows = rows.filter(section__code=filters.section)
    if filters.subject:
        rows = rows.filter(
            pk__in=Practice.target_indicators.through.objects.filter(
                indicator__area__code=filters.subject
            ).values("practice_id")
        )
    if filters.oblast:
        rows = rows.filter(
            Q(hromada__oblast__code=filters.oblast)
            | Q(
                pk__in=Adoption.objects.filter(hromada__oblast__code=filters.oblast).values(
                    "practice_id"
                )
            )
        )
    if filters.hromada_type:
        rows = rows.filter(hromada__hromada_type=filters.hromada_type)
    if filters.evidence:
        rows = rows.filter(evidence=filters.evidence)
    if filters.size:
        rows = rows.filter(hromada_id__in=_hromadas_of_size(filters.size))
    # Counted in a subquery, not by a join and GROUP BY: grouped, the search's ranking would be
    # computed once for the grouping and once more for the order, every row over again.
    adopters = (
        Adoption.objects.filter(practice=OuterRef("pk"))
        .order_by()
        .values("practice")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = rows.annotate(adopters=Coalesce(Subquery(adopters), 0))
    return search.search(rows, filters.text) if filters.text.strip() else rows


def _hromadas_of_size(code: str) -> list[int]:
    """Hromadas whose latest published population lies in the band (none for an unknown
    band code)."""
    from hromada.indicators.models import Observation, Sex
    from hromada.indicators.population_bands import POPULATION_CODE, get_band

    try:
        band = get_band(code)
    except KeyError:
        return []
    population = Observation.objects.filter(indicator__code=POPULATION_CODE, sex=Sex.TOTAL)
    year = population.aggregate(last=Max("year"))["last"]
    rows = population.filter(year=year, value__gte=band.low)
    if band.high != float("inf"):
        rows = rows.filter(value__lt=band.high)
    return list(rows.values_list("territory_id", flat=True))


@dataclass(frozen=True)
class FilterChoices:
    sections: list[tuple[str, str]]
    subjects: list[tuple[str, str]]
    oblasts: list[tuple[str, str]]
    types: list[tuple[str, str]]
    evidence: list[tuple[str, str]]
    sizes: list[tuple[str, str]]


def practice_filter_choices() -> FilterChoices:
    """The options of the library's filters, each (code, name in the active language)."""
    from hromada.indicators.models import Area
    from hromada.indicators.population_bands import BANDS
    from hromada.members.models import Section
    from hromada.territories.models import HromadaType, Territory

    oblasts = [(t.code, t.name) for t in Territory.objects.oblasts().valid()]
    return FilterChoices(
        sections=[(s.code, s.name) for s in Section.objects.filter(is_active=True)],
        subjects=[(a.code, a.name) for a in Area.objects.all()],
        oblasts=sorted(oblasts, key=lambda pair: sort_key(pair[1])),
        types=[(code, str(label)) for code, label in HromadaType.choices],
        evidence=[(code, str(label)) for code, label in Evidence.choices],
        sizes=[(band.code, str(band.label)) for band in BANDS],
    )
