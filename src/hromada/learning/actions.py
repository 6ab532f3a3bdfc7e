"""Every change of training events: registrations, the waiting list, attendance and the
letters to participants. Permission first, one transaction, one audit entry each.

Certificates live in `certificates`, the practice library in `practice_actions`, and the
evaluation after an event in `evaluation` (a survey wave of the surveys app).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.audit.actions import record_audit
from hromada.learning.models import (
    Attendance,
    Event,
    ParticipantRole,
    Presence,
    Registration,
    RegistrationState,
)
from hromada.learning.queries import event_ended, event_started
from hromada.territories.models import Territory


def require_analyst(by: Any) -> None:
    if not permissions.is_analyst(by):
        raise PermissionDenied(_("Only the association's staff manage training."))


def can_mark(user: Any, event: Event) -> bool:
    """Attendance is marked by the event's trainers and by analysts."""
    if permissions.is_analyst(user):
        return True
    return bool(getattr(user, "pk", None)) and event.trainers.filter(pk=user.pk).exists()


def _locked(event: Event) -> Event:
    # One registration at a time per event: the last free place goes to one person only.
    return Event.objects.select_for_update().get(pk=event.pk)


def registration_refusal(event: Event, by: Any) -> str:
    """Why the event takes no registration from `by` now, in the user's language ("" when it
    does). Once the event has started only its organisers (trainers, analysts) register, so
    that a walk-in can be entered and marked present."""
    if not event.registration_open:
        return _("Registration for this event is closed.")
    if event_started(event) and not can_mark(by, event):
        return _("Registration is closed: the event has already started.")
    return ""


def register(
    event: Event,
    *,
    by: Any,
    full_name: str,
    email: str,
    hromada: Territory,
    position: str = "",
    role: str = ParticipantRole.OTHER,
) -> Registration:
    """A place if one is free, else the waiting list; officials register for their hromada."""
    if not permissions.covers(by, hromada):
        raise PermissionDenied(_("You may register people of your own hromada only."))
    refusal = registration_refusal(event, by)
    if refusal:
        raise ValidationError(refusal)
    if role not in ParticipantRole.values:
        raise ValidationError(_("Choose the participant's role."))
    email = email.strip().lower()
    with transaction.atomic():
        event = _locked(event)
        if (
            event.registrations.filter(email=email)
            .exclude(state=RegistrationState.CANCELLED)
            .exists()
        ):
            raise ValidationError(_("%(email)s is already registered.") % {"email": email})
        taken = event.registrations.filter(state=RegistrationState.CONFIRMED).count()
        state = RegistrationState.CONFIRMED if taken < event.capacity else RegistrationState.WAITING
        registration = Registration.objects.create(
            event=event,
            full_name=full_name.strip(),
            email=email,
            position=position,
            role=role,
            hromada=hromada,
            user=by if getattr(by, "email", "").lower() == email else None,
            registered_by=by,
            state=state,
        )
        record_audit(
            action="learning.registration.create",
            obj=registration,
            by=by,
            changes={"state": ("", state)},
        )
    transaction.on_commit(lambda: _queue_notice(registration.pk, by))
    return registration


def _queue_notice(registration_id: int, by: Any) -> None:
    from hromada.jobs.actions import start_job
    from hromada.learning.tasks import send_registration_notice

    start_job(
        send_registration_notice, registration_id, by=by, label=_("Training: registration e-mail")
    )


def cancel(registration: Registration, *, by: Any) -> Registration | None:
    """Cancel a registration; a freed place goes to the first on the waiting list (returned)."""
    if not (permissions.covers(by, registration.hromada) or permissions.is_analyst(by)):
        raise PermissionDenied(_("You may cancel registrations of your own hromada only."))
    promoted = None
    with transaction.atomic():
        event = _locked(registration.event)
        registration.refresh_from_db()
        if registration.state == RegistrationState.CANCELLED:
            return None
        was = registration.state
        registration.state = RegistrationState.CANCELLED
        registration.save(update_fields=["state"])
        record_audit(
            action="learning.registration.cancel",
            obj=registration,
            by=by,
            changes={"state": (was, RegistrationState.CANCELLED)},
        )
        if was == RegistrationState.CONFIRMED:
            _follow_evaluation(event, by)
            promoted = (
                event.registrations.filter(state=RegistrationState.WAITING)
                .order_by("registered_at", "pk")
                .first()
            )
            if promoted is not None:
                promoted.state = RegistrationState.CONFIRMED
                promoted.save(update_fields=["state"])
                record_audit(
                    action="learning.registration.promote",
                    obj=promoted,
                    by=by,
                    changes={"state": (RegistrationState.WAITING, RegistrationState.CONFIRMED)},
                )
    if promoted is not None:
        promoted_id = promoted.pk
        transaction.on_commit(lambda: _queue_notice(promoted_id, by))
    return promoted


