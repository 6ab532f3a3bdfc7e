"""Reviewing responses: received, has issues, approved, rejected; only approved ones count."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hromada.audit.models import AuditEntry
from hromada.indicators.models import Observation
from hromada.surveys import actions, indicator_publishing, results
from hromada.surveys.models import Response, ReviewState, Wave
from tests.conftest import Personas
from tests.indicators.factories import make_indicator
from tests.surveys.factories import ANSWERS, SURVEY, make_member, open_wave, with_column, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave(personas: Personas) -> Wave:
    make_indicator("services.asc.staff")
    make_member(personas.hromada)
    survey = actions.create_survey(
        actions.SurveySpec(code="cnap", title_uk="Послуги ЦНАП"), by=personas.analyst
    )
    bound = with_column(SURVEY, "bind::hromada:indicator", {"staff": "services.asc.staff"})
    actions.upload_form(survey, "cnap.xlsx", workbook(bound), by=personas.analyst)
    wave = open_wave(survey, personas.analyst, personas.oblast)
    actions.submit_answers(wave.invitations.get(), ANSWERS)
    return wave


def _page(wave: Wave, response: Response) -> str:
    return reverse("surveys:response", kwargs={"pk": wave.pk, "response": response.pk})


def test_a_new_response_is_received_and_cannot_be_published_until_approved(
    wave: Wave, personas: Personas
) -> None:
    assert Response.objects.get().review == ReviewState.RECEIVED
    with pytest.raises(actions.SurveyError):
        indicator_publishing.publish_as_indicator(wave, "staff", by=personas.analyst)
    assert not Observation.all_objects.exists()


def test_rejecting_or_flagging_a_response_needs_a_comment(wave: Wave, personas: Personas) -> None:
    response = Response.objects.get()
    with pytest.raises(actions.SurveyError):
        actions.review_response(response, state="rejected", comment=" ", by=personas.analyst)
    actions.review_response(
        response, state="issues", comment="12 працівників — забагато?", by=personas.analyst
    )
    entry = AuditEntry.objects.get(action="surveys.response.review")
    assert entry.changes == {"review": ["received", "issues"]}
    assert entry.reason == "12 працівників — забагато?"


def test_a_rejected_response_is_left_out_of_the_indicator_values(
    wave: Wave, personas: Personas
) -> None:
    actions.review_response(
        Response.objects.get(), state="rejected", comment="Дубль", by=personas.analyst
    )
    assert actions.approve_received(wave, by=personas.analyst) == 0
    with pytest.raises(actions.SurveyError):
        indicator_publishing.publish_as_indicator(wave, "staff", by=personas.analyst)


def test_the_rates_count_reviewed_responses(wave: Wave, personas: Personas) -> None:
    assert results.rates(wave).total.reviewed == 0
    actions.approve_received(wave, by=personas.analyst)
    assert results.rates(wave).rows[0].reviewed == 1


def test_the_response_page_shows_the_answers_by_their_labels_and_saves_a_review(
    client: Client, wave: Wave, personas: Personas
) -> None:
    client.force_login(personas.analyst)
    response = Response.objects.get()
    page = client.get(_page(wave, response)).content.decode()
    assert "Паспорти, Земля" in page and "Решетилівська" in page
    answer = client.post(_page(wave, response), {"state": "approved", "comment": ""})
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.review == ReviewState.APPROVED


def test_a_coordinator_cannot_review(client: Client, wave: Wave, personas: Personas) -> None:
    client.force_login(personas.coordinator)
    response = Response.objects.get()
    assert client.post(_page(wave, response), {"state": "approved"}).status_code == 403
    approve = reverse("surveys:approve_all", kwargs={"pk": wave.pk})
    assert client.post(approve).status_code == 403
    response.refresh_from_db()
    assert response.review == ReviewState.RECEIVED


def test_an_anonymous_response_page_names_no_hromada(client: Client, personas: Personas) -> None:
    make_member(personas.hromada)
    from tests.surveys.factories import make_survey

    wave = open_wave(
        make_survey(personas.analyst, code="anon"), personas.analyst, personas.oblast,
        mode="anonymous",
    )  # fmt: skip
    actions.submit_answers(wave.invitations.get(), ANSWERS)
    client.force_login(personas.analyst)
    page = client.get(_page(wave, Response.objects.get(wave=wave))).content.decode()
    main = page.split("<main", 1)[1]
    assert "Анонімна відповідь" in main and personas.hromada.name_uk not in main
