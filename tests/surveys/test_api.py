"""Surveys in the API: only waves whose results an analyst published are public, and only in
aggregate; answers row by row reach an analyst's token with its scope, never for an
anonymous wave; small cross-tab groups are left out."""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from hromada.api.models import Scope
from hromada.api.tokens import create_token
from hromada.indicators.models import Indicator, Observation, Status
from hromada.indicators.population_bands import POPULATION_CODE
from hromada.surveys import actions
from hromada.surveys.models import Wave
from hromada.territories.models import Territory
from tests.api.helpers import assert_problem, data
from tests.api.test_schemathesis import kept_connection  # noqa: F401 - a fixture
from tests.conftest import Personas
from tests.factories import make_hromada
from tests.indicators.factories import make_indicator
from tests.surveys.factories import ANSWERS, make_member, make_survey, open_wave

pytestmark = pytest.mark.django_db


def _population(hromada: Territory, value: float, year: int = 2025) -> None:
    indicator = Indicator.objects.filter(code=POPULATION_CODE).first() or make_indicator(
        POPULATION_CODE
    )
    Observation.all_objects.create(
        territory=hromada, indicator=indicator, year=year, value=value, status=Status.PUBLISHED
    )


def _finished_wave(personas: Personas, *, mode: str = "closed", answered: int = 4) -> Wave:
    """A wave of `answered` hromadas of one oblast that all answered, then closed."""
    hromadas = [personas.hromada] + [
        make_hromada(personas.hromada.raion, name_uk=f"Громада {at}") for at in range(answered - 1)
    ]
    for at, hromada in enumerate(hromadas):
        make_member(hromada, email=f"head{at}@example.org")
    survey = make_survey(personas.analyst)
    wave = open_wave(survey, personas.analyst, personas.oblast, mode=mode)
    for at, invitation in enumerate(wave.invitations.order_by("pk")):
        actions.submit_answers(invitation, {**ANSWERS, "has_online": "no" if at else "yes"})
    return actions.close_wave(wave, by=personas.analyst)


def _secret(user: Any, scopes: list[str]) -> str:
    _token, secret = create_token(by=None, user=user, name="t", scopes=scopes)
    return secret


def test_a_wave_is_not_in_the_api_until_its_results_are_published(
    client: Client, personas: Personas
) -> None:
    wave = _finished_wave(personas)
    assert data(client.get("/api/v1/surveys"))["items"] == []
    assert_problem(client.get("/api/v1/surveys/cnap/waves/2026/results"), 404)

    actions.publish_results(wave, by=personas.analyst)

    surveys = data(client.get("/api/v1/surveys"))["items"]
    assert [(s["code"], [w["year"] for w in s["waves"]]) for s in surveys] == [("cnap", [2026])]
    detail = data(client.get("/api/v1/surveys/cnap/waves/2026"))
    assert detail["total"]["invited"] == 4
    assert detail["total"]["submitted"] == 4
    assert detail["total"]["response_rate"] == 100.0
    assert [(r["group"], r["invited"]) for r in detail["by_type"]] == [("сільська громада", 4)]


def test_published_results_give_shares_with_margins_and_no_answer_row_by_row(
    client: Client, personas: Personas
) -> None:
    actions.publish_results(_finished_wave(personas), by=personas.analyst)
    body = data(client.get("/api/v1/surveys/cnap/waves/2026/results"))
    online = next(q for q in body["questions"] if q["name"] == "has_online")
    assert [(s["choice"], s["count"], s["percent"]) for s in online["shares"]] == [
        ("yes", 1, 25.0),
        ("no", 3, 75.0),
    ]
    assert online["shares"][0]["margin_of_error"] == pytest.approx(42.4, abs=0.1)
    staff = next(q for q in body["questions"] if q["name"] == "staff")
    assert staff["summary"]["mean"] == 12.0
    # Open answers are text a respondent wrote: listed to analysts, never in the open API.
    assert "HYPERLINK" not in str(body)


def test_cross_tabs_by_population_band_leave_out_groups_of_fewer_than_three(
    client: Client, personas: Personas
) -> None:
    wave = _finished_wave(personas)
    hromadas = [invitation.hromada for invitation in wave.invitations.order_by("pk")]
    for hromada in hromadas[:3]:
        _population(hromada, 8_000)
    _population(hromadas[3], 30_000)
    actions.publish_results(wave, by=personas.analyst)

    body = data(client.get("/api/v1/surveys/cnap/waves/2026/results", HTTP_ACCEPT_LANGUAGE="en"))
    tabs = next(q for q in body["questions"] if q["name"] == "has_online")["cross_tabs"]
    assert [(g["group"], g["answered"]) for g in tabs["population_band"]] == [
        ("5,000 to 10,000 residents", 3)
    ]
    assert tabs["left_out"] == 1
    assert [g["answered"] for g in tabs["oblast"]] == [4]