def _check_marks(event: Event, marks: dict[int, dict[int, str]]) -> None:
    """Every mark names a confirmed participant of the event and a presence."""
    allowed = set(
        event.registrations.filter(state=RegistrationState.CONFIRMED).values_list("pk", flat=True)
    )
    people = {registration for session in marks.values() for registration in session}
    if people - allowed:
        raise ValidationError(_("Some people are not registered for this event."))
    presences = {value for session in marks.values() for value in session.values()}
    if presences - set(Presence.values):
        raise ValidationError(_("Presence is present, absent or excused."))


@dataclass(frozen=True)
class Written:
    """How many marks a save added and changed (the rest were as they were)."""

    added: int
    changed: int

    @property
    def total(self) -> int:
        return self.added + self.changed


def _write_marks(by: Any, marks: dict[int, dict[int, str]]) -> Written:
    """Write marks (session -> registration -> presence) in bulk: one read, one insert and
    one update whatever the number of people."""
    existing = {
        (row.session_id, row.registration_id): row
        for row in Attendance.objects.filter(
            session_id__in=list(marks),
            registration_id__in={r for session in marks.values() for r in session},
        )
    }
    now = timezone.now()
    marker = by if getattr(by, "pk", None) else None
    new, changed = [], []
    for session_id, session_marks in marks.items():
        for registration_id, presence in session_marks.items():
            row = existing.get((session_id, registration_id))
            if row is None:
                new.append(
                    Attendance(
                        session_id=session_id,
                        registration_id=registration_id,
                        presence=presence,
                        marked_by=marker,
                    )
                )
            elif row.presence != presence:
                row.presence, row.marked_by, row.marked_at = presence, marker, now
                changed.append(row)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["presence", "marked_by", "marked_at"])
    return Written(len(new), len(changed))


def _follow_evaluation(event: Event, by: Any) -> None:
    # An open evaluation asks the attendees only: the links follow the marks.
    from hromada.learning import evaluation

    evaluation.follow_attendance(event, by=by)


def _require_marker(by: Any, event: Event) -> None:
    if not can_mark(by, event):
        raise PermissionDenied(
            _("Only the event's trainers and the association's staff mark attendance.")
        )


def mark_attendance(session: Any, *, by: Any, marks: dict[int, str]) -> int:
    """Presence per registration for one session; returns how many marks changed."""
    _require_marker(by, session.event)
    _check_marks(session.event, {session.pk: marks})
    with transaction.atomic():
        written = _write_marks(by, {session.pk: marks})
        _follow_evaluation(session.event, by)
        record_audit(
            action="learning.attendance.mark",
            obj=session,
            by=by,
            changes={"marks": (0, written.total)},
        )
    return written.total


def import_attendance(event: Event, *, by: Any, marks: dict[int, dict[int, str]]) -> int:
    """Marks read from a sheet (session -> registration -> presence), all or nothing, as one
    audit entry with the counts; returns how many marks were added or changed."""
    _require_marker(by, event)
    if set(marks) - set(event.sessions.values_list("pk", flat=True)):
        raise ValidationError(_("The sheet names a session of another event."))
    _check_marks(event, marks)
    with transaction.atomic():
        written = _write_marks(by, marks)
        _follow_evaluation(event, by)
        record_audit(
            action="learning.attendance.import",
            obj=event,
            by=by,
            changes={
                "marks": (0, written.total),
                "added": (0, written.added),
                "changed": (0, written.changed),
            },
        )
    return written.total


def send_event_letters(event: Event, *, by: Any) -> None:
    """Queue the reminder before the event; after it, open (or complete) the evaluation wave
    and queue the personal links to the attendees who have not answered."""
    if not can_mark(by, event):
        raise PermissionDenied(
            _("Only the event's trainers and the association's staff write to participants.")
        )
    from hromada.learning import evaluation

    ended = event_ended(event)
    with transaction.atomic():
        if ended:
            evaluation.open_evaluation(event, by=by)
        record_audit(
            action="learning.event.letters",
            obj=event,
            by=by,
            changes={"letters": ("", "evaluation" if ended else "reminder")},
        )
    transaction.on_commit(lambda: _queue_letters(event.pk, by))


def _queue_letters(event_id: int, by: Any) -> None:
    from hromada.jobs.actions import start_job
    from hromada.learning.tasks import send_event_letters as task

    start_job(task, event_id, by=by, label=_("Training: letters to participants"))
