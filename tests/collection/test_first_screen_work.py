"""The first screen after signing in (My account) lists the collection work waiting there."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hromada.collection.models import State
from hromada.collection.transitions import move
from hromada.collection.workflow_actions import return_submission
from tests.collection.factories import PUPILS, make_campaign, put, submission
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def first_screen(client: Client, user: object) -> str:
    client.force_login(user)  # type: ignore[arg-type]
    with translation.override("en"):
        response = client.get(reverse("accounts:me"), headers={"Accept-Language": "en"})
    return response.content.decode()


def test_an_official_with_a_returned_questionnaire_is_sent_to_correct_it(
    client: Client, personas: Personas
) -> None:
    campaign = make_campaign([personas.hromada])
    sub = submission(campaign, personas.hromada)
    put(personas.hromada, PUPILS, 2024, 100.0, status="draft")
    move(sub, State.DRAFT, by=personas.official)
    move(sub, State.SUBMITTED, by=personas.official)
    return_submission(
        sub,
        by=personas.coordinator,
        notes={campaign.items.first().indicator_id: "Check it"},  # type: ignore[union-attr]
    )
    page = first_screen(client, personas.official)
    assert "Returned by the reviewer with 1 note" in page
    assert reverse("collection:entry", args=[campaign.pk, personas.hromada.code]) in page


def test_an_official_who_has_not_started_is_asked_to_start(
    client: Client, personas: Personas
) -> None:
    make_campaign([personas.hromada])
    assert "Start filling in" in first_screen(client, personas.official)


def test_a_coordinator_sees_the_questionnaires_waiting_for_review_in_their_oblast(
    client: Client, personas: Personas
) -> None:
    campaign = make_campaign([personas.hromada, personas.other_hromada])
    for hromada in (personas.hromada, personas.other_hromada):
        sub = submission(campaign, hromada)
        move(sub, State.DRAFT, by=None)
        move(sub, State.SUBMITTED, by=None)
    page = first_screen(client, personas.coordinator)
    assert "1 questionnaire waits for your review." in page
    assert reverse("collection:review", args=[campaign.pk, personas.hromada.code]) in page
    assert personas.other_hromada.code not in page


def test_an_analyst_sees_review_and_release_work_across_the_country(
    client: Client, personas: Personas
) -> None:
    campaign = make_campaign([personas.hromada, personas.other_hromada])
    first, second = (submission(campaign, h) for h in (personas.hromada, personas.other_hromada))
    for sub in (first, second):
        move(sub, State.DRAFT, by=None)
        move(sub, State.SUBMITTED, by=None)
    move(second, State.VERIFIED, by=None)
    for user in (personas.analyst, personas.administrator):
        page = first_screen(client, user)
        assert "1 questionnaire waits for your review." in page
        assert "1 verified questionnaire waits for the next release." in page


def test_without_an_open_campaign_there_is_nothing_to_do(
    client: Client, personas: Personas
) -> None:
    assert "To do now" not in first_screen(client, personas.coordinator)


def test_the_first_screen_takes_a_constant_number_of_queries(
    client: Client, personas: Personas, django_assert_num_queries: object
) -> None:
    campaign = make_campaign([personas.hromada, personas.other_hromada])
    for hromada in (personas.hromada, personas.other_hromada):
        move(submission(campaign, hromada), State.DRAFT, by=None)
    client.force_login(personas.analyst)
    client.get(reverse("accounts:me"))
    with django_assert_num_queries(6):  # type: ignore[operator]
        client.get(reverse("accounts:me"))
