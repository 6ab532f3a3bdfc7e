"""Every change in training and the practice library. Permission first, one transaction,
one audit entry each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.audit.actions import record_audit
from hromada.learning.models import (
    Adoption,
    Attendance,
    Certificate,
    Evaluation,
    Event,
    ParticipantRole,
    Practice,
    PracticeFile,
    PracticeState,
    Presence,
    Registration,
    RegistrationState,
)
from hromada.learning.queries import attended_hours, event_ended, registrations_of, total_hours
from hromada.lib.documents import check_document
from hromada.territories.models import Territory


def _require_analyst(by: Any) -> None:
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
    if not event.registration_open:
        raise ValidationError(_("Registration for this event is closed."))
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


def _check_marks(session: Any, marks: dict[int, str]) -> None:
    allowed = set(
        session.event.registrations.filter(state=RegistrationState.CONFIRMED).values_list(
            "pk", flat=True
        )
    )
    if set(marks) - allowed:
        raise ValidationError(_("Some people are not registered for this event."))
    if {value for value in marks.values() if value not in Presence.values}:
        raise ValidationError(_("Presence is present, absent or excused."))


def _write_marks(session: Any, by: Any, marks: dict[int, str]) -> int:
    changed = 0
    for registration_id, presence in marks.items():
        row, created = Attendance.objects.get_or_create(
            registration_id=registration_id,
            session=session,
            defaults={"presence": presence, "marked_by": by},
        )
        if created or row.presence != presence:
            if not created:
                row.presence, row.marked_by = presence, by
                row.save(update_fields=["presence", "marked_by", "marked_at"])
            changed += 1
    return changed


def mark_attendance(session: Any, *, by: Any, marks: dict[int, str]) -> int:
    """Presence per registration for one session; returns how many marks changed."""
    if not can_mark(by, session.event):
        raise PermissionDenied(
            _("Only the event's trainers and the association's staff mark attendance.")
        )
    _check_marks(session, marks)
    with transaction.atomic():
        changed = _write_marks(session, by, marks)
        record_audit(
            action="learning.attendance.mark", obj=session, by=by, changes={"marks": (0, changed)}
        )
    return changed


def import_attendance(event: Event, *, by: Any, marks: dict[int, dict[int, str]]) -> int:
    """Marks read from a sheet (session -> registration -> presence), all or nothing."""
    if not can_mark(by, event):
        raise PermissionDenied(
            _("Only the event's trainers and the association's staff mark attendance.")
        )
    sessions = {s.pk: s for s in event.sessions.all()}
    if set(marks) - set(sessions):
        raise ValidationError(_("The sheet names a session of another event."))
    changed = 0
    with transaction.atomic():
        for session_id, session_marks in marks.items():
            _check_marks(sessions[session_id], session_marks)
            changed += _write_marks(sessions[session_id], by, session_marks)
        record_audit(
            action="learning.attendance.import",
            obj=event,
            by=by,
            changes={"marks": (0, changed)},
        )
    return changed


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


def issue_certificates(event: Event, *, by: Any, on: dt.date | None = None) -> list[Certificate]:
    """A certificate for every confirmed participant who met the completion rule and has none."""
    _require_analyst(by)
    sessions = list(event.sessions.all())
    if not sessions:
        raise ValidationError(_("The event has no sessions."))
    on = on or timezone.localdate()
    issued = []
    with transaction.atomic():
        event = _locked(event)
        counter = Certificate.objects.filter(number__startswith=f"AMU-{on.year}-").count()
        for registration in event.registrations.filter(
            state=RegistrationState.CONFIRMED
        ).select_related("hromada"):
            if hasattr(registration, "certificate"):
                continue
            result = completion(registration)
            if not result.complete:
                continue
            counter += 1
            issued.append(
                Certificate.objects.create(
                    registration=registration,
                    number=f"AMU-{on.year}-{counter:05d}",
                    full_name=registration.full_name,
                    hromada_name=registration.hromada.name_uk,
                    event_title=event.title,
                    hours=result.attended,
                    credits=event.credits,
                    first_day=timezone.localtime(sessions[0].starts_at).date(),
                    last_day=timezone.localtime(sessions[-1].ends_at).date(),
                    issued_on=on,
                )
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
    _require_analyst(by)
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


def _practice_text(practice: Practice) -> str:
    parts = [
        practice.title,
        practice.problem,
        practice.solution,
        practice.results,
        practice.hromada.name_uk,
        practice.hromada.name_en,
    ]
    return " ".join(" ".join(parts).lower().replace("’", "'").split())


def propose_practice(*, by: Any, hromada: Territory, values: dict[str, Any]) -> Practice:
    if not permissions.covers(by, hromada):
        raise PermissionDenied(_("You may propose practices of your own hromada only."))
    values = dict(values)
    targets = list(values.pop("target_indicators", []))
    with transaction.atomic():
        practice = Practice(hromada=hromada, proposed_by=by, **values)
        practice.search_text = _practice_text(practice)
        practice.save()
        practice.target_indicators.set(targets)
        record_audit(
            action="learning.practice.propose",
            obj=practice,
            by=by,
            changes={
                "title": ("", practice.title),
                "target_indicators": ("", ", ".join(i.code for i in targets)),
            },
        )
    return practice


def review_practice(
    practice: Practice, *, by: Any, publish: bool, evidence: str, note: str
) -> None:
    """The section's review against the stated criteria: publish with an evidence level,
    or return for changes."""
    _require_analyst(by)
    if publish and not evidence:
        raise ValidationError(_("Give the evidence level before publishing."))
    with transaction.atomic():
        before = practice.state
        practice.state = PracticeState.PUBLISHED if publish else PracticeState.RETURNED
        practice.evidence, practice.review_note = evidence, note
        if publish and practice.published_on is None:
            practice.published_on = timezone.localdate()
        practice.save()
        record_audit(
            action="learning.practice.review",
            obj=practice,
            by=by,
            changes={"state": (before, practice.state), "evidence": ("", evidence)},
            reason=note,
        )


def adopt_practice(
    practice: Practice, *, by: Any, hromada: Territory, year: int, note: str = ""
) -> Adoption:
    if not permissions.covers(by, hromada):
        raise PermissionDenied(_("You may speak for your own hromada only."))
    if practice.state != PracticeState.PUBLISHED:
        raise ValidationError(_("Only published practices can be adopted."))
    if hromada.pk == practice.hromada_id:
        raise ValidationError(_("This practice comes from that hromada itself."))
    if not 1991 <= year <= timezone.localdate().year:
        raise ValidationError(_("Give the year it was adopted, not a future one."))
    with transaction.atomic():
        adoption, _created = Adoption.objects.update_or_create(
            practice=practice,
            hromada=hromada,
            defaults={"year": year, "note": note.strip()[:300], "recorded_by": by},
        )
        record_audit(
            action="learning.practice.adopt",
            obj=practice,
            by=by,
            changes={"adopted by": (None, hromada.code)},
        )
    return adoption


@dataclass(frozen=True)
class EvaluationInput:
    overall: int
    usefulness: int
    trainers: int
    would_recommend: bool
    comment: str = ""


def evaluate(registration: Registration, *, by: Any, answers: EvaluationInput) -> Evaluation:
    """The participant's own evaluation, once, after the event ended."""
    if not registrations_of(by).filter(pk=registration.pk).exists():
        raise PermissionDenied(_("Only the participant evaluates their own training."))
    if registration.state != RegistrationState.CONFIRMED:
        raise ValidationError(_("Only participants with a confirmed place evaluate the event."))
    if not event_ended(registration.event):
        raise ValidationError(_("The event can be evaluated after its last session."))
    scores = (answers.overall, answers.usefulness, answers.trainers)
    if any(score not in range(1, 6) for score in scores):
        raise ValidationError(_("Scores are from 1 to 5."))
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                registration=registration,
                overall=answers.overall,
                usefulness=answers.usefulness,
                trainers=answers.trainers,
                would_recommend=answers.would_recommend,
                comment=answers.comment.strip()[:2000],
            )
            record_audit(
                action="learning.evaluation.create",
                obj=registration,
                by=by,
                changes={"overall": (None, answers.overall)},
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already evaluated this event.")) from error
    return evaluation


def send_event_letters(event: Event, *, by: Any) -> None:
    """Queue the reminder before the event, or the invitation to evaluate after it."""
    if not can_mark(by, event):
        raise PermissionDenied(
            _("Only the event's trainers and the association's staff write to participants.")
        )
    ended = event_ended(event)
    with transaction.atomic():
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


PRACTICE_FILE_BYTES = 10 * 1024 * 1024  # a photo or a report; larger files belong elsewhere


def add_practice_file(
    practice: Practice, *, by: Any, title: str, file_name: str, content: bytes
) -> PracticeFile:
    """A file or photo of a practice, from its own hromada's people or an analyst; checked by
    its first bytes (hromada.lib.documents). Raises ValidationError with a clear message."""
    if not (permissions.is_analyst(by) or permissions.covers(by, practice.hromada)):
        raise PermissionDenied(_("Only the practice's hromada and analysts add its files."))
    checked = check_document(file_name, content, max_bytes=PRACTICE_FILE_BYTES)
    with transaction.atomic():
        stored = PracticeFile.objects.create(
            practice=practice,
            title=title.strip() or checked.file_name,
            file_name=checked.file_name,
            content_type=checked.content_type,
            size=checked.size,
            content=content,
            uploaded_by=by if getattr(by, "pk", None) else None,
        )
        record_audit(
            action="learning.practice.file_add",
            obj=practice,
            by=by,
            changes={"file": (None, checked.file_name)},
        )
    return stored
