"""One ObservationQuerySet behind both managers: who sees what, of, under, years; and the
`parent` of the API and of exports meaning the same thing (every territory under it)."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Observation, Status
from tests.analytics.factories import Dataset, make_dataset
from tests.api.helpers import data
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset() -> Dataset:
    return make_dataset()


def test_the_default_manager_and_visible_to_keep_drafts_to_their_scope(
    dataset: Dataset, personas: Personas
) -> None:
    alpha, delta = dataset.hromadas[0], dataset.hromadas[3]
    drafts = [ValueInput(h.pk, dataset.population.pk, 2031, "", 1.0, "") for h in (alpha, delta)]
    record_observations(drafts, by=None, reason="import", status=Status.DRAFT)
    assert not Observation.objects.years(2031).exists()
    assert Observation.all_objects.years(2031).count() == 2
    assert not Observation.all_objects.visible_to(None).years(2031).exists()
    assert Observation.all_objects.visible_to(personas.analyst).years(2031).count() == 2
    official = personas.official
    official.territory = alpha
    seen = Observation.all_objects.visible_to(official).years(2031)
    assert [o.territory_id for o in seen] == [alpha.pk]


def test_of_under_and_years_narrow_published_values(dataset: Dataset) -> None:
    oblast = dataset.oblast
    under = Observation.objects.of(dataset.population).under(oblast).years(2023, 2024)
    in_oblast = {h.pk for h in dataset.hromadas if h.oblast_id == oblast.pk}
    assert {o.territory_id for o in under} == in_oblast
    assert {o.year for o in under} == {2023, 2024}
    assert (
        Observation.objects.under(oblast.code).count() == Observation.objects.under(oblast).count()
    )
    assert not Observation.objects.under("UA00000000000000000").exists()


def _api_keys(client: Client, code: str) -> set[tuple[str, int]]:
    url = f"/api/v1/observations?indicator=demography.population&parent={code}&limit=500"
    return {(row["territory"], row["year"]) for row in data(client.get(url))["items"]}


def _export_keys(client: Client, code: str) -> set[tuple[str, int]]:
    query = {"format": "csv", "indicator": "demography.population", "parent": code}
    response = client.get("/data/export/", query)
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    return {(row["territory_code"], int(row["year"])) for row in csv.DictReader(io.StringIO(body))}


def test_parent_means_every_territory_under_it_in_the_api_and_the_export(
    dataset: Dataset, client: Client
) -> None:
    oblast, raion = dataset.oblast, dataset.hromadas[0].parent
    assert raion is not None
    for code in (oblast.code, raion.code):
        from_api, from_export = _api_keys(client, code), _export_keys(client, code)
        assert from_api == from_export
        assert {territory for territory, _year in from_api} == {
            h.code for h in dataset.hromadas if h.oblast_id == oblast.pk
        }
