"""Every change to members' problems: raising, joining, letters, answers, feedback, publishing.

Each action checks permission first, writes in one transaction and records one audit entry.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.appeals import access
from hromada.appeals.letters import current_template
from hromada.appeals.models import (
    Answer,
    Body,
    Dispatch,
    Outcome,
    Participation,
    Problem,
    ProblemState,
)
from hromada.audit.actions import record_audit
from hromada.indicators.models import Indicator
from hromada.lib.working_days import add_working_days
from hromada.members.models import Section
from hromada.territories.models import Level, Territory

OPEN_STATES = {ProblemState.NEW, ProblemState.IN_WORK, ProblemState.SENT, ProblemState.ANSWERED}


def _require_manager(by: Any) -> None:
    if not access.can_manage(by):
        raise PermissionDenied(_("Only the association's analysts take problems to government."))


def _require_for(by: Any, hromada: Territory) -> None:
    if not access.can_act_for(by, hromada):
        raise PermissionDenied(_("You may act only for the hromadas you are responsible for."))


def raise_problem(
    *,
    by: Any,
    hromada: Territory,
    title: str,
    description: str,
    since: dt.date | None = None,
    legal_act: str = "",
    section: Section | None = None,
    evidence_indicator: Indicator | None = None,
) -> Problem:
    _require_for(by, hromada)
    if hromada.level != Level.HROMADA:
        raise ValidationError(_("A problem is raised for a hromada."))
    with transaction.atomic():
        problem = Problem.objects.create(
            title=title,
            description=description,
            since=since,
            legal_act=legal_act,
            hromada=hromada,
            raised_by=by,
            section=section,
            evidence_indicator=evidence_indicator,
        )
        Participation.objects.create(problem=problem, hromada=hromada, joined_by=by)
        record_audit(
            action="appeals.problem.raise",
            obj=problem,
            by=by,
            changes={"title": ("", title), "hromada": ("", hromada.code)},
        )
    return problem


def join_problem(problem: Problem, *, by: Any, hromada: Territory, details: str) -> Participation:
    """ "We have it too": another hromada joins with its own details."""
    _require_for(by, hromada)
    if problem.state not in OPEN_STATES:
        raise ValidationError(_("This problem is closed; raise a new one or ask to reopen it."))
    if problem.participations.filter(hromada=hromada).exists():
        raise ValidationError(
            _("%(hromada)s has already joined this problem.") % {"hromada": hromada.name}
        )
    with transaction.atomic():
        participation = Participation.objects.create(
            problem=problem, hromada=hromada, joined_by=by, details=details
        )
        record_audit(
            action="appeals.problem.join",
            obj=problem,
            by=by,
            changes={"hromadas": (None, hromada.code)},
            reason=details[:300],
        )
    return participation


def _set_state(problem: Problem, state: str, *, by: Any, action: str, reason: str = "") -> None:
    before = problem.state
    problem.state = state
    problem.save(update_fields=["state", "updated_at"])
    record_audit(
        action=action, obj=problem, by=by, changes={"state": (before, state)}, reason=reason
    )


def accept_problem(
    problem: Problem,
    *,
    by: Any,
    tags: str = "",
    section: Section | None = None,
    evidence_indicator: Indicator | None = None,
) -> None:
    """Take a new problem into work, with its subjects, section and measuring indicator."""
    _require_manager(by)
    with transaction.atomic():
        classify_problem(
            problem,
            by=by,
            tags=tags,
            section=section or problem.section,
            evidence_indicator=evidence_indicator or problem.evidence_indicator,
        )
        _set_state(problem, ProblemState.IN_WORK, by=by, action="appeals.problem.accept")


def classify_problem(
    problem: Problem,
    *,
    by: Any,
    tags: str,
    section: Section | None,
    evidence_indicator: Indicator | None,
) -> None:
    """Subjects (comma-separated, each once), section and measuring indicator, at any time."""
    _require_manager(by)
    subjects: dict[str, str] = {}
    for tag in tags.split(","):
        if tag.strip():
            subjects.setdefault(tag.strip().casefold(), tag.strip())
    cleaned = ", ".join(subjects.values())
    if len(cleaned) > 300:
        raise ValidationError(_("The subjects are longer than 300 characters."))
    with transaction.atomic():
        before = {
            "tags": problem.tags,
            "section": problem.section.code if problem.section else None,
            "evidence_indicator": problem.evidence_indicator.code
            if problem.evidence_indicator
            else None,
        }
        problem.tags, problem.section = cleaned, section
        problem.evidence_indicator = evidence_indicator
        problem.save(update_fields=["tags", "section", "evidence_indicator", "updated_at"])
        after = {
            "tags": cleaned,
            "section": section.code if section else None,
            "evidence_indicator": evidence_indicator.code if evidence_indicator else None,
        }
        record_audit(
            action="appeals.problem.classify",
            obj=problem,
            by=by,
            changes={name: (before[name], after[name]) for name in before},
        )


def merge_problem(duplicate: Problem, *, into: Problem, by: Any) -> int:
    """Move the duplicate's hromadas to the problem it repeats; returns how many moved."""
    _require_manager(by)
    if duplicate.pk == into.pk:
        raise ValidationError(_("A problem cannot be merged into itself."))
    with transaction.atomic():
        known = set(into.participations.values_list("hromada_id", flat=True))
        moving = duplicate.participations.exclude(hromada_id__in=known)
        moved = moving.update(problem=into)
        duplicate.merged_into = into
        duplicate.save(update_fields=["merged_into", "updated_at"])
        _set_state(
            duplicate,
            ProblemState.MERGED,
            by=by,
            action="appeals.problem.merge",
            reason=_("merged into “%(title)s”") % {"title": into.title},
        )
    return moved


