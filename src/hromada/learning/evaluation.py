"""The evaluation after a training event, run by the surveys app.

Each event gets its own survey, made from one shipped questionnaire (`TEMPLATE`), so analysts
may change the questions of one event in the surveys builder before it ends. When the event's
last session is over the survey gets one anonymous wave addressed to the event's attendees
(confirmed and marked present at a session at least), one personal link each; they answer on
the surveys' answering page, and the event page and the reach board show the aggregates of the
surveys' results code under its small-group rule. Only attendees are invited: nobody else has a
link, and a link answers once. Attendance marked (or a registration cancelled) while the wave is
open moves the links with it (`follow_attendance`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hromada.learning.models import Event, Presence, Registration, RegistrationState
from hromada.learning.queries import event_ended, registrations_of
from hromada.surveys import results
from hromada.surveys.actions import SurveySpec, make_survey, store_built_form
from hromada.surveys.builder import PageQuestion
from hromada.surveys.models import (
    Invitation,
    InvitationState,
    Survey,
    SurveyKind,
    Wave,
    WaveState,
)
from hromada.surveys.people_waves import (
    Addressee,
    PeopleWaveSpec,
    add_people,
    open_people_wave,
    withdraw_people,
)

RATING = "1 = 1; 2 = 2; 3 = 3; 4 = 4; 5 = 5"
# The shipped questionnaire. Names stay stable across events: the reach board reads "overall"
# and "recommend" of every event that kept them.
TEMPLATE = [
    PageQuestion(
        "select_one",
        "overall",
        "Загальна оцінка заходу (1 — погано, 5 — відмінно)",
        "Overall rating of the event (1 = poor, 5 = excellent)",
        True,
        RATING,
    ),
    PageQuestion(
        "select_one",
        "usefulness",
        "Наскільки корисне воно для вашої роботи (1–5)",
        "How useful it is for your work (1–5)",
        True,
        RATING,
    ),
    PageQuestion(
        "select_one", "trainers", "Оцінка тренерів (1–5)", "The trainers (1–5)", True, RATING
    ),
    PageQuestion(
        "select_one",
        "recommend",
        "Чи порадите ви цей захід колегам?",
        "Would you recommend it to a colleague?",
        True,
        "yes = Так / Yes; no = Ні / No",
    ),
    PageQuestion("text", "improve", "Що варто покращити?", "What should be improved?", False, ""),
]
OVERALL, RECOMMEND = "overall", "recommend"
# How long the e-mails ask attendees to answer within; the wave takes answers until closed.
ANSWER_DAYS = 30


def reference(registration_id: int) -> str:
    """The surveys invitation's key for a registration."""
    return f"learning.registration:{registration_id}"


def registration_id(key: str) -> int | None:
    prefix, _sep, number = key.partition(":")
    return int(number) if prefix == "learning.registration" and number.isdigit() else None


def attendees(event: Event) -> QuerySet[Registration]:
    """Confirmed participants marked present at one session at least."""
    return (
        event.registrations.filter(
            state=RegistrationState.CONFIRMED, attendance__presence=Presence.PRESENT
        )
        .select_related("hromada")
        .distinct()
    )


def _may_run(by: Any, event: Event) -> None:
    # The system (None) opens the wave when the event ends; people need to be its trainers
    # or analysts.
    from hromada.learning.actions import can_mark

    if by is not None and not can_mark(by, event):
        raise PermissionDenied(
            _("Only the event's trainers and the association's staff run its evaluation.")
        )


def _survey_spec(event: Event) -> SurveySpec:
    def title(language: str) -> str:
        with translation.override(language):
            return (_("Evaluation: %(title)s") % {"title": event.title})[:300]

    return SurveySpec(
        code=f"learning-event-{event.pk}",
        title_uk=title("uk"),
        title_en=title("en"),
        kind=SurveyKind.TRAINING_EVALUATION,
    )


@transaction.atomic
def questionnaire(event: Event, *, by: Any) -> Survey:
    """The event's evaluation survey, made from the shipped template on first use."""
    _may_run(by, event)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.evaluation_survey_id is not None:
        survey: Survey = Survey.objects.get(pk=locked.evaluation_survey_id)
    else:
        survey = make_survey(_survey_spec(locked), by=by)
        store_built_form(survey, TEMPLATE, by=by)
        locked.evaluation_survey = survey
        locked.save(update_fields=["evaluation_survey"])
    event.evaluation_survey = survey
    return survey


def wave_of(event: Event) -> Wave | None:
    if event.evaluation_survey_id is None:
        return None
    return (
        Wave.objects.filter(survey_id=event.evaluation_survey_id)
        .select_related("survey", "form")
        .order_by("-year", "-pk")
        .first()
    )


def _addressees(event: Event) -> list[Addressee]:
    return [
        Addressee(reference(r.pk), r.hromada_id, r.email, r.full_name) for r in attendees(event)
    ]


