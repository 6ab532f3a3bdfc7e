"""The snapshot ranks every year and group of an indicator in one sort; each rank, count,
percentile and quartile must be exactly what hromada.analytics.stats.rank gives for that
group and year alone (ties, gaps, hromadas in no group, small groups, every polarity)."""

from __future__ import annotations

import numpy as np
import pytest

from hromada.analytics.snapshot_build import _ranked
from hromada.analytics.stats import rank
from hromada.indicators.models import Polarity


@pytest.mark.parametrize("polarity", [p.value for p in Polarity])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ranks_of_all_groups_at_once_equal_ranking_each_group_alone(
    polarity: str, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    hromadas, years = 300, 6
    # Few distinct values, so ties are common; some gaps; groups of very different sizes,
    # one of 1 and one of 3 hromadas (no quartiles), and hromadas in no group (-1).
    values = rng.integers(0, 12, (hromadas, years)).astype(np.float64)
    values[rng.random(values.shape) < 0.15] = np.nan
    groups = rng.choice([-1, 0, 1, 2, 5], hromadas, p=[0.1, 0.5, 0.3, 0.09, 0.01])
    groups[:1] = 7
    groups[1:4] = 8
    ranks, counts, percentiles, quartiles = _ranked(values, groups.astype(np.int64), polarity)
    for column in range(years):
        for group in np.unique(groups[groups >= 0]).tolist():
            inside = groups == group
            expected = rank(values[:, column], inside, polarity)
            got = ranks[:, column]
            np.testing.assert_array_equal(got[inside], expected.rank[inside])
            np.testing.assert_array_equal(percentiles[inside, column], expected.percentile[inside])
            np.testing.assert_array_equal(quartiles[inside, column], expected.quartile[inside])
            valued = inside & ~np.isnan(values[:, column])
            assert (counts[valued, column] == expected.count).all()
            assert (counts[inside & ~valued, column] == 0).all()
    outside = groups < 0
    assert np.isnan(ranks[outside]).all() and (counts[outside] == 0).all()
    assert (quartiles[outside] == 0).all() and np.isnan(percentiles[outside]).all()
