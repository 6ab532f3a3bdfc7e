"""Writing through the API asks who is writing before it looks at the rows: a validation
answer tells about stored values, which must not reach anyone outside the hromada's scope;
and a token never reaches beyond its user's own area."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from hromada.api.tokens import create_token
from hromada.collection.models import ValidationRule
from hromada.indicators.models import Observation
from tests.api.helpers import assert_problem
from tests.collection.factories import GRADE1, PUPILS, YEAR, make_campaign, put
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
WRITE = ["read_drafts", "write_drafts"]


def post(client: Client, url: str, secret: str, rows: list[dict[str, Any]]) -> Any:
    return client.post(
        url,
        json.dumps(rows),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )


def test_a_country_wide_token_cannot_probe_drafts_outside_its_users_area_through_validation(
    client: Client, personas: Personas
) -> None:
    campaign = make_campaign([personas.other_hromada])
    ValidationRule.objects.create(
        expression=f"{PUPILS} >= {GRADE1}", message_uk="Першокласників більше, ніж учнів."
    )
    put(personas.other_hromada, PUPILS, YEAR, 7341.0, status="draft")
    # The token was made while its user was an analyst; they now coordinate one oblast.
    _token, secret = create_token(
        by=personas.analyst, user=personas.analyst, name="R", scopes=WRITE
    )
    personas.analyst.role = personas.coordinator.role
    personas.analyst.territory = personas.oblast
    personas.analyst.save()
    url = f"/api/v1/campaigns/{campaign.pk}/submissions/{personas.other_hromada.code}/values"
    for guess in (7342, 7340):  # refused or not, the rule's answer would bound the draft
        response = post(client, url, secret, [{"indicator": GRADE1, "value": guess}])
        assert "errors" not in assert_problem(response, 403)
    assert not Observation.all_objects.filter(indicator__code=GRADE1).exists()


@pytest.mark.parametrize("creator", ["self", "administrator", "command line"])
def test_an_official_or_coordinator_token_is_always_bound_to_a_hromada_of_their_area(
    personas: Personas, creator: str
) -> None:
    for user in (personas.official, personas.coordinator):
        by = {"self": user, "administrator": personas.administrator, "command line": None}[creator]
        with pytest.raises(PermissionDenied):
            create_token(by=by, user=user, name="x", scopes=WRITE)
        with pytest.raises(PermissionDenied):
            create_token(by=by, user=user, name="x", scopes=WRITE, hromada=personas.other_hromada)