def send_letters(
    problem: Problem,
    *,
    by: Any,
    bodies: list[Body],
    sent_on: dt.date,
    outgoing_number: str = "",
) -> list[Dispatch]:
    """One letter per body, each with its own deadline in working days; the PDFs are made
    by the task queue."""
    _require_manager(by)
    if not bodies:
        raise ValidationError(_("Choose at least one body."))
    template = current_template()
    with transaction.atomic():
        dispatches = [
            Dispatch.objects.create(
                problem=problem,
                body=body,
                sent_on=sent_on,
                outgoing_number=outgoing_number,
                deadline=add_working_days(sent_on, body.deadline_days),
                sent_by=by,
                template=template,
            )
            for body in bodies
        ]
        _set_state(
            problem,
            ProblemState.SENT,
            by=by,
            action="appeals.problem.send",
            reason=", ".join(body.name_uk for body in bodies)[:300],
        )
    ids = [d.pk for d in dispatches]
    transaction.on_commit(lambda: _queue_letters(ids, by))
    return dispatches


def _queue_letters(ids: list[int], by: Any) -> None:
    from hromada.appeals.tasks import make_letters
    from hromada.jobs.actions import start_job

    start_job(make_letters, ids, by=by, label=_("Letters to government bodies (PDF)"))


def record_answer(
    dispatch: Dispatch,
    *,
    by: Any,
    received_on: dt.date,
    summary: str,
    outcome: str,
    incoming_number: str = "",
    redirected_to: Body | None = None,
    document: Any = None,
) -> Answer:
    """A body's answer; a redirect opens a letter to the new body with a deadline of its own."""
    _require_manager(by)
    with transaction.atomic():
        answer = _save_answer(
            dispatch,
            by=by,
            received_on=received_on,
            summary=summary,
            outcome=outcome,
            incoming_number=incoming_number,
            redirected_to=redirected_to,
            document=document,
        )
        record_audit(
            action="appeals.answer.record",
            obj=dispatch.problem,
            by=by,
            changes={"answer": (None, f"{dispatch.body.name_uk}: {outcome}")},
            reason=summary[:300],
        )
    problem_id = dispatch.problem_id
    transaction.on_commit(lambda: _queue_feedback_requests(problem_id, by))
    return answer


def check_answer(
    dispatch: Dispatch,
    *,
    received_on: dt.date,
    outcome: str,
    redirected_to: Body | None,
    answered: bool | None = None,
) -> None:
    """Whether this answer may be recorded for this letter; a ValidationError says why not.
    `answered` is given by callers that read the answered letters of a whole file at once."""
    if answered is None:
        answered = (
            hasattr(dispatch, "answer") or Answer.objects.filter(dispatch_id=dispatch.pk).exists()
        )
    if answered:
        raise ValidationError(_("This letter already has an answer."))
    if outcome == Outcome.REDIRECTED and redirected_to is None:
        raise ValidationError(_("Say which body the answer redirects to."))
    if received_on < dispatch.sent_on:
        raise ValidationError(_("An answer cannot come before the letter was sent."))


def _save_answer(
    dispatch: Dispatch,
    *,
    by: Any,
    received_on: dt.date,
    summary: str,
    outcome: str,
    incoming_number: str = "",
    redirected_to: Body | None = None,
    document: Any = None,
) -> Answer:
    """The answer and what follows from it (a redirect letter, the problem's state, the
    feedback question); the caller holds the transaction and records the audit."""
    check_answer(dispatch, received_on=received_on, outcome=outcome, redirected_to=redirected_to)
    answer = Answer(
        dispatch=dispatch,
        received_on=received_on,
        incoming_number=incoming_number,
        summary=summary,
        outcome=outcome,
        redirected_to=redirected_to if outcome == Outcome.REDIRECTED else None,
        recorded_by=by,
    )
    if document is not None:
        answer.document = document
    answer.save()
    problem = dispatch.problem
    if answer.redirected_to is not None:
        Dispatch.objects.create(
            problem=problem,
            body=answer.redirected_to,
            sent_on=received_on,
            outgoing_number=incoming_number,
            deadline=add_working_days(received_on, answer.redirected_to.deadline_days),
            redirected_from=dispatch,
            sent_by=by,
            template=current_template(),
        )
    elif not problem.dispatches.filter(answer__isnull=True).exists():
        _set_state(problem, ProblemState.ANSWERED, by=by, action="appeals.problem.answered")
    problem.participations.update(feedback_asked_at=timezone.now())
    return answer


