from __future__ import annotations

import numpy as np
import pytest

from hromada.indicators.formula import Panel, aggregate_panel, evaluate, evaluate_aggregate

nan = np.nan
REVENUE_PER_CAPITA = "revenue / population"


def hromadas() -> Panel:
    """Four hromadas in two oblasts (ids 7 and 3), two years."""
    return Panel(
        ("small", "city", "village", "town"),
        (2023, 2024),
        {
            "revenue": np.array([[100.0, 120.0], [1000.0, nan], [50.0, 60.0], [nan, nan]]),
            "population": np.array([[10.0, 10.0], [1000.0, 1000.0], [25.0, 20.0], [400.0, 400.0]]),
            "unemployment": np.array([[10.0, 8.0], [2.0, 2.0], [nan, 6.0], [4.0, nan]]),
        },
    )


OBLAST = np.array([7, 7, 3, 3])


def test_an_oblast_rate_is_the_ratio_of_sums_not_the_mean_of_the_hromada_rates() -> None:
    data = hromadas()
    aggregated = aggregate_panel(data, OBLAST, {"revenue": "sum", "population": "sum"})
    oblast_rates = evaluate_aggregate(REVENUE_PER_CAPITA, aggregated.panel).values
    assert aggregated.panel.rows == (3, 7)
    assert oblast_rates[1, 0] == pytest.approx(1100.0 / 1010.0)
    mean_of_rates = np.mean(evaluate(REVENUE_PER_CAPITA, data).values[:2, 0])
    assert mean_of_rates == pytest.approx(5.5)


def test_a_group_sum_skips_members_that_did_not_report_and_counts_who_did() -> None:
    aggregated = aggregate_panel(hromadas(), OBLAST, {"revenue": "sum"})
    np.testing.assert_array_equal(aggregated.panel["revenue"], [[50.0, 60.0], [1100.0, 120.0]])
    np.testing.assert_array_equal(aggregated.coverage["revenue"], [[1, 1], [2, 1]])
    np.testing.assert_array_equal(aggregated.members, [2, 2])


def test_a_group_where_no_member_reported_is_missing_not_zero() -> None:
    data = hromadas()
    aggregated = aggregate_panel(data, np.array([1, 1, 2, 3]), {"revenue": "sum"})
    assert aggregated.panel.rows == (1, 2, 3)
    np.testing.assert_array_equal(aggregated.panel["revenue"][2], [nan, nan])
    np.testing.assert_array_equal(aggregated.coverage["revenue"][2], [0, 0])


def test_a_weighted_mean_weights_each_member_by_population() -> None:
    aggregated = aggregate_panel(
        hromadas(), OBLAST, {"unemployment": "weighted_mean"}, weights="population"
    )
    oblast_7_first_year = (10.0 * 10 + 2.0 * 1000) / 1010
    oblast_3_first_year = 4.0  # the village did not report
    np.testing.assert_allclose(
        aggregated.panel["unemployment"][:, 0], [oblast_3_first_year, oblast_7_first_year]
    )
    np.testing.assert_array_equal(aggregated.coverage["unemployment"], [[1, 1], [2, 2]])


def test_an_indicator_that_cannot_be_aggregated_is_missing_for_every_group() -> None:
    aggregated = aggregate_panel(hromadas(), OBLAST, {"unemployment": "none"})
    assert np.isnan(aggregated.panel["unemployment"]).all()


def test_territories_outside_any_group_are_left_out_and_empty_groups_can_be_listed() -> None:
    aggregated = aggregate_panel(
        hromadas(), np.array([5, -1, 5, 5]), {"population": "sum"}, groups=[9, 5]
    )
    assert aggregated.panel.rows == (9, 5)
    np.testing.assert_array_equal(aggregated.panel["population"], [[nan, nan], [435.0, 430.0]])
    np.testing.assert_array_equal(aggregated.members, [0, 3])


def test_complete_only_keeps_the_same_members_in_numerator_and_denominator() -> None:
    how = {"revenue": "sum", "population": "sum"}
    every_report = aggregate_panel(hromadas(), OBLAST, how)
    complete = aggregate_panel(hromadas(), OBLAST, how, complete_only=True)
    # in 2024 the city reported no revenue: its population should not dilute the rate
    assert evaluate_aggregate(REVENUE_PER_CAPITA, every_report.panel).values[1, 1] == 120 / 1010
    assert evaluate_aggregate(REVENUE_PER_CAPITA, complete.panel).values[1, 1] == 12.0
    np.testing.assert_array_equal(complete.coverage["population"], [[1, 1], [2, 1]])


def test_aggregation_refuses_an_unknown_method_or_a_mean_without_weights() -> None:
    with pytest.raises(ValueError, match="unknown aggregation"):
        aggregate_panel(hromadas(), OBLAST, {"revenue": "median"})
    with pytest.raises(ValueError, match="weights"):
        aggregate_panel(hromadas(), OBLAST, {"revenue": "weighted_mean"})
    with pytest.raises(ValueError, match="group_index"):
        aggregate_panel(hromadas(), OBLAST[:3], {"revenue": "sum"})
