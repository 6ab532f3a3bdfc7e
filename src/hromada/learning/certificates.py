"""Certificates: who completed an event, issuing with unique numbers, revocation.

A number is `AMU-YEAR-NNNNN`, counted per year of issue. The count lives in one row per year
(`CertificateCounter`) that issuing locks, so numbering holds on both databases when several
events issue at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.audit.actions import record_audit
from hromada.learning.actions import require_analyst
from hromada.learning.models import (
    Certificate,
    CertificateCounter,
    Event,
    Presence,
    Registration,
    RegistrationState,
)
from hromada.learning.queries import attended_hours, total_hours


@dataclass(frozen=True)
class Completion:
    attended: Decimal
    total: Decimal
    needed_share: int

    @property
    def share(self) -> int:
        return int(self.attended * 100 / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.attended * 100 >= self.total * self.needed_share


def completions(
    registrations: QuerySet[Registration], event: Event
) -> list[tuple[Registration, Completion]]:
    """Each registration with its completion, read with one query for the whole list."""
    total = total_hours(event)
    present = Q(attendance__presence=Presence.PRESENT)
    rows = registrations.select_related("certificate").annotate(
        attended=Sum("attendance__session__hours", filter=present)
    )
    return [
        (row, Completion(row.attended or Decimal(0), total, event.completion_share)) for row in rows
    ]


def completion(registration: Registration) -> Completion:
    event = registration.event
    return Completion(attended_hours(registration), total_hours(event), event.completion_share)


def _prefix(year: int) -> str:
    return f"AMU-{year}-"


def _reserve_numbers(year: int, count: int) -> int:
    """Take `count` numbers of the year; returns the first. Locks the year's counter row until
    the transaction ends. A year's first counter starts after the numbers already given."""
    if not CertificateCounter.objects.filter(year=year).exists():
        given = (
            Certificate.objects.filter(number__startswith=_prefix(year))
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        try:
            with transaction.atomic():
                CertificateCounter.objects.create(
                    year=year, last=int(given.rsplit("-", 1)[1]) if given else 0
                )
        except IntegrityError:
            pass  # another issue made the year's counter at the same moment: use theirs
    counter = CertificateCounter.objects.select_for_update().get(year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return first


def issue_certificates(event: Event, *, by: Any, on: dt.date | None = None) -> list[Certificate]:
    """A certificate for every confirmed participant who met the completion rule and has none."""
    require_analyst(by)
    sessions = list(event.sessions.all())
    if not sessions:
        raise ValidationError(_("The event has no sessions."))
    on = on or timezone.localdate()
    with transaction.atomic():
        # One issue per event at a time: a participant never gets two certificates.
        event = Event.objects.select_for_update().get(pk=event.pk)
        confirmed = event.registrations.filter(state=RegistrationState.CONFIRMED).select_related(
            "hromada"
        )
        due = [
            (registration, result)
            for registration, result in completions(confirmed, event)
            if result.complete and not hasattr(registration, "certificate")
        ]
        first = _reserve_numbers(on.year, len(due)) if due else 0
        issued = Certificate.objects.bulk_create(
            Certificate(
                registration=registration,
                number=f"{_prefix(on.year)}{first + offset:05d}",
                full_name=registration.full_name,
                hromada_name=registration.hromada.name_uk,
                event_title=event.title,
                hours=result.attended,
                credits=event.credits,
                first_day=timezone.localtime(sessions[0].starts_at).date(),
                last_day=timezone.localtime(sessions[-1].ends_at).date(),
                issued_on=on,
            )
            for offset, (registration, result) in enumerate(due)
        )
        record_audit(
            action="learning.certificate.issue",
            obj=event,
            by=by,
            changes={"certificates": (0, len(issued))},
        )
    ids = [c.pk for c in issued]
    if ids:
        transaction.on_commit(lambda: _queue_pdfs(ids, by))
    return issued


def _queue_pdfs(ids: list[int], by: Any) -> None:
    from hromada.jobs.actions import start_job
    from hromada.learning.tasks import make_certificates

    start_job(make_certificates, ids, by=by, label=_("Certificates (PDF)"))


def revoke(certificate: Certificate, *, by: Any, reason: str) -> None:
    require_analyst(by)
    if not reason.strip():
        raise ValidationError(_("Say why the certificate is revoked."))
    with transaction.atomic():
        certificate.revoked_on, certificate.revoked_reason = (
            timezone.localdate(),
            reason.strip()[:300],
        )
        certificate.save(update_fields=["revoked_on", "revoked_reason"])
        record_audit(
            action="learning.certificate.revoke",
            obj=certificate,
            by=by,
            changes={"revoked_on": (None, certificate.revoked_on)},
            reason=reason,
        )