def _queue_feedback_requests(problem_id: int, by: Any) -> None:
    from hromada.appeals.tasks import ask_for_feedback
    from hromada.jobs.actions import start_job

    start_job(ask_for_feedback, problem_id, by=by, label=_("Feedback questions to hromadas"))


def give_feedback(participation: Participation, *, by: Any, feedback: str) -> None:
    """A hromada says whether the answer solved the problem for it; "not solved" reopens."""
    _require_for(by, participation.hromada)
    if feedback not in Participation.Feedback.values:
        raise ValidationError(_("Choose solved, partly solved or not solved."))
    with transaction.atomic():
        before = participation.feedback
        participation.feedback, participation.feedback_at = feedback, timezone.now()
        participation.save(update_fields=["feedback", "feedback_at"])
        problem = participation.problem
        record_audit(
            action="appeals.problem.feedback",
            obj=problem,
            by=by,
            changes={f"feedback {participation.hromada.code}": (before, feedback)},
        )
        if feedback == Participation.Feedback.NOT_SOLVED and problem.state in {
            ProblemState.ANSWERED,
            ProblemState.SOLVED,
        }:
            _set_state(
                problem,
                ProblemState.IN_WORK,
                by=by,
                action="appeals.problem.reopen",
                reason=_("%(hromada)s says it is not solved")
                % {"hromada": participation.hromada.name},
            )
        elif not problem.participations.exclude(feedback=Participation.Feedback.SOLVED).exists():
            _set_state(problem, ProblemState.SOLVED, by=by, action="appeals.problem.solved")


def close_problem(problem: Problem, *, by: Any, solved: bool, reason: str) -> None:
    _require_manager(by)
    with transaction.atomic():
        state = ProblemState.SOLVED if solved else ProblemState.UNSOLVED
        _set_state(problem, state, by=by, action="appeals.problem.close", reason=reason)


def reopen_problem(problem: Problem, *, by: Any, reason: str) -> None:
    _require_manager(by)
    with transaction.atomic():
        _set_state(
            problem, ProblemState.IN_WORK, by=by, action="appeals.problem.reopen", reason=reason
        )


def publish_problem(problem: Problem, *, by: Any, summary: str) -> None:
    """Show the problem on the public list, with a summary written without personal data."""
    _require_manager(by)
    if not summary.strip():
        raise ValidationError(_("Write the summary the public will read."))
    with transaction.atomic():
        before = (problem.is_public, problem.public_summary)
        problem.is_public, problem.public_summary = True, summary.strip()
        problem.save(update_fields=["is_public", "public_summary", "updated_at"])
        record_audit(
            action="appeals.problem.publish",
            obj=problem,
            by=by,
            changes={"is_public": (before[0], True), "public_summary": (before[1], summary)},
        )


def unpublish_problem(problem: Problem, *, by: Any) -> None:
    _require_manager(by)
    with transaction.atomic():
        problem.is_public = False
        problem.save(update_fields=["is_public", "updated_at"])
        record_audit(
            action="appeals.problem.unpublish",
            obj=problem,
            by=by,
            changes={"is_public": (True, False)},
        )


def remind_overdue(dispatches: list[Dispatch], *, by: Any) -> int:
    """Queue reminder letters for overdue answers; returns how many were queued."""
    _require_manager(by)
    today = timezone.localdate()
    overdue = [d for d in dispatches if not hasattr(d, "answer") and d.deadline < today]
    if not overdue:
        return 0
    with transaction.atomic():
        Dispatch.objects.filter(pk__in=[d.pk for d in overdue]).update(last_reminder_on=today)
        record_audit(
            action="appeals.dispatch.remind",
            by=by,
            object_type="appeals.dispatch",
            object_repr=_("%(count)s overdue letters") % {"count": len(overdue)},
            changes={"reminded": (0, len(overdue))},
        )
    ids = [d.pk for d in overdue]
    transaction.on_commit(lambda: _queue_reminders(ids, by))
    return len(overdue)


def _queue_reminders(ids: list[int], by: Any) -> None:
    from hromada.appeals.tasks import send_reminders
    from hromada.jobs.actions import start_job

    start_job(send_reminders, ids, by=by, label=_("Reminders of overdue answers"))
