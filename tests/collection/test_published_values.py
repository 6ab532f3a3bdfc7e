"""A published value leaves the public only through an analyst's correction with a reason:
entry in a campaign for an already published year (autosave, workbook, API) cannot turn it
back into a draft."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from hromada.api.tokens import create_token
from hromada.collection.entry_actions import Answer, save_answer
from hromada.collection.errors import CollectionError
from hromada.collection.workflow_actions import (
    correct_published_value,
    return_submission,
    submit_submission,
)
from hromada.indicators.models import Indicator, Observation, ObservationHistory
from tests.collection.factories import GRADE1, PUPILS, YEAR, make_campaign, put, submission
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def stored(personas: Personas, code: str = PUPILS) -> Observation:
    return Observation.all_objects.get(territory=personas.hromada, indicator__code=code, year=YEAR)


def test_an_autosave_over_a_published_value_is_refused_with_a_clear_message(
    personas: Personas,
) -> None:
    put(personas.hromada, PUPILS, YEAR, 500.0, status="published")
    campaign = make_campaign([personas.hromada])
    client = Client()
    client.force_login(personas.official)
    url = reverse(
        "collection:field",
        kwargs={"pk": campaign.pk, "code": personas.hromada.code, "indicator": PUPILS},
    )
    response = client.post(url, {"value": "480"}, headers=HTMX)
    assert "опубліковано" in response.content.decode()
    assert (stored(personas).value, stored(personas).status) == (500.0, "published")
    public = client.get(f"/api/v1/observations?territory={personas.hromada.code}")
    assert [row["value"] for row in public.json()["items"]] == [500.0]


def test_clearing_a_published_field_is_refused_too(personas: Personas) -> None:
    put(personas.hromada, PUPILS, YEAR, 500.0, status="published")
    campaign = make_campaign([personas.hromada])
    blank = Answer(Indicator.objects.get(code=PUPILS), None, "", "")
    with pytest.raises(CollectionError):
        save_answer(submission(campaign, personas.hromada), blank, by=personas.official)
    assert (stored(personas).value, stored(personas).status) == (500.0, "published")


def test_the_api_answers_409_and_saves_nothing(client: Client, personas: Personas) -> None:
    put(personas.hromada, PUPILS, YEAR, 500.0, status="published")
    campaign = make_campaign([personas.hromada])
    _token, secret = create_token(
        by=personas.official, user=personas.official, name="ERP",
        scopes=["write_drafts"], hromada=personas.hromada,
    )  # fmt: skip
    rows = [{"indicator": GRADE1, "value": 60}, {"indicator": PUPILS, "value": 480}]
    response = client.post(
        f"/api/v1/campaigns/{campaign.pk}/submissions/{personas.hromada.code}/values",
        json.dumps(rows),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 409
    assert PUPILS in response.json()["detail"]
    assert stored(personas).status == "published"
    assert not Observation.all_objects.filter(indicator__code=GRADE1).exists()


def test_returning_a_submission_leaves_values_published_earlier_alone(
    personas: Personas,
) -> None:
    put(personas.hromada, PUPILS, YEAR, 500.0, status="published")
    campaign = make_campaign([personas.hromada])
    save_answer(
        submission(campaign, personas.hromada),
        Answer(Indicator.objects.get(code=GRADE1), 60.0, "", ""),
        by=personas.official,
    )
    submit_submission(submission(campaign, personas.hromada), by=personas.official)
    return_submission(
        submission(campaign, personas.hromada), by=personas.coordinator, notes={}, comment="Ні"
    )
    assert stored(personas).status == "published"


def test_an_analysts_correction_with_a_reason_still_changes_a_published_value(
    personas: Personas,
) -> None:
    put(personas.hromada, PUPILS, YEAR, 500.0, status="published")
    measure = Indicator.objects.get(code=PUPILS)
    correct_published_value(
        personas.hromada, measure, YEAR, 480.0, reason="Typo in the source", by=personas.analyst
    )
    assert (stored(personas).value, stored(personas).status) == (480.0, "published")
    last = ObservationHistory.objects.filter(observation=stored(personas)).latest("pk")
    assert last.comment == "Typo in the source"
