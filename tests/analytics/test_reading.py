"""The bulk reader behind every analytics page and the recompute: exact values, typed gaps,
published totals only, on both databases."""

from __future__ import annotations

import math

import pytest

from hromada.analytics.reading import MISSING_CODES, read_published
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Missing, Observation, Status
from tests.analytics.factories import Dataset, make_dataset

pytestmark = pytest.mark.django_db


def _as_dict(ids: list[int], years: tuple[int, int] | None = None) -> dict[tuple, tuple]:
    rows = read_published(ids, years)
    return {
        (int(i), int(t), int(y)): (float(v), MISSING_CODES[int(r)])
        for i, t, y, v, r in zip(
            rows.indicator, rows.territory, rows.year, rows.value, rows.reason, strict=True
        )
    }


def test_reads_every_published_total_exactly_with_typed_gaps() -> None:
    dataset: Dataset = make_dataset()
    gamma = dataset.hromadas[2]
    odd = 1234567.890123456789  # needs all 17 digits of a double
    record_observations(
        [
            ValueInput(gamma.pk, dataset.debt.pk, 2022, "", odd, ""),
            ValueInput(gamma.pk, dataset.debt.pk, 2023, "", None, Missing.CONFIDENTIAL),
        ],
        by=None,
        reason="test",
        status=Status.PUBLISHED,
    )
    # The write path rounds to the indicator's decimals; the reader must still carry every
    # digit a stored double has.
    Observation.objects.filter(indicator=dataset.debt, territory=gamma, year=2022).update(value=odd)
    found = _as_dict([dataset.revenue.pk, dataset.debt.pk])
    assert len(found) == 2 * 5 * 3
    assert found[(dataset.debt.pk, gamma.pk, 2022)] == (odd, "")
    value, reason = found[(dataset.debt.pk, gamma.pk, 2023)]
    assert math.isnan(value) and reason == Missing.CONFIDENTIAL
    value, reason = found[(dataset.revenue.pk, gamma.pk, 2024)]
    assert math.isnan(value) and reason == Missing.NOT_REPORTED
    assert found[(dataset.revenue.pk, dataset.hromadas[0].pk, 2023)] == (95_000.0, "")


def test_leaves_out_drafts_values_split_by_sex_and_years_outside_the_range() -> None:
    dataset = make_dataset()
    alpha = dataset.hromadas[0]
    record_observations(
        [
            ValueInput(alpha.pk, dataset.population.pk, 2025, "", 1.0, ""),
            ValueInput(alpha.pk, dataset.population.pk, 2024, "f", 26_000.0, ""),
        ],
        by=None,
        reason="test",
        status=Status.DRAFT,
    )
    found = _as_dict([dataset.population.pk])
    assert {key[2] for key in found} == {2022, 2023, 2024}
    assert found[(dataset.population.pk, alpha.pk, 2024)] == (50_000.0, "")
    assert {key[2] for key in _as_dict([dataset.population.pk], (2023, 2023))} == {2023}


def test_nothing_asked_or_nothing_stored_gives_empty_arrays() -> None:
    dataset = make_dataset(publish=False)
    assert len(read_published([])) == 0
    assert len(read_published([dataset.population.pk])) == 0


def test_every_reason_for_a_gap_survives_the_packing() -> None:
    dataset = make_dataset()
    reasons = [code for code in MISSING_CODES if code]
    assert len(MISSING_CODES) <= 16  # four bits of the packed integer
    assert len(reasons) <= len(dataset.hromadas)
    pairs = list(zip(dataset.hromadas, reasons, strict=False))
    record_observations(
        [ValueInput(place.pk, dataset.debt.pk, 2030, "", None, reason) for place, reason in pairs],
        by=None,
        reason="test",
        status=Status.PUBLISHED,
    )
    found = _as_dict([dataset.debt.pk], (2030, 2030))
    assert [found[(dataset.debt.pk, place.pk, 2030)][1] for place, _ in pairs] == reasons
