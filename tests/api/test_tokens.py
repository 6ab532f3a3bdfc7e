"""API tokens: hashed, scoped, limited to a hromada, revocable; the write endpoint validates
like the Excel upload and stores all rows or none."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client

from hromada.api.models import ApiToken
from hromada.api.tokens import create_token, digest, revoke_token
from hromada.collection.models import Campaign, State
from hromada.indicators.models import Observation
from tests.api.helpers import assert_problem, data
from tests.collection.factories import GRADE1, PUPILS, make_campaign, put, submission
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
WRITE = ["read_drafts", "write_drafts"]


def values_url(campaign: Campaign, code: str) -> str:
    return f"/api/v1/campaigns/{campaign.pk}/submissions/{code}/values"


def post(client: Client, url: str, secret: str, rows: list[dict[str, Any]]) -> Any:
    return client.post(
        url,
        json.dumps(rows),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )


def official_token(personas: Personas, scopes: list[str] = WRITE) -> str:
    _token, secret = create_token(
        by=personas.official,
        user=personas.official,
        name="ERP",
        scopes=scopes,
        hromada=personas.hromada,
    )
    return secret


def test_the_token_is_stored_only_as_its_hash(personas: Personas) -> None:
    secret = official_token(personas)
    token = ApiToken.objects.get()
    assert token.key_hash == digest(secret)
    assert secret not in {token.key_hash, token.prefix, token.name}
    assert secret.startswith(token.prefix)


def test_a_hromada_token_writes_its_hromadas_drafts(client: Client, personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    secret = official_token(personas)
    rows = [{"indicator": PUPILS, "value": 500}, {"indicator": GRADE1, "value": 61}]
    response = post(client, values_url(campaign, personas.hromada.code), secret, rows)
    assert response.status_code == 200, response.content
    assert data(response)["saved"] == 2
    stored = Observation.all_objects.filter(territory=personas.hromada)
    assert dict(stored.values_list("indicator__code", "value")) == {PUPILS: 500.0, GRADE1: 61.0}
    assert set(stored.values_list("status", flat=True)) == {"draft"}
    assert submission(campaign, personas.hromada).state == State.DRAFT
    assert ApiToken.objects.get().last_used_at is not None


def test_a_hromada_token_cannot_touch_another_hromada(client: Client, personas: Personas) -> None:
    campaign = make_campaign([personas.hromada, personas.other_hromada])
    secret = official_token(personas)
    rows = [{"indicator": PUPILS, "value": 500}]
    response = post(client, values_url(campaign, personas.other_hromada.code), secret, rows)
    assert_problem(response, 403)
    assert not Observation.all_objects.exists()


def test_one_bad_row_saves_nothing_and_names_each_problem(
    client: Client, personas: Personas
) -> None:
    campaign = make_campaign([personas.hromada])
    secret = official_token(personas)
    rows = [
        {"indicator": PUPILS, "value": 500},
        {"indicator": GRADE1, "value": -4},
        {"indicator": "no.such", "value": 1},
    ]
    response = post(client, values_url(campaign, personas.hromada.code), secret, rows)
    document = assert_problem(response, 422)
    assert {(e["index"], e["indicator"]) for e in document["errors"]} == {(2, "no.such")}
    response = post(client, values_url(campaign, personas.hromada.code), secret, rows[:2])
    document = assert_problem(response, 422)
    assert [(e["index"], e["indicator"]) for e in document["errors"]] == [(1, GRADE1)]
    assert not Observation.all_objects.exists()


def test_a_missing_value_needs_a_reason_comment(client: Client, personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    secret = official_token(personas)
    rows = [
        {"indicator": PUPILS, "missing": "not_reported"},
        {"indicator": GRADE1, "value": 61},
    ]
    url = values_url(campaign, personas.hromada.code)
    document = assert_problem(post(client, url, secret, rows), 422)
    assert document["errors"][0]["indicator"] == PUPILS
    rows[0]["comment"] = "The school did not answer."
    assert post(client, url, secret, rows).status_code == 200


def test_a_malformed_body_is_a_422_problem(client: Client, personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    secret = official_token(personas)
    rows = [{"value": "lots"}]
    document = assert_problem(
        post(client, values_url(campaign, personas.hromada.code), secret, rows), 422
    )
    assert {e["field"] for e in document["errors"]} >= {"values.0.indicator", "values.0.value"}


def test_a_closed_questionnaire_is_a_409_problem(client: Client, personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    Campaign.objects.filter(pk=campaign.pk).update(opens_on="2000-01-01", closes_on="2000-02-01")
    secret = official_token(personas)
    rows = [{"indicator": PUPILS, "value": 500}]
    assert_problem(post(client, values_url(campaign, personas.hromada.code), secret, rows), 409)


def test_without_a_token_or_with_a_revoked_one_the_answer_is_401(
    client: Client, personas: Personas
) -> None:
    campaign = make_campaign([personas.hromada])
    secret = official_token(personas)
    url = values_url(campaign, personas.hromada.code)
    rows = [{"indicator": PUPILS, "value": 500}]
    assert_problem(client.post(url, json.dumps(rows), content_type="application/json"), 401)
    assert_problem(post(client, url, "hrm_wrong", rows), 401)
    revoke_token(ApiToken.objects.get(), by=personas.official)
    response = post(client, url, secret, rows)
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_token_without_the_write_scope_may_not_write(client: Client, personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    secret = official_token(personas, scopes=["read_drafts"])
    rows = [{"indicator": PUPILS, "value": 500}]
    document = assert_problem(
        post(client, values_url(campaign, personas.hromada.code), secret, rows), 403
    )
    assert "write_drafts" in document["detail"]


def test_a_hromada_token_reads_only_its_own_drafts(client: Client, personas: Personas) -> None:
    put(personas.hromada, PUPILS, 2024, 500.0, status="draft")
    put(personas.other_hromada, PUPILS, 2024, 700.0, status="draft")
    secret = official_token(personas)
    response = client.get(
        "/api/v1/drafts/observations?status=draft",
        headers={"Authorization": f"Bearer {secret}"},
    )
    rows = data(response)["items"]
    assert [(r["territory"], r["value"]) for r in rows] == [(personas.hromada.code, 500.0)]
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_an_analysts_token_reads_every_draft(client: Client, personas: Personas) -> None:
    put(personas.hromada, PUPILS, 2024, 500.0, status="draft")
    put(personas.other_hromada, PUPILS, 2024, 700.0, status="submitted")
    _token, secret = create_token(
        by=personas.analyst, user=personas.analyst, name="R", scopes=["read_drafts"]
    )
    response = client.get(
        "/api/v1/drafts/observations", headers={"Authorization": f"Bearer {secret}"}
    )
    assert len(data(response)["items"]) == 2


def test_people_make_tokens_only_within_their_scope(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        create_token(by=personas.official, user=personas.official, name="x", scopes=WRITE,
                     hromada=personas.other_hromada)  # fmt: skip
    with pytest.raises(PermissionDenied):
        create_token(by=personas.official, user=personas.official, name="x", scopes=WRITE)
    with pytest.raises(PermissionDenied):
        create_token(by=personas.official, user=personas.analyst, name="x", scopes=WRITE)
    with pytest.raises(PermissionDenied):
        revoke_token(
            create_token(by=personas.analyst, user=personas.analyst, name="a", scopes=[])[0],
            by=personas.official,
        )


def test_the_command_prints_a_working_token_once(client: Client, personas: Personas) -> None:
    out, err = StringIO(), StringIO()
    call_command(
        "create_token",
        "--user", "official", "--hromada", personas.hromada.code,
        "--scope", "read_drafts", "--scope", "write_drafts",
        stdout=out, stderr=err,
    )  # fmt: skip
    secret = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.key_hash == digest(secret)
    assert token.scopes == WRITE
    assert token.hromada == personas.hromada
    response = client.get(
        "/api/v1/drafts/observations", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 200
