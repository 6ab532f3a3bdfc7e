"""Reading training and practices: seats, hours attended, records, search."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.utils import timezone

from hromada.accounts import permissions
from hromada.learning.models import (
    Certificate,
    Event,
    Practice,
    PracticeState,
    Presence,
    Registration,
    RegistrationState,
)


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


def practices(text: str = "", section: str = "", hromada_type: str = "") -> QuerySet[Practice]:
    rows = Practice.objects.filter(state=PracticeState.PUBLISHED).select_related(
        "hromada", "section"
    )
    for word in text.lower().replace("’", "'").split():
        rows = rows.filter(search_text__contains=word)
    if section:
        rows = rows.filter(section__code=section)
    if hromada_type:
        rows = rows.filter(hromada__hromada_type=hromada_type)
    return rows
