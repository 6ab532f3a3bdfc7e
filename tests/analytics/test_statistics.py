from __future__ import annotations

import numpy as np

from hromada.analytics.similar import nearest, standardise
from hromada.analytics.stats import latest_values, rank, summarise

NAN = np.nan
EVERYONE = np.ones(5, dtype=bool)


def test_the_highest_value_ranks_first_where_higher_is_better() -> None:
    result = rank(np.array([10.0, 30.0, 20.0, NAN, 40.0]), EVERYONE, "higher")
    assert result.rank.tolist()[:3] == [4.0, 2.0, 3.0]
    assert np.isnan(result.rank[3])
    assert result.rank[4] == 1.0
    assert result.count == 4


def test_the_lowest_value_ranks_first_where_lower_is_better() -> None:
    result = rank(np.array([10.0, 30.0, 20.0, NAN, 40.0]), EVERYONE, "lower")
    assert result.rank[0] == 1.0
    assert result.rank[4] == 4.0
    assert result.percentile[0] == 100.0
    assert result.quartile[0] == 4
    assert result.quartile[4] == 1


def test_equal_values_share_the_best_rank_and_half_the_percentile() -> None:
    result = rank(np.array([5.0, 5.0, 1.0, 9.0, NAN]), EVERYONE, "higher")
    assert result.rank[:4].tolist() == [2.0, 2.0, 4.0, 1.0]
    assert result.percentile[0] == result.percentile[1] == 50.0


def test_ranks_within_a_peer_group_ignore_hromadas_outside_it() -> None:
    within = np.array([True, False, True, False, True])
    result = rank(np.array([10.0, 99.0, 20.0, 98.0, 30.0]), within, "higher")
    assert result.rank[4] == 1.0
    assert np.isnan(result.rank[1])
    assert result.count == 3


def test_fewer_than_four_peers_get_no_quartile_colour() -> None:
    result = rank(np.array([1.0, 2.0, 3.0, NAN, NAN]), EVERYONE, "higher")
    assert result.quartile.tolist() == [0, 0, 0, 0, 0]


def test_summary_is_robust_to_one_extreme_value() -> None:
    summary = summarise(np.array([1.0, 2.0, 3.0, 4.0, 1000.0]), EVERYONE)
    assert summary is not None
    assert summary.median == 3.0
    assert summary.mad == 1.0
    assert summary.iqr == 2.0


def test_latest_values_take_each_rows_last_reported_year() -> None:
    values = np.array([[1.0, 2.0, NAN], [NAN, NAN, NAN], [4.0, NAN, 6.0]])
    assert latest_values(values)[[0, 2]].tolist() == [2.0, 6.0]
    assert np.isnan(latest_values(values)[1])


def test_nearest_neighbours_come_with_each_indicators_share_of_the_distance() -> None:
    matrix = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [NAN, 0.0], [3.0, 4.0]])
    order, distances, shares = nearest(matrix, 0, np.array([1.0, 1.0]), 3)
    assert order.tolist() == [1, 2, 4]
    assert distances.tolist() == [1.0, 2.0, 5.0]
    assert shares[2].tolist() == [9 / 25, 16 / 25]


def test_weights_change_which_hromada_is_nearest() -> None:
    matrix = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 0.8]])
    order, _, _ = nearest(matrix, 0, np.array([1.0, 4.0]), 2)
    assert order.tolist() == [1, 2]
    order, _, _ = nearest(matrix, 0, np.array([1.0, 1.0]), 2)
    assert order.tolist() == [2, 1]


def test_sizes_are_standardised_on_the_logarithm() -> None:
    scores = standardise(np.array([1_000.0, 10_000.0, 100_000.0]))
    assert np.allclose(scores, [-1 / 1.4826, 0.0, 1 / 1.4826])
