"""Benchmark statistics over one indicator and year, vectorised with NumPy.

Rank 1 is the best value: the highest where higher is better (and for neutral indicators,
where it simply means the largest), the lowest where lower is better; ties share the best
rank (1, 2, 2, 4). The percentile is the share of the compared hromadas with a worse value,
ties counting half, so 90 means "better than 90 % of them" whatever the polarity. Quartile
4 is the best quarter; with fewer than four ranked hromadas no quarter is given.
Hromadas without a value are not ranked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hromada.indicators.formula.panel import BoolArray, FloatArray
from hromada.indicators.models import Polarity

MIN_FOR_QUARTILES = 4


@dataclass(frozen=True)
class Ranking:
    rank: FloatArray  # NaN where not ranked
    percentile: FloatArray
    quartile: npt.NDArray[np.int64]  # 0 where not ranked, else 1..4 (4 best)
    count: int


@dataclass(frozen=True)
class Summary:
    count: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float
    mad: float

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1


def rank(values: FloatArray, within: BoolArray, polarity: str) -> Ranking:
    """Ranks of the hromadas in `within` that have a value; others get NaN / 0."""
    used = within & ~np.isnan(values)
    ordered = np.sort(values[used])
    count = len(ordered)
    shape = values.shape
    if count == 0:
        return Ranking(np.full(shape, np.nan), np.full(shape, np.nan), np.zeros(shape, np.int64), 0)
    filled = np.where(used, values, ordered[0])
    lower = np.searchsorted(ordered, filled, side="left").astype(np.float64)
    upper = np.searchsorted(ordered, filled, side="right").astype(np.float64)
    ties = upper - lower
    if polarity == Polarity.LOWER_IS_BETTER:
        ranks = lower + 1
        worse = count - upper
    else:
        ranks = count - upper + 1
        worse = lower
    if count > 1:
        percentile = 100.0 * (worse + 0.5 * (ties - 1)) / (count - 1)
    else:
        percentile = np.full(shape, 50.0)
    quartile = np.minimum(np.floor(percentile / 25.0).astype(np.int64) + 1, 4)
    if count < MIN_FOR_QUARTILES:
        quartile = np.zeros(shape, dtype=np.int64)
    return Ranking(
        np.where(used, ranks, np.nan),
        np.where(used, percentile, np.nan),
        np.where(used, quartile, 0),
        count,
    )


def summarise(values: FloatArray, within: BoolArray) -> Summary | None:
    """Robust description of the values in `within`: quartiles, median and MAD."""
    chosen = values[within & ~np.isnan(values)]
    if len(chosen) == 0:
        return None
    q1, median, q3 = np.percentile(chosen, [25, 50, 75])
    mad = float(np.median(np.abs(chosen - median)))
    return Summary(
        len(chosen),
        float(chosen.min()),
        float(q1),
        float(median),
        float(q3),
        float(chosen.max()),
        mad,
    )


def latest_column(values: FloatArray) -> npt.NDArray[np.int64]:
    """Per row, the column of the latest non-missing value (-1 where none)."""
    present = ~np.isnan(values)
    if values.shape[1] == 0:
        return np.full(values.shape[0], -1, dtype=np.int64)
    last = values.shape[1] - 1 - np.argmax(present[:, ::-1], axis=1)
    return np.where(present.any(axis=1), last, -1).astype(np.int64)


def latest_values(values: FloatArray) -> FloatArray:
    columns = latest_column(values)
    if values.shape[1] == 0:
        return np.full(values.shape[0], np.nan)
    picked = values[np.arange(len(columns)), np.maximum(columns, 0)]
    return np.where(columns >= 0, picked, np.nan)
