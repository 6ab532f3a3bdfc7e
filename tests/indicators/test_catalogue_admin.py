"""The admin for the statistical core: indicators save through the catalogue actions."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Indicator, Status
from tests.conftest import Personas
from tests.indicators.factories import activate_english, make_indicator

pytestmark = pytest.mark.django_db
english = pytest.fixture(autouse=True)(activate_english)


@pytest.fixture
def admin_client(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.administrator)
    return client


def test_every_model_of_the_core_has_an_admin_list(
    personas: Personas, admin_client: Client
) -> None:
    indicator = make_indicator("demography.population")
    record_observations(
        [ValueInput(personas.hromada.pk, indicator.pk, 2023, "", 5.0, "")],
        by=None,
        reason="import",
        status=Status.DRAFT,
    )
    for model in ("area", "indicator", "observation", "observationhistory", "importbatch"):
        response = admin_client.get(reverse(f"admin:indicators_{model}_changelist"))
        assert response.status_code == 200, model
    observations = admin_client.get(reverse("admin:indicators_observation_changelist"))
    assert observations.context["cl"].result_count == 1  # drafts too, not only published


def _admin_form(indicator: Indicator, **changes: Any) -> dict[str, Any]:
    data = {
        "area": indicator.area_id,
        "name_uk": indicator.name_uk,
        "name_en": indicator.name_en,
        "definition_uk": indicator.definition_uk,
        "definition_en": indicator.definition_en,
        "unit": indicator.unit,
        "value_type": indicator.value_type,
        "decimals": indicator.decimals,
        "polarity": indicator.polarity,
        "aggregation": indicator.aggregation,
        "min_value": "",
        "max_value": "",
        "source": indicator.source,
        "formula": "",
        "order": 0,
        "is_active": "on",
        "versions-TOTAL_FORMS": "1",
        "versions-INITIAL_FORMS": "1",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
        "versions-0-id": indicator.versions.get().pk,
        "versions-0-indicator": indicator.pk,
    }
    data.update(changes)
    return data


def test_an_admin_edit_is_a_new_version(admin_client: Client, personas: Personas) -> None:
    indicator = make_indicator("demography.population")
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    response = admin_client.post(url, _admin_form(indicator, name_en="Residents"))
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.version, indicator.name_en) == (2, "Residents")
    assert indicator.versions.get(version=2).changed_by == personas.administrator


def test_an_admin_edit_with_a_broken_formula_is_refused(admin_client: Client) -> None:
    indicator = make_indicator("demography.population")
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    data = _admin_form(indicator, formula="demography.missing * 2", aggregation="none")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "demography.missing" in str(response.context["adminform"].form.errors["formula"])
    indicator.refresh_from_db()
    assert indicator.version == 1


def test_values_and_their_history_cannot_be_edited_in_the_admin(admin_client: Client) -> None:
    for model in ("observation", "observationhistory", "importbatch"):
        assert admin_client.get(reverse(f"admin:indicators_{model}_add")).status_code == 403
