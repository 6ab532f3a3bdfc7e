from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from hromada.indicators.population_bands import BANDS, band_indexes, band_of, get_band


@pytest.mark.parametrize(
    ("population", "code"),
    [(0, "lt5k"), (4_999, "lt5k"), (5_000, "5k-10k"), (49_999, "20k-50k"), (2_952_301, "250k+")],
)
def test_a_population_falls_in_the_band_whose_lower_edge_it_reaches(
    population: float, code: str
) -> None:
    band = band_of(population)
    assert band is not None and band.code == code


def test_an_unknown_population_has_no_band() -> None:
    assert band_of(None) is None
    assert band_of(math.nan) is None


def test_the_vectorised_bands_agree_with_the_single_lookup() -> None:
    populations = np.array([1.0, 7_500, np.nan, 120_000, -3, 250_000])
    expected = [BANDS.index(b) if (b := band_of(p)) else -1 for p in populations]
    assert band_indexes(populations).tolist() == expected


def test_bands_cover_every_population_without_gaps() -> None:
    for lower, upper in itertools.pairwise(BANDS):
        assert lower.high == upper.low
    assert get_band("250k+").high == math.inf
