"""A verified or submitted value does not silently become a draft when an official types:
the form says so first, asks to confirm, and the confirmed change is audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hromada.audit.models import AuditEntry
from hromada.collection.entry_actions import Answer, NeedsConfirmation, save_answer_parts
from hromada.indicators.models import Indicator, Observation
from tests.collection.factories import PUPILS, YEAR, make_campaign, put, submission
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true", "Accept-Language": "en"}


def stored(personas: Personas) -> tuple[float | None, str]:
    row = Observation.all_objects.get(territory=personas.hromada, indicator__code=PUPILS, year=YEAR)
    return row.value, row.status


def field_url(campaign_pk: int, code: str) -> str:
    return reverse("collection:field", args=[campaign_pk, code, PUPILS])


def test_typing_over_a_verified_value_asks_first_and_saves_nothing(
    client: Client, personas: Personas
) -> None:
    campaign = make_campaign([personas.hromada])
    put(personas.hromada, PUPILS, YEAR, 500.0, status="verified")
    client.force_login(personas.official)
    with translation.override("en"):
        response = client.post(
            field_url(campaign.pk, personas.hromada.code), {"value": "510"}, headers=HTMX
        )
    html = response.content.decode()
    assert "This value has been verified. If you change it, it becomes a draft again" in html
    assert 'name="confirm_state" value="1"' in html
    assert "Saved as a draft" not in html
    assert stored(personas) == (500.0, "verified")
    assert not AuditEntry.objects.filter(action="collection.value.back_to_draft").exists()


def test_a_confirmed_change_becomes_a_draft_and_is_audited(
    client: Client, personas: Personas
) -> None:
    campaign = make_campaign([personas.hromada])
    put(personas.hromada, PUPILS, YEAR, 500.0, status="verified")
    client.force_login(personas.official)
    with translation.override("en"):
        response = client.post(
            field_url(campaign.pk, personas.hromada.code),
            {"value": "510", "confirm_state": "1"},
            headers=HTMX,
        )
    assert "Saved as a draft" in response.content.decode()
    assert stored(personas) == (510.0, "draft")
    entry = AuditEntry.objects.get(action="collection.value.back_to_draft")
    assert entry.actor == personas.official
    assert entry.changes == {"indicator": [None, PUPILS], "status": ["verified", "draft"]}


def test_a_submitted_value_is_explained_on_the_page_before_typing(
    client: Client, personas: Personas
) -> None:
    campaign = make_campaign([personas.hromada])
    put(personas.hromada, PUPILS, YEAR, 500.0, status="submitted")
    client.force_login(personas.official)
    with translation.override("en"):
        page = client.get(
            reverse("collection:entry", args=[campaign.pk, personas.hromada.code]),
            headers={"Accept-Language": "en"},
        )
    assert "This value has been submitted: changing it makes it a draft again" in (
        page.content.decode()
    )


def test_the_action_refuses_an_unconfirmed_change_of_a_submitted_value(
    personas: Personas,
) -> None:
    campaign = make_campaign([personas.hromada])
    put(personas.hromada, PUPILS, YEAR, 500.0, status="submitted")
    answer = Answer(Indicator.objects.get(code=PUPILS), 600.0, "", "")
    sub = submission(campaign, personas.hromada)
    with pytest.raises(NeedsConfirmation):
        save_answer_parts(sub, [answer], by=personas.official)
    assert stored(personas) == (500.0, "submitted")


def test_draft_values_save_without_asking(client: Client, personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    put(personas.hromada, PUPILS, YEAR, 500.0, status="draft")
    client.force_login(personas.official)
    client.post(field_url(campaign.pk, personas.hromada.code), {"value": "520"}, headers=HTMX)
    assert stored(personas) == (520.0, "draft")
