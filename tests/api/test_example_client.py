"""The example client of docs/api.md, run against a live server, reads every value."""

from __future__ import annotations

from typing import Any

import pytest

from hromada.api import example_client
from hromada.indicators.models import Observation
from tests.analytics.factories import Dataset

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_example_client_walks_every_page(
    live_server: Any, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    original = example_client.fetch

    def fetch(url: str) -> dict[str, Any]:
        calls.append(url)
        return original(url)

    monkeypatch.setattr(example_client, "fetch", fetch)
    base = f"{live_server.url}/api/v1"
    rows = list(example_client.observations(base, indicator=["budget.debt_share"], limit="4"))
    assert len(rows) == Observation.objects.filter(indicator=dataset.debt).count() == 15
    assert len(calls) == 4


def test_the_example_client_prints_one_line_per_value(
    live_server: Any, dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    example_client.main(f"{live_server.url}/api/v1")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 10  # five hromadas, 2023 and 2024
    assert any(line.endswith(" 2024 50000.0") for line in lines)
