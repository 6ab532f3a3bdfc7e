"""What each process keeps between API requests (hromada.api.catalogue_memo, the hromada
frame: hromada.web.registry_memo) is seen to change by the very next request: after an
audited change of the catalogue or the registry, after a new snapshot of published values,
and after the cache is cleared (what was written around the actions)."""

from __future__ import annotations

from django.core.cache import caches
from django.test import Client

from hromada.analytics.snapshot import current_snapshot
from hromada.audit.actions import record_audit
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.catalogue_actions import set_indicator_active
from hromada.indicators.models import Indicator, Status
from hromada.territories.models import Territory
from tests.analytics.factories import Dataset
from tests.api.helpers import assert_problem, data
from tests.conftest import Personas

RANKING = "/api/v1/rankings?indicator=budget.revenue.own&year=2023"


def _value_of(client: Client, code: str) -> float | None:
    items = data(client.get(RANKING))["items"]
    return next(item["value"] for item in items if item["territory"] == code)


def test_a_deactivated_indicator_is_not_ranked_by_the_next_request(
    client: Client, dataset: Dataset, personas: Personas
) -> None:
    assert client.get(RANKING).status_code == 200
    indicator = Indicator.objects.get(code="budget.revenue.own")
    set_indicator_active(indicator, False, by=personas.analyst, reason="retired")
    assert_problem(client.get(RANKING), 404)


def test_a_new_snapshot_is_ranked_by_the_next_request(client: Client, dataset: Dataset) -> None:
    hromada = dataset.hromadas[0]
    before = _value_of(client, hromada.code)
    indicator = Indicator.objects.get(code="budget.revenue.own")
    changed = (before or 0) + 1234.0  # whole: the indicator keeps no decimals
    value = ValueInput(hromada.pk, indicator.pk, 2023, "", changed, "")
    record_observations([value], by=None, reason="correction", status=Status.PUBLISHED)
    current_snapshot()  # the worker's build, as after every publication
    assert _value_of(client, hromada.code) == changed


def _territories_of_a_page(client: Client) -> set[str]:
    page = data(client.get("/api/v1/observations?indicator=budget.revenue.own&limit=1000"))
    return {item["territory"] for item in page["items"]}


def test_an_audited_change_of_a_code_shows_in_the_next_page_of_values(
    client: Client, dataset: Dataset
) -> None:
    hromada = dataset.hromadas[0]
    assert hromada.code in _territories_of_a_page(client)
    Territory.objects.filter(pk=hromada.pk).update(code="UA99999999999999999")
    record_audit(
        action="territories.territory.change",
        obj=hromada,
        changes={"code": (hromada.code, "UA99999999999999999")},
    )
    seen = _territories_of_a_page(client)
    assert "UA99999999999999999" in seen and hromada.code not in seen


def test_a_change_written_around_the_actions_shows_once_the_cache_is_cleared(
    client: Client, dataset: Dataset
) -> None:
    hromada = dataset.hromadas[0]
    assert hromada.code in _territories_of_a_page(client)
    Territory.objects.filter(pk=hromada.pk).update(code="UA99999999999999998")
    for each in caches.all():  # as when what they hold expires (PAGE_SECONDS)
        each.clear()
    assert "UA99999999999999998" in _territories_of_a_page(client)
