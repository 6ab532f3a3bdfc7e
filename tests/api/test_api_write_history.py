"""Values written through the write API say so in their history."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.indicators.models import ObservationHistory
from tests.api.test_tokens import official_token, post, values_url
from tests.collection.factories import GRADE1, PUPILS, make_campaign
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def test_values_written_through_the_api_are_recorded_as_api_writes(
    client: Client, personas: Personas
) -> None:
    campaign = make_campaign([personas.hromada])
    secret = official_token(personas)
    rows = [{"indicator": PUPILS, "value": 500}, {"indicator": GRADE1, "value": 61}]
    response = post(client, values_url(campaign, personas.hromada.code), secret, rows)
    assert response.status_code == 200, response.content
    reasons = set(ObservationHistory.objects.values_list("reason", flat=True))
    assert reasons == {ObservationHistory.Reason.API}
