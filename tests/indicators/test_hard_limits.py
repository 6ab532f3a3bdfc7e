"""Impossible values block, unusual ones warn (issue 11, part 3).

The shipped catalogue is checked against every real value in ../shared/data that maps to one
of its indicators (bench/calibration/real_files.py says which column is which indicator, in
which unit): none may be refused as impossible.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.calibration.real_files import every_real_value

from hromada.indicators.catalogue_seed import read_seed
from hromada.indicators.catalogue_spec import IndicatorSpec
from hromada.indicators.limits import impossible, unusual


@pytest.fixture(scope="module")
def shipped() -> dict[str, IndicatorSpec]:
    return {spec.code: spec for spec in read_seed().indicators}


def test_no_real_value_is_refused_as_impossible(
    shared_data: Path, shipped: dict[str, IndicatorSpec]
) -> None:
    values = list(every_real_value(shared_data))
    assert len(values) > 100_000
    refused = [v for v in values if impossible(shipped[v.code], v.value)]
    assert refused == []
    # The real files do hold what the old ranges refused: negative Treasury amounts (net of
    # refunds) and a tax capacity index above 10.
    assert sum(v.value < 0 for v in values if v.code.startswith("budget.")) > 100
    capacity = [v.value for v in values if v.code == "budget.revenue.tax_capacity_index"]
    assert max(capacity) > 16


def test_a_negative_revenue_line_is_unusual_not_impossible(
    shipped: dict[str, IndicatorSpec],
) -> None:
    refunds = shipped["budget.revenue.corporate_tax"]
    assert impossible(refunds, -12.5) == ""
    assert "правдоподібний мінімум" in unusual(refunds, -12.5)


def test_a_negative_count_and_a_share_over_100_percent_are_impossible(
    shipped: dict[str, IndicatorSpec],
) -> None:
    assert "неможливе" in impossible(shipped["demography.population"], -1)
    assert "неможливе" in impossible(shipped["health.dtp3_coverage"], 100.5)
    assert impossible(shipped["health.dtp3_coverage"], 100) == ""


def test_a_real_tax_capacity_index_of_16_75_is_accepted(
    shipped: dict[str, IndicatorSpec],
) -> None:
    index = shipped["budget.revenue.tax_capacity_index"]
    assert impossible(index, 16.75) == "" and unusual(index, 16.75) == ""
