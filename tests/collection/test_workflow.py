"""Submit, return, verify, release, correct: who may, what it changes, who hears of it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from hromada.collection.entry_actions import Answer, save_answer
from hromada.collection.errors import CollectionError
from hromada.collection.models import State, SubmissionEvent, ValueNote
from hromada.collection.workflow_actions import (
    correct_published_value,
    return_submission,
    submit_submission,
    verify_submission,
)
from hromada.indicators.models import Indicator, Observation, ObservationHistory
from hromada.indicators.queries import published_version
from tests import factories
from tests.collection.factories import GRADE1, PUPILS, YEAR, make_campaign, put, submission
from tests.conftest import Personas
from tests.releases.factories import release

pytestmark = pytest.mark.django_db


def fill(personas: Personas, pupils: float = 500.0, grade1: float = 60.0, comment: str = ""):  # type: ignore[no-untyped-def]
    campaign = make_campaign([personas.hromada])
    target = submission(campaign, personas.hromada)
    for code, value in ((PUPILS, pupils), (GRADE1, grade1)):
        save_answer(
            target,
            Answer(Indicator.objects.get(code=code), value, "", comment),
            by=personas.official,
        )
    target.refresh_from_db()
    return target


def values(personas: Personas) -> set[tuple[str, str]]:
    return set(
        Observation.all_objects.filter(territory=personas.hromada, year=YEAR).values_list(
            "indicator__code", "status"
        )
    )


def test_errors_block_submission(personas: Personas) -> None:
    target = fill(personas, pupils=-1.0)
    with pytest.raises(CollectionError) as refused:
        submit_submission(target, by=personas.official)
    assert any(PUPILS in line for line in refused.value.details)
    assert target.state == State.DRAFT


def test_a_warning_needs_a_comment_before_submitting(personas: Personas) -> None:
    put(personas.hromada, PUPILS, YEAR - 1, 100.0)
    target = fill(personas)
    with pytest.raises(CollectionError):
        submit_submission(target, by=personas.official)
    save_answer(target, Answer(Indicator.objects.get(code=PUPILS), 500.0, "", "Нова школа"),
                by=personas.official)  # fmt: skip
    submit_submission(target, by=personas.official, comment="Готово")
    assert target.state == State.SUBMITTED
    assert values(personas) == {(PUPILS, "submitted"), (GRADE1, "submitted")}


def test_submitting_tells_the_coordinator_of_the_oblast(personas: Personas) -> None:
    factories.make_coordinator(personas.other_oblast, username="elsewhere")
    target = fill(personas)
    submit_submission(target, by=personas.official)
    assert [m.to for m in mail.outbox] == [[personas.coordinator.email]]
    assert personas.hromada.name_uk in mail.outbox[0].subject


def test_the_whole_cycle_publishes_values_and_logs_every_step(personas: Personas) -> None:
    target = fill(personas)
    version = published_version()
    submit_submission(target, by=personas.official)
    grade1 = Indicator.objects.get(code=GRADE1)
    return_submission(target, by=personas.coordinator, notes={grade1.pk: "Перевірте перший клас"})
    assert target.state == State.RETURNED
    assert ValueNote.objects.get(indicator=grade1).return_note == "Перевірте перший клас"
    assert mail.outbox[-1].to == [personas.official.email]
    assert "Перевірте перший клас" in mail.outbox[-1].body
    save_answer(target, Answer(grade1, 61.0, "", ""), by=personas.official)
    submit_submission(target, by=personas.official)
    verify_submission(target, by=personas.coordinator)
    assert published_version() == version
    release(YEAR, by=personas.analyst)
    target.refresh_from_db()
    assert values(personas) == {(PUPILS, "published"), (GRADE1, "published")}
    assert published_version() > version
    steps = list(
        SubmissionEvent.objects.filter(submission=target)
        .order_by("pk")
        .values_list("to_state", flat=True)
    )
    assert steps == ["draft", "submitted", "returned", "submitted", "verified", "published"]


def test_only_reviewers_of_the_oblast_verify_and_only_analysts_release(personas: Personas) -> None:
    target = fill(personas)
    submit_submission(target, by=personas.official)
    stranger = factories.make_coordinator(personas.other_oblast, username="elsewhere")
    for user in (personas.official, stranger):
        with pytest.raises(PermissionDenied):
            verify_submission(target, by=user)
    verify_submission(target, by=personas.coordinator)
    with pytest.raises(PermissionDenied):
        release(YEAR, by=personas.coordinator)


def test_a_correction_keeps_the_old_value_in_history_and_needs_a_reason(personas: Personas) -> None:
    put(personas.hromada, PUPILS, YEAR, 500.0)
    pupils = Indicator.objects.get(code=PUPILS)
    with pytest.raises(CollectionError):
        correct_published_value(
            personas.hromada, pupils, YEAR, 510.0, reason=" ", by=personas.analyst
        )
    with pytest.raises(PermissionDenied):
        correct_published_value(
            personas.hromada, pupils, YEAR, 510.0, reason="x", by=personas.official
        )
    correct_published_value(
        personas.hromada, pupils, YEAR, 510.0, reason="Помилка в звіті", by=personas.analyst
    )
    last = ObservationHistory.objects.filter(indicator=pupils).first()
    assert last is not None
    assert (last.old_value, last.new_value, last.reason, last.comment) == (
        500.0,
        510.0,
        "correction",
        "Помилка в звіті",
    )


def test_a_step_taken_by_no_one_in_particular_shows_on_the_review_page(
    personas: Personas,
) -> None:
    """A move without a person (the demo, a system step) reads as "—", not a server error."""
    from django.test import Client
    from django.urls import reverse

    from hromada.collection.transitions import move

    campaign = make_campaign([personas.hromada])
    sub = submission(campaign, personas.hromada)
    move(sub, State.DRAFT, by=None)
    client = Client()
    client.force_login(personas.coordinator)
    page = client.get(reverse("collection:review", args=[campaign.pk, personas.hromada.code]))
    assert page.status_code == 200
