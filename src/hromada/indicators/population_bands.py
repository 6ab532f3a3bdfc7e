"""Population bands: the built-in size classes hromadas are compared within.

Both the collection module (peer outliers: "8.3 times the median of 212 similar hromadas")
and analytics (peer groups) group hromadas by type and band, so the bands live here once.
Bands are half-open intervals [low, high) of the population on 1 January.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from numpy.typing import NDArray

POPULATION_CODE = "demography.population"


@dataclass(frozen=True)
class Band:
    code: str
    low: float
    high: float
    label: Promise


BANDS: tuple[Band, ...] = (
    Band("lt5k", 0, 5_000, _("under 5,000 residents")),
    Band("5k-10k", 5_000, 10_000, _("5,000 to 10,000 residents")),
    Band("10k-20k", 10_000, 20_000, _("10,000 to 20,000 residents")),
    Band("20k-50k", 20_000, 50_000, _("20,000 to 50,000 residents")),
    Band("50k-100k", 50_000, 100_000, _("50,000 to 100,000 residents")),
    Band("100k-250k", 100_000, 250_000, _("100,000 to 250,000 residents")),
    Band("250k+", 250_000, float("inf"), _("250,000 residents and more")),
)
_EDGES = np.array([band.low for band in BANDS[1:]], dtype=np.float64)


def band_of(population: float | None) -> Band | None:
    """The band of one population figure; None when the population is unknown."""
    if population is None or population != population or population < 0:
        return None
    return BANDS[int(np.searchsorted(_EDGES, population, side="right"))]


def band_indexes(population: NDArray[np.float64]) -> NDArray[np.int64]:
    """Band index per hromada, vectorised; -1 where the population is missing or negative."""
    indexes = np.searchsorted(_EDGES, population, side="right").astype(np.int64)
    indexes[~np.isfinite(population) | (population < 0)] = -1
    return indexes


def get_band(code: str) -> Band:
    for band in BANDS:
        if band.code == code:
            return band
    raise KeyError(code)
