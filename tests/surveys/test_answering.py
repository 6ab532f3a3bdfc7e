"""Answering by a personal link: checks as the form says, save and continue, submit, misuse."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from hromada.surveys import actions
from hromada.surveys.models import Invitation, InvitationState, Response, Wave
from tests.conftest import Personas
from tests.indicators.factories import make_indicator
from tests.surveys.factories import (
    ANSWERS,
    SURVEY,
    make_member,
    make_survey,
    open_wave,
    with_column,
    workbook,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave(personas: Personas) -> Wave:
    make_member(personas.hromada)
    return open_wave(make_survey(personas.analyst), personas.analyst, personas.oblast)


def _url(invitation: Invitation, name: str = "surveys:respond") -> str:
    return reverse(name, kwargs={"token": invitation.token})


def _post(client: Client, invitation: Invitation, answers: dict[str, str], action: str) -> str:
    data: dict[str, object] = {**answers, "action": action}
    data["services"] = answers.get("services", "").split()
    response = client.post(_url(invitation), data)
    return str(response.status_code) + response.content.decode()


def test_the_questionnaire_opens_by_link_without_an_account(client: Client, wave: Wave) -> None:
    page = client.get(_url(wave.invitations.get())).content.decode()
    assert "Скільки працівників у ЦНАП?" in page
    assert "Кількість осіб" in page
    assert 'name="services"' in page


def test_the_questionnaire_is_in_english_on_the_english_site(client: Client, wave: Wave) -> None:
    page = client.get("/en" + _url(wave.invitations.get())).content.decode()
    assert "How many staff work at the ASC?" in page


def test_a_made_up_token_finds_nothing(client: Client, wave: Wave) -> None:
    assert client.get(reverse("surveys:respond", kwargs={"token": "made-up"})).status_code == 404
    assert client.post(reverse("surveys:relevance", kwargs={"token": "x" * 43})).status_code == 404


def test_required_and_constraints_are_checked_with_the_forms_own_message(
    client: Client, wave: Wave
) -> None:
    invitation = wave.invitations.get()
    page = _post(client, invitation, {"staff": "5000", "has_online": ""}, "submit")
    assert page.startswith("400")
    assert "Від 0 до 999" in page
    assert "Це питання потребує відповіді." in page
    assert not Response.objects.exists()


def test_a_question_hidden_by_relevance_is_not_required_and_its_answer_dropped(
    wave: Wave,
) -> None:
    invitation = wave.invitations.get()
    checked = actions.submit_answers(
        invitation, {"staff": "3", "has_online": "no", "services": "land"}
    )
    assert checked.ok
    answers = Response.objects.get().answers
    assert "services" not in answers
    assert answers["double_staff"] == "6"


def test_the_relevance_endpoint_tells_the_page_what_to_hide(client: Client, wave: Wave) -> None:
    invitation = wave.invitations.get()
    hidden = client.post(_url(invitation, "surveys:relevance"), {"has_online": "no"}).json()
    assert hidden == {"hidden": ["services"]}
    shown = client.post(_url(invitation, "surveys:relevance"), {"has_online": "yes"}).json()
    assert shown == {"hidden": []}


def test_saving_keeps_answers_to_continue_later(client: Client, wave: Wave) -> None:
    invitation = wave.invitations.get()
    page = _post(client, invitation, {"staff": "7", "comment": "Пізніше"}, "save")
    assert "можна продовжити пізніше" in page
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.STARTED
    again = client.get(_url(invitation)).content.decode()
    assert 'value="7"' in again and "Пізніше" in again


def test_a_submitted_questionnaire_cannot_be_submitted_again(client: Client, wave: Wave) -> None:
    invitation = wave.invitations.get()
    assert "Дякуємо" in _post(client, invitation, ANSWERS, "submit")
    page = _post(client, invitation, {**ANSWERS, "staff": "99"}, "submit")
    assert "Дякуємо" in page
    assert Response.objects.get().answers["staff"] == "12"


def test_numbers_are_stored_plainly_and_a_comma_is_a_decimal_mark(wave: Wave) -> None:
    actions.submit_answers(wave.invitations.get(), {**ANSWERS, "staff": "1 2"})
    answers = Response.objects.get().answers
    assert answers["staff"] == "12" and answers["share"] == "40.5"


def test_a_closed_wave_accepts_no_answers(client: Client, wave: Wave, personas: Personas) -> None:
    actions.close_wave(wave, by=personas.analyst)
    page = _post(client, wave.invitations.get(), ANSWERS, "submit")
    assert "закрито" in page
    assert not Response.objects.exists()


def test_answers_of_the_previous_wave_are_prefilled_where_the_analyst_allows(
    client: Client, wave: Wave, personas: Personas
) -> None:
    actions.submit_answers(wave.invitations.get(), ANSWERS)
    later = open_wave(wave.survey, personas.analyst, personas.oblast, year=2027, prefill=True)
    page = client.get(_url(later.invitations.get())).content.decode()
    assert 'value="12"' in page
    not_allowed = open_wave(wave.survey, personas.analyst, personas.oblast, year=2028)
    assert 'value="12"' not in client.get(_url(not_allowed.invitations.get())).content.decode()


def test_a_bound_question_shows_the_hromadas_published_value_beside_it(
    client: Client, personas: Personas
) -> None:
    indicator = make_indicator("services.asc.staff", unit="осіб")
    make_member(personas.hromada)
    published = [ValueInput(personas.hromada.pk, indicator.pk, 2024, "", 1234.0, "")]
    record_observations(published, by=None, reason="import", status=Status.PUBLISHED)
    draft = [ValueInput(personas.hromada.pk, indicator.pk, 2025, "", 99.0, "")]
    record_observations(draft, by=None, reason="import", status=Status.DRAFT)
    survey = actions.create_survey(
        actions.SurveySpec(code="bound", title_uk="Пов’язане"), by=personas.analyst
    )
    bound = with_column(SURVEY, "bind::hromada:indicator", {"staff": "services.asc.staff"})
    actions.upload_form(survey, "b.xlsx", workbook(bound), by=personas.analyst)
    wave = open_wave(survey, personas.analyst, personas.oblast)
    page = client.get(_url(wave.invitations.get())).content.decode()
    assert "Опубліковано для вашої громади: 1\u00a0234 осіб (2024)." in page
    assert "99" not in page.split("Скільки працівників", 1)[1].split("</fieldset>", 1)[0]


def test_an_overlong_text_answer_is_refused_with_a_message(wave: Wave) -> None:
    checked = actions.submit_answers(wave.invitations.get(), {**ANSWERS, "comment": "я" * 6000})
    assert checked.errors == {"comment": "Відповідь задовга: щонайбільше 5000 символів."}
    assert not Response.objects.exists()