@transaction.atomic
def open_evaluation(event: Event, *, by: Any) -> Wave:
    """Open the evaluation wave once the event has ended, or invite attendees marked since.

    Safe to call again: a person is invited once (the invitation's reference).
    """
    _may_run(by, event)
    if not event_ended(event):
        raise ValidationError(_("The event can be evaluated after its last session."))
    survey = questionnaire(event, by=by)
    wave = wave_of(event)
    if wave is None:
        last = event.sessions.aggregate(last=Max("ends_at"))["last"]
        day = timezone.localtime(last).date()
        spec = PeopleWaveSpec(year=day.year, closes_on=day + dt.timedelta(days=ANSWER_DAYS))
        return open_people_wave(survey, spec, _addressees(event), by=by)
    if wave.state == WaveState.OPEN:
        add_people(wave, _addressees(event), by=by)
    return wave


def follow_attendance(event: Event, *, by: Any) -> None:
    """Keep an open evaluation wave in step with who attended, by the rule that opened it
    (`attendees`): a person marked present since gets a link, one who is no longer an
    attendee (marked absent or excused everywhere, or cancelled) loses an unanswered one.
    The caller has checked its own permission (attendance or a cancellation)."""
    wave = wave_of(event)
    if wave is None or wave.state != WaveState.OPEN:
        return
    people = _addressees(event)
    add_people(wave, people, by=by)
    asked = {person.reference for person in people}
    invited = wave.invitations.values_list("reference", flat=True)
    withdraw_people(wave, [key for key in invited if key not in asked], by=by)


def schedule_opening(event: Event, *, by: Any) -> None:
    """Queue the opening of the evaluation for the moment the event's last session ends
    (at once if it has). The task does nothing if the event has not ended by then."""
    last = event.sessions.aggregate(last=Max("ends_at"))["last"]
    if last is None:
        return
    event_id = event.pk

    def queue() -> None:
        from django_tasks import default_task_backend

        from hromada.jobs.actions import start_job
        from hromada.learning.tasks import open_evaluation_task

        task = open_evaluation_task
        if last > timezone.now() and default_task_backend.supports_defer:
            task = task.using(run_after=last)
        start_job(task, event_id, by=by, label=_("Training: open the evaluation"))

    transaction.on_commit(queue)


@dataclass(frozen=True)
class Pending:
    """A participant's evaluation still to answer."""

    registration: Registration
    invitation: Invitation


def pending_for(user: Any) -> list[Pending]:
    """The user's own invitations to evaluate that are open and not yet answered."""
    own = {r.pk: r for r in registrations_of(user).filter(state=RegistrationState.CONFIRMED)}
    invitations = Invitation.objects.filter(
        reference__in=[reference(pk) for pk in own], wave__state=WaveState.OPEN
    ).exclude(state=InvitationState.SUBMITTED)
    found = []
    for invitation in invitations:
        key = registration_id(invitation.reference)
        if key in own:
            found.append(Pending(own[key], invitation))
    return found


def invitation_of(registration: Registration) -> Invitation | None:
    """The registration's invitation in an open evaluation wave (None when it has none)."""
    return (
        Invitation.objects.filter(reference=reference(registration.pk), wave__state=WaveState.OPEN)
        .select_related("wave")
        .first()
    )


@dataclass(frozen=True)
class Summary:
    """The aggregates of an event's evaluation: never an answer row by row, nor a text."""

    wave: Wave
    invited: int
    answered: int
    questions: list[results.QuestionResult]
    min_group: int = results.MIN_GROUP

    @property
    def rate(self) -> int | None:
        return round(100 * self.answered / self.invited) if self.invited else None


def summary(event: Event) -> Summary | None:
    """The evaluation's response rate and per-question aggregates (small-group rule applied)."""
    wave = wave_of(event)
    if wave is None:
        return None
    invited, answered = results.submitted_counts(Wave.objects.filter(pk=wave.pk)).get(
        wave.pk, (0, 0)
    )
    shown = [results.aggregate_only(result) for result in results.question_results(wave)]
    return Summary(wave, invited, answered, shown)


@dataclass(frozen=True)
class BoardRow:
    """One event on the reach board: how many were asked and answered, and two figures."""

    event: Event
    invited: int
    answered: int
    overall: float | None
    recommend_share: float | None


def _figure(found: list[results.QuestionResult], name: str) -> results.QuestionResult | None:
    result = next((r for r in found if r.question.name == name), None)
    return results.aggregate_only(result) if result is not None else None


def _share_of(result: results.QuestionResult | None, choice: str) -> float | None:
    """Per cent of answers picking the choice, when the question is shown at all."""
    if result is None or not result.frequencies:
        return None
    for option, row in zip(result.question.choices, result.frequencies, strict=True):
        if option.name == choice:
            return row.percent
    return None


def board(events: QuerySet[Event]) -> list[BoardRow]:
    """The evaluations of the events that have one, from five queries whatever their number."""
    listed = {e.evaluation_survey_id: e for e in events.filter(evaluation_survey__isnull=False)}
    waves = Wave.objects.filter(survey_id__in=list(listed))
    by_wave = results.question_results_of(waves)
    counts = results.submitted_counts(waves)
    rows = []
    for wave_id, survey_id in waves.values_list("pk", "survey_id"):
        found = by_wave.get(wave_id, [])
        overall = _figure(found, OVERALL)
        invited, answered = counts.get(wave_id, (0, 0))
        rows.append(
            BoardRow(
                listed[survey_id],
                invited,
                answered,
                overall.scale_mean if overall else None,
                _share_of(_figure(found, RECOMMEND), "yes"),
            )
        )
    return sorted(rows, key=lambda row: row.event.title)