def test_publishing_results_needs_a_closed_wave_and_an_analyst(personas: Personas) -> None:
    make_member(personas.hromada)
    wave = open_wave(make_survey(personas.analyst), personas.analyst, personas.oblast)
    actions.submit_answers(wave.invitations.get(), ANSWERS)
    with pytest.raises(actions.SurveyError, match="Закрийте хвилю"):
        actions.publish_results(wave, by=personas.analyst)
    actions.close_wave(wave, by=personas.analyst)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.publish_results(wave, by=personas.coordinator)
    actions.publish_results(wave, by=personas.analyst)
    with pytest.raises(actions.SurveyError, match="вже опубліковано"):
        actions.publish_results(wave, by=personas.analyst)


def test_an_analysts_token_with_the_scope_reads_answers_of_a_closed_wave(
    client: Client, personas: Personas
) -> None:
    _finished_wave(personas)  # raw answers do not wait for published results
    secret = _secret(personas.analyst, [Scope.READ_SURVEY_ANSWERS])
    url = "/api/v1/surveys/cnap/waves/2026/answers?limit=3"
    first = data(client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}"))
    rest = data(client.get(first["next"], HTTP_AUTHORIZATION=f"Bearer {secret}"))
    rows = first["items"] + rest["items"]
    assert len(rows) == 4
    assert rest["next"] is None
    assert personas.hromada.code in {row["hromada"] for row in rows}
    assert {row["answers"]["staff"] for row in rows} == {"12"}


@pytest.mark.parametrize(
    ("who", "scopes"),
    [
        ("analyst", [Scope.READ_DRAFTS]),  # the wrong scope
        ("coordinator", [Scope.READ_SURVEY_ANSWERS]),  # not an analyst
    ],
)
def test_other_tokens_never_read_answers(
    client: Client, personas: Personas, who: str, scopes: list[str]
) -> None:
    _finished_wave(personas)
    user = getattr(personas, who)
    _token, secret = create_token(
        by=None,
        user=user,
        name="t",
        scopes=scopes,
        hromada=None if who == "analyst" else personas.hromada,
    )
    url = "/api/v1/surveys/cnap/waves/2026/answers"
    assert_problem(client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}"), 403)
    assert_problem(client.get(url), 401)


def test_an_anonymous_waves_answers_are_never_given_row_by_row(
    client: Client, personas: Personas
) -> None:
    wave = _finished_wave(personas, mode="anonymous")
    actions.publish_results(wave, by=personas.analyst)
    secret = _secret(personas.analyst, [Scope.READ_SURVEY_ANSWERS])
    url = "/api/v1/surveys/cnap/waves/2026/answers"
    problem = assert_problem(client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}"), 403)
    assert "anonymous" in problem["detail"]
    # Its aggregate is public, without population bands (an anonymous answer has no hromada).
    body = data(client.get("/api/v1/surveys/cnap/waves/2026/results"))
    tabs = next(q for q in body["questions"] if q["name"] == "has_online")["cross_tabs"]
    assert tabs["population_band"] == []
    assert personas.hromada.code not in str(body)


def test_the_survey_list_reads_a_fixed_number_of_queries(
    client: Client, personas: Personas, django_assert_max_num_queries: Any
) -> None:
    actions.publish_results(_finished_wave(personas), by=personas.analyst)
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/surveys")
    assert response.status_code == 200


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application()).include(
    path_regex="^/api/v1/surveys"
)


@pytest.fixture
def published(personas: Personas, settings: Any) -> Wave:
    settings.HROMADA_API_RATE_LIMIT = 0
    wave = _finished_wave(personas)
    return actions.publish_results(wave, by=personas.analyst)


@pytest.mark.usefixtures("kept_connection")
@schema.parametrize()
@hypothesis.settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_survey_endpoints_keep_their_contract(case: Any, published: Wave) -> None:
    """With a published wave to find: no server error, and every answer matches its schema."""
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])


def test_a_question_answered_by_fewer_than_three_gives_its_count_only(
    client: Client, personas: Personas
) -> None:
    actions.publish_results(_finished_wave(personas, answered=2), by=personas.analyst)
    body = data(client.get("/api/v1/surveys/cnap/waves/2026/results"))
    online = next(q for q in body["questions"] if q["name"] == "has_online")
    assert (online["answered"], online["shares"], online["cross_tabs"]) == (2, [], None)
    staff = next(q for q in body["questions"] if q["name"] == "staff")
    assert staff["summary"] is None
