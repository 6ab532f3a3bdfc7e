"""The answers of the old evaluation form move into a survey wave of the event (0005)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# Back to the latest migrations after each test (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("latest_migrations_after")

BEFORE = [("learning", "0004_certificate_counter_and_evaluation_survey")]
AFTER = [("learning", "0006_remove_old_evaluation")]


@pytest.mark.django_db(transaction=True)
def test_old_answers_become_anonymous_responses_of_the_events_wave() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    territory = apps.get_model("territories", "Territory")
    hromada = territory.objects.create(
        code="UA00000000000000001",
        level="hromada",
        name_uk="Громада",
        name_en="Hromada",
        valid_from=dt.date(2020, 1, 1),
    )
    event = apps.get_model("learning", "Event").objects.create(
        title="Курс", kind="course", programme="…", capacity=5, credits=1
    )
    end = timezone.now() - dt.timedelta(days=3)
    session = apps.get_model("learning", "Session").objects.create(
        event=event, starts_at=end - dt.timedelta(hours=2), ends_at=end, place="Київ", hours=2
    )
    registration = apps.get_model("learning", "Registration")
    answered, present, absent = (
        registration.objects.create(
            event=event, full_name=name, email=f"{name}@example.org", hromada=hromada,
            state="confirmed",
        )
        for name in ("answered", "present", "absent")
    )  # fmt: skip
    attendance = apps.get_model("learning", "Attendance")
    for person, presence in ((answered, "present"), (present, "present"), (absent, "absent")):
        attendance.objects.create(registration=person, session=session, presence=presence)
    apps.get_model("learning", "Evaluation").objects.create(
        registration=answered,
        overall=4,
        usefulness=5,
        trainers=3,
        would_recommend=False,
        comment="Більше практики",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    from hromada.learning import evaluation
    from hromada.learning.models import Event
    from hromada.surveys.models import Response

    moved = Event.objects.get(pk=event.pk)
    wave = evaluation.wave_of(moved)
    assert wave is not None and wave.is_anonymous and wave.state == "open"
    assert dict(wave.invitations.values_list("email", "state")) == {
        "answered@example.org": "submitted",
        "present@example.org": "invited",
    }
    stored = Response.objects.get()
    assert stored.answers == {
        "overall": "4",
        "usefulness": "5",
        "trainers": "3",
        "recommend": "no",
        "improve": "Більше практики",
    }
    assert stored.invitation is None and stored.hromada is None
    # The moved wave is an ordinary one: the person who has not answered still can.
    assert evaluation.invitation_of(present) is not None


@pytest.mark.django_db(transaction=True)
def test_existing_evaluations_become_training_evaluations_that_greet_by_name() -> None:
    """0009: the surveys of events are marked training evaluations, their invitations named."""
    before = [
        ("learning", "0008_practice_english"),
        ("surveys", "0004_invitations_of_named_people"),
    ]
    for target in before:  # one plan each: an earlier test may have left learning behind
        executor = MigrationExecutor(connection)
        executor.migrate([target])
    apps = executor.loader.project_state(before).apps
    hromada = apps.get_model("territories", "Territory").objects.create(
        code="UA00000000000000001",
        level="hromada",
        name_uk="Громада",
        name_en="Hromada",
        valid_from=dt.date(2020, 1, 1),
    )
    survey_model = apps.get_model("surveys", "Survey")
    members, training = (survey_model.objects.create(code=code) for code in ("cnap", "ev"))
    event = apps.get_model("learning", "Event").objects.create(
        title="Курс",
        kind="course",
        programme="…",
        capacity=5,
        credits=1,
        evaluation_survey=training,
    )
    person = apps.get_model("learning", "Registration").objects.create(
        event=event, full_name="Олена Коваль", email="o@example.org", hromada=hromada
    )
    form = apps.get_model("surveys", "FormVersion").objects.create(
        survey=training, number=1, definition={}, file_name="x.xlsx", sha256=""
    )
    wave = apps.get_model("surveys", "Wave").objects.create(
        survey=training, form=form, year=2026, closes_on=dt.date(2026, 12, 31), panel_kind="people"
    )
    invitation = apps.get_model("surveys", "Invitation").objects.create(
        wave=wave, hromada=hromada, reference=f"learning.registration:{person.pk}"
    )

    executor = MigrationExecutor(connection)
    executor.migrate([("learning", "0009_training_evaluations_marked_and_named")])

    from hromada.surveys.models import Invitation, Survey

    assert dict(Survey.objects.values_list("code", "kind")) == {"cnap": "members", "ev": "training"}
    assert Invitation.objects.get(pk=invitation.pk).name == "Олена Коваль"
    assert members.pk != training.pk
