"""Every URL of the API has an explicit decision, and the API answers every role alike.

The API ignores the site's sign-in session: only a token grants more than published data.
So each API route is checked as a group (like the admin in tests/test_permission_matrix.py):
one expected status for a GET, the same for the public, an outsider, an official, a
coordinator, an analyst and an administrator signed in to the site.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.accounts.matrix import project_patterns, sample_path
from tests.collection.factories import indicator, make_campaign
from tests.conftest import Personas

Kwargs = Callable[[Personas], dict[str, str]]


def _hromada(p: Personas) -> dict[str, str]:
    return {"code": p.hromada.code}


def _indicator(p: Personas) -> dict[str, str]:
    return {"code": indicator("demography.population", area="demography").code}


def _submission(p: Personas) -> dict[str, str]:
    campaign = make_campaign([p.hromada])
    return {"campaign_id": str(campaign.pk), "hromada_code": p.hromada.code}


def _release(p: Personas) -> dict[str, str]:
    from tests.releases.factories import release

    return {"release_id": str(release(2023, by=p.analyst).pk)}


def _none(p: Personas) -> dict[str, str]:
    return {}


# name -> (path parameters, status of a GET without a token, for every role)
API_MATRIX: dict[str, tuple[Kwargs, int]] = {
    "api:openapi-json": (_none, 200),
    "api:openapi-view": (_none, 200),
    "api:api-root": (_none, 404),
    "api:not_found": (lambda p: {"rest": "no-such-thing"}, 404),
    "api:list_territories": (_none, 200),
    "api:get_territory": (_hromada, 200),
    "api:list_members": (_none, 200),
    "api:list_areas": (_none, 200),
    "api:list_indicators": (_none, 200),
    "api:get_indicator": (_indicator, 200),
    "api:indicator_versions": (_indicator, 200),
    "api:list_observations": (_none, 200),
    "api:list_releases": (_none, 200),
    "api:get_release": (_release, 200),
    "api:ranking": (_none, 400),  # the indicator parameter is required
    "api:aggregates": (_none, 400),
    "api:peer_groups": (_none, 200),
    "api:similar": (_hromada, 200),
    "api:changes": (_none, 400),  # `since` is required
    "api:draft_observations": (_none, 401),
    "api:submit": (_submission, 405),  # a POST with a token
    "api:list_bills": (_none, 200),
    "api:get_bill": (lambda p: {"number": "404404"}, 404),  # no such bill is tracked
    "api:list_positions": (_none, 200),
    "api:get_position": (lambda p: {"position_id": "1"}, 404),  # drafts and missing alike
    "api:list_problems": (_none, 200),
    "api:list_bodies": (_none, 200),
    "api:answer_board": (_none, 200),
    "api:get_problem": (lambda p: {"problem_id": "1"}, 404),  # unpublished and missing alike
    "api:list_consultations": (_none, 200),
    "api:get_impact": (lambda p: {"position_id": "1"}, 404),
    "api:list_surveys": (_none, 200),
    "api:get_survey": (lambda p: {"code": "cnap"}, 404),  # no published wave
    "api:get_wave": (lambda p: {"code": "cnap", "year": "2026"}, 404),
    "api:get_results": (lambda p: {"code": "cnap", "year": "2026"}, 404),
    "api:list_answers": (lambda p: {"code": "cnap", "year": "2026"}, 401),  # a token's scope
    "api:list_events": (_none, 200),
    "api:get_event": (lambda p: {"event_id": "1"}, 404),
    "api:check_certificate": (lambda p: {"code": "NO-SUCH-CODE"}, 404),
    "api:list_practices": (_none, 200),
    "api:get_practice": (lambda p: {"practice_id": "1"}, 404),
}


def api_patterns() -> list[str]:
    return [p.name for p in project_patterns() if p.name.startswith("api:")]


def test_every_api_route_has_a_decision() -> None:
    assert sorted(api_patterns()) == sorted(API_MATRIX)


@pytest.mark.django_db
def test_every_role_gets_the_same_answer_from_the_api(personas: Personas, settings: Any) -> None:
    # Every route six times over is more than one client's minute of requests; the limit
    # has tests of its own.
    settings.HROMADA_API_RATE_LIMIT = 0
    patterns = {p.name: p for p in project_patterns()}
    users = [
        None,
        personas.outsider,
        personas.official,
        personas.coordinator,
        personas.analyst,
        personas.administrator,
    ]
    wrong = []
    for name, (kwargs, expected) in API_MATRIX.items():
        path = sample_path(patterns[name], kwargs(personas))
        for user in users:
            client = Client()
            if user is not None:
                client.force_login(user)
            status = client.get(path).status_code
            if status != expected:
                wrong.append(f"{name} {path} as {user or 'public'}: {status}, not {expected}")
    assert wrong == []
