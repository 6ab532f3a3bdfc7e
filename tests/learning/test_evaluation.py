"""The evaluation after an event is a wave of the surveys app: addressed to the attendees once
the event has ended, answered once by a personal link, anonymous, shown as aggregates above the
small-group threshold on the event page and the reach board."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from hromada.audit.models import AuditEntry
from hromada.learning import actions, evaluation
from hromada.learning.models import Event, Presence, Registration
from hromada.surveys import mailing
from hromada.surveys.actions import submit_answers
from hromada.surveys.models import Invitation, InvitationState, Response, Wave
from hromada.surveys.results import MIN_GROUP
from tests.conftest import Personas

ANSWER = {"overall": "5", "usefulness": "4", "trainers": "5", "recommend": "yes"}


def _move_to_past(event: Event) -> None:
    for session in event.sessions.all():
        session.starts_at -= dt.timedelta(days=30)
        session.ends_at -= dt.timedelta(days=30)
        session.save()


def _people(event: Event, personas: Personas, emails: list[str]) -> list[Registration]:
    event.capacity = len(emails)
    event.save(update_fields=["capacity"])
    return [
        actions.register(
            event,
            by=personas.analyst,
            full_name=f"Учасник {number}",
            email=email,
            hromada=personas.hromada,
        )
        for number, email in enumerate(emails)
    ]


def _present(event: Event, personas: Personas, people: list[Registration]) -> None:
    session = event.sessions.first()
    marks = {r.pk: Presence.PRESENT for r in people}
    actions.mark_attendance(session, by=personas.analyst, marks=marks)


def _invitation(registration: Registration) -> Invitation:
    return Invitation.objects.get(reference=evaluation.reference(registration.pk))


def test_the_wave_opens_after_the_last_session_for_attendees_only(
    personas: Personas, event: Event
) -> None:
    came, absent = _people(event, personas, ["came@example.org", "absent@example.org"])
    _present(event, personas, [came])
    with pytest.raises(ValidationError, match="після його останнього заняття"):
        evaluation.open_evaluation(event, by=personas.analyst)
    _move_to_past(event)
    with pytest.raises(PermissionDenied):
        evaluation.open_evaluation(event, by=personas.official)

    wave = evaluation.open_evaluation(event, by=None)  # the system, when the event ends

    assert wave.is_anonymous and not wave.keeps_place
    assert [i.email for i in wave.invitations.all()] == ["came@example.org"]
    assert evaluation.invitation_of(absent) is None
    # Attendance marked later adds the latecomer on the next call, and nobody twice.
    _present(event, personas, [absent])
    evaluation.open_evaluation(event, by=personas.analyst)
    assert wave.invitations.count() == 2
    assert Wave.objects.count() == 1


def test_the_questionnaire_comes_from_the_template_and_may_be_changed_per_event(
    personas: Personas, event: Event, client: Client
) -> None:
    client.force_login(personas.analyst)
    response = client.post(f"/learning/{event.pk}/evaluation-questions/")
    event.refresh_from_db()
    survey = event.evaluation_survey
    assert survey is not None
    assert response.url == f"/surveys/{survey.pk}/"
    names = [q["name"] for q in survey.versions.get().definition["children"] if "name" in q]
    assert [n for n in names if n in {t.name for t in evaluation.TEMPLATE}] == [
        t.name for t in evaluation.TEMPLATE
    ]
    # The builder's new version is the one the wave opens with.
    rows = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-kind": "text",
        "form-0-name": "topic_next",
        "form-0-label_uk": "Яку тему розглянути наступного разу?",
    }
    assert client.post(f"/surveys/{survey.pk}/build/", rows).status_code == 302
    came = _people(event, personas, ["came@example.org"])
    _present(event, personas, came)
    _move_to_past(event)
    wave = evaluation.open_evaluation(event, by=personas.analyst)
    assert wave.form.number == 2
    client.force_login(personas.coordinator)
    assert client.post(f"/learning/{event.pk}/evaluation-questions/").status_code == 403


def test_the_attendee_gets_the_link_and_answers_once_anonymously(
    personas: Personas,
    event: Event,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    own, other, _absent = _people(
        event, personas, [personas.official.email, "other@example.org", "absent@example.org"]
    )
    _present(event, personas, [own, other])
    _move_to_past(event)
    client.force_login(personas.analyst)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/learning/{event.pk}/letters/").status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [personas.official.email, "other@example.org"]
    link = mailing.link_of(_invitation(own))
    letter = next(m for m in mail.outbox if m.to == [personas.official.email])
    assert link in letter.body and "Оцініть" in letter.subject

    client.force_login(personas.official)
    assert event.title in client.get("/learning/record/").content.decode()
    opened = client.get(f"/learning/registrations/{own.pk}/evaluate/")
    assert opened.status_code == 302 and opened.url.endswith(f"/r/{_invitation(own).token}/")
    page = client.post(opened.url, {**ANSWER, "improve": "Більше практики", "action": "submit"})
    assert "відповіді подано" in page.content.decode()
    again = client.post(opened.url, {**ANSWER, "overall": "1", "action": "submit"})
    assert "відповіді подано" in again.content.decode()
    assert Response.objects.count() == 1
    stored = Response.objects.get()
    assert stored.invitation is None and stored.hromada is None and stored.oblast is None
    assert AuditEntry.objects.filter(action="surveys.response.submit_anonymous").count() == 1
    assert event.title not in client.get("/learning/record/").content.decode()

    # Letters again: only the attendee who has not answered, as a reminder.
    client.force_login(personas.analyst)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/learning/{event.pk}/letters/")
    assert [m.to for m in mail.outbox] == [["other@example.org"]]
    assert _invitation(other).reminded_at is not None


def test_a_non_attendee_has_no_way_to_answer(
    personas: Personas, event: Event, client: Client
) -> None:
    came, absent = _people(event, personas, ["came@example.org", personas.official.email])
    _present(event, personas, [came])
    _move_to_past(event)
    evaluation.open_evaluation(event, by=personas.analyst)
    client.force_login(personas.official)
    assert client.get(f"/learning/registrations/{absent.pk}/evaluate/").status_code == 404
    assert client.get(f"/learning/registrations/{came.pk}/evaluate/").status_code == 404
    assert evaluation.pending_for(personas.official) == []
    assert not Invitation.objects.filter(email=personas.official.email).exists()


def test_results_show_only_from_the_small_group_threshold(
    personas: Personas, event: Event, client: Client
) -> None:
    emails = [f"p{n}@example.org" for n in range(MIN_GROUP)]
    people = _people(event, personas, emails)
    _present(event, personas, people)
    _move_to_past(event)
    evaluation.open_evaluation(event, by=personas.analyst)
    scores = ["5", "4", "3"]
    for registration, score in zip(people[:-1], scores, strict=False):
        submit_answers(_invitation(registration), {**ANSWER, "overall": score})

    summary = evaluation.summary(event)
    assert summary is not None and (summary.invited, summary.answered) == (3, 2)
    overall = next(q for q in summary.questions if q.question.name == "overall")
    assert overall.answered == 2 and not overall.frequencies and overall.scale_mean is None
    client.force_login(personas.analyst)
    page = client.get(f"/learning/{event.pk}/").content.decode()
    assert "показуємо від 3 відповідей" in page and "Середнє" not in page
    board = client.get("/learning/reach/").content.decode()
    assert event.title in board and "4,5" not in board

    submit_answers(_invitation(people[-1]), {**ANSWER, "overall": "3", "improve": "Особисте"})
    summary = evaluation.summary(event)
    assert summary is not None
    overall = next(q for q in summary.questions if q.question.name == "overall")
    assert overall.scale_mean == 4.0
    page = client.get(f"/learning/{event.pk}/").content.decode()
    assert "Середнє 4,0 з 3 відповідей" in page
    assert "Особисте" not in page  # open answers are never shown on the event page
    rows = evaluation.board(Event.objects.all())
    assert [(r.invited, r.answered, r.overall, r.recommend_share) for r in rows] == [
        (3, 3, 4.0, 100.0)
    ]
    assert "4,0" in client.get("/learning/reach/").content.decode()
    # Trainers see the figures too; a participant does not.
    event.trainers.add(personas.coordinator)
    client.force_login(personas.coordinator)
    assert "Середнє 4,0" in client.get(f"/learning/{event.pk}/").content.decode()
    client.force_login(personas.official)
    assert "Середнє" not in client.get(f"/learning/{event.pk}/").content.decode()


def test_the_reach_board_reads_evaluations_in_a_fixed_number_of_queries(
    personas: Personas, event: Event, django_assert_max_num_queries: Any
) -> None:
    for copy in range(3):
        other = Event.objects.create(
            title=f"Копія {copy}",
            kind=event.kind,
            programme="…",
            capacity=3,
            credits=event.credits,
        )
        for session in event.sessions.all():
            session.pk = None
            session.event = other
            session.save()
        people = _people(other, personas, [f"c{copy}-{n}@example.org" for n in range(3)])
        _present(other, personas, people)
        _move_to_past(other)
        evaluation.open_evaluation(other, by=personas.analyst)
        submit_answers(_invitation(people[0]), ANSWER)
    with django_assert_max_num_queries(6):
        rows = evaluation.board(Event.objects.all())
    assert len(rows) == 3 and all(r.answered == 1 and r.overall is None for r in rows)


def test_the_event_task_opens_the_wave_only_once_the_event_has_ended(
    personas: Personas, event: Event
) -> None:
    from hromada.learning.tasks import open_evaluation_task

    people = _people(event, personas, ["came@example.org"])
    _present(event, personas, people)
    assert open_evaluation_task.call(event.pk) is False
    assert not Wave.objects.exists()
    _move_to_past(event)
    assert open_evaluation_task.call(event.pk) is True
    assert Invitation.objects.get().state == InvitationState.INVITED


def test_saving_an_event_queues_the_opening_for_the_end_of_its_last_session(
    personas: Personas, event: Event, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks import default_task_backend

    # A queue that can run work later (like the database queue in production).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        evaluation.schedule_opening(event, by=personas.analyst)
    (queued,) = default_task_backend.results  # type: ignore[attr-defined]
    assert queued.task.name == "open_evaluation_task"
    assert queued.task.run_after == event.sessions.order_by("-ends_at").first().ends_at
    assert queued.args == [event.pk]


def test_an_event_saved_after_its_end_opens_the_wave_at_once(
    personas: Personas, event: Event, django_capture_on_commit_callbacks: Any
) -> None:
    came = _people(event, personas, ["came@example.org"])
    _present(event, personas, came)
    _move_to_past(event)
    with django_capture_on_commit_callbacks(execute=True):
        evaluation.schedule_opening(event, by=personas.analyst)
    assert evaluation.invitation_of(came[0]) is not None


def test_a_person_marked_absent_after_the_wave_opened_loses_the_unanswered_link(
    personas: Personas, event: Event, client: Client
) -> None:
    own, answered, stays = _people(
        event, personas, [personas.official.email, "answered@example.org", "stays@example.org"]
    )
    _present(event, personas, [own, answered, stays])
    _move_to_past(event)
    wave = evaluation.open_evaluation(event, by=personas.analyst)
    submit_answers(_invitation(answered), ANSWER)
    token = _invitation(own).token
    first, second = event.sessions.all()
    # A second session they attended keeps them attendees; the first was their only one.
    actions.mark_attendance(second, by=personas.analyst, marks={stays.pk: Presence.PRESENT})
    absent = {own.pk: Presence.ABSENT, answered.pk: Presence.ABSENT, stays.pk: Presence.ABSENT}
    actions.mark_attendance(first, by=personas.analyst, marks=absent)

    assert evaluation.invitation_of(own) is None and evaluation.pending_for(personas.official) == []
    assert evaluation.invitation_of(stays) is not None
    # An answer already given stays counted (it is anonymous); nobody else is asked.
    assert sorted(wave.invitations.values_list("email", flat=True)) == [
        "answered@example.org",
        "stays@example.org",
    ]
    client.force_login(personas.official)
    assert client.get(f"/learning/registrations/{own.pk}/evaluate/").status_code == 404
    assert client.get(f"/surveys/r/{token}/").status_code == 404
    assert AuditEntry.objects.filter(action="surveys.wave.withdraw_people").count() == 1
    # Marked present again, they are asked again, as the rule says.
    actions.mark_attendance(first, by=personas.analyst, marks={own.pk: Presence.PRESENT})
    assert evaluation.invitation_of(own) is not None


def test_a_registration_cancelled_after_the_wave_opened_loses_its_link(
    personas: Personas, event: Event
) -> None:
    (came,) = _people(event, personas, ["came@example.org"])
    _present(event, personas, [came])
    _move_to_past(event)
    evaluation.open_evaluation(event, by=personas.analyst)
    actions.cancel(came, by=personas.analyst)
    assert evaluation.invitation_of(came) is None


@pytest.mark.parametrize(
    ("language", "named", "neutral"),
    [("uk", "Добрий день, Учасник 0!", "Добрий день!"), ("en", "Dear Учасник 0,", "Good day,")],
)
def test_the_wave_pages_mailing_greets_attendees_by_name(
    personas: Personas, event: Event, settings: Any, language: str, named: str, neutral: str
) -> None:
    settings.LANGUAGE_CODE = language
    (came,) = _people(event, personas, ["came@example.org"])
    _present(event, personas, [came])
    _move_to_past(event)
    evaluation.open_evaluation(event, by=personas.analyst)
    invitation = _invitation(came)
    _subject, body, _sender, _to = mailing.message_for(invitation, reminder=False)
    assert body.startswith(named + "\n")
    invitation.name = ""
    _subject, body, _sender, _to = mailing.message_for(invitation, reminder=False)
    assert body.startswith(neutral + "\n")


def test_an_events_evaluation_is_a_training_evaluation_apart_from_members_surveys(
    personas: Personas, event: Event, client: Client
) -> None:
    survey = evaluation.questionnaire(event, by=personas.analyst)
    assert survey.is_training_evaluation
    client.force_login(personas.analyst)
    listed = client.get("/surveys/").content.decode()
    assert survey.title not in listed
    training = client.get("/surveys/?kind=training").content.decode()
    assert survey.title in training and "оцінювання навчання" in training
    client.force_login(personas.coordinator)
    assert survey.title not in client.get("/surveys/?kind=training").content.decode()
