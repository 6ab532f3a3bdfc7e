"""Coverage before comparison: which year is complete enough to be shown by default, and
how much of a peer set (in hromadas and in population) a year's values cover.

A year whose release covers fewer than HROMADA_MIN_COVERAGE percent of the peer set is
never the default: one published hromada must not turn every ranking into "1 of 1".
Population is carried forward (and back) from the nearest year with a value, so a year
where only the reporting hromadas gave their population is not "100 % covered".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from django.conf import settings

from hromada.indicators.formula.panel import FloatArray

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Coverage:
    """One year of one indicator over a peer set."""

    reported: int  # hromadas of the peer set with a value
    expected: int  # hromadas in the peer set
    population_share: float  # share of the peer set's population they hold (NaN if unknown)

    @property
    def share(self) -> float:
        return self.reported / self.expected if self.expected else 0.0


def min_coverage() -> float:
    return float(settings.HROMADA_MIN_COVERAGE) / 100.0


def known_population(population: FloatArray) -> FloatArray:
    """Each hromada's population in every year: its own value, else the latest earlier one,
    else the earliest later one (rows are hromadas, columns years)."""
    filled = population.copy()
    if filled.size == 0:
        return filled
    for column in range(1, filled.shape[1]):
        gap = np.isnan(filled[:, column])
        filled[gap, column] = filled[gap, column - 1]
    for column in range(filled.shape[1] - 2, -1, -1):
        gap = np.isnan(filled[:, column])
        filled[gap, column] = filled[gap, column + 1]
    return filled


def coverage(values: FloatArray, peers: BoolArray, population: FloatArray, column: int) -> Coverage:
    if column < 0:
        return Coverage(0, int(peers.sum()), float("nan"))
    present = peers & ~np.isnan(values[:, column])
    people = known_population(population)[:, column] if population.size else population
    known = float(np.nansum(people[peers])) if population.size else 0.0
    covered = float(np.nansum(people[present])) if population.size else 0.0
    share = covered / known if known > 0 else float("nan")
    return Coverage(int(present.sum()), int(peers.sum()), share)


def default_column(values: FloatArray, peers: BoolArray) -> int:
    """The latest year column covering the minimum share of the peer set; without one (a
    peer set that never reports in full, such as all hromadas when only members report),
    the best covered column, the latest of equals; -1 when there is no value at all."""
    if values.size == 0:
        return -1
    counts = (~np.isnan(values[peers])).sum(axis=0)
    if not counts.any():
        counts = (~np.isnan(values)).sum(axis=0)
        if not counts.any():
            return -1
    expected = int(peers.sum())
    enough = np.flatnonzero((counts >= min_coverage() * expected - 1e-9) & (counts > 0))
    if expected and len(enough):
        return int(enough[-1])
    return int(np.flatnonzero(counts == counts.max())[-1])
