"""Similar hromadas: nearest neighbours on standardised indicators, with the reason.

Each indicator's latest value is standardised with robust z-scores (median and MAD; on
the logarithm when every value is positive, since sizes such as population are skewed).
The distance is the square root of the weighted sum of squared differences; each
indicator's share of the squared distance says why a neighbour is near or far. Hromadas
without a value for a chosen indicator are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hromada.analytics.data import catalogue, load_data
from hromada.analytics.formatting import number
from hromada.analytics.frame import load_frame
from hromada.analytics.stats import latest_values
from hromada.indicators.formula.panel import FloatArray
from hromada.indicators.models import Indicator
from hromada.territories.models import Territory

DEFAULTS = (
    "demography.population",
    "demography.area_km2",
    "budget.revenue.own_per_capita",
    "demography.urban_share",
)
NEIGHBOURS = 20
MAX_INDICATORS = 10


@dataclass
class Neighbour:
    code: str
    name: str
    oblast: str
    distance: str
    shares: list[str]
    values: list[str]

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return list(zip(self.values, self.shares, strict=True))


@dataclass
class Similar:
    territory: Territory
    indicators: list[Indicator]
    weights: list[float]
    own_values: list[str]
    neighbours: list[Neighbour]
    compared: int
    choices: list[Indicator]


def standardise(values: FloatArray) -> FloatArray:
    present = values[~np.isnan(values)]
    if len(present) and (present > 0).all():
        values = np.log(values)
        present = np.log(present)
    if len(present) == 0:
        return values
    median = np.median(present)
    spread = 1.4826 * np.median(np.abs(present - median))
    if spread == 0:
        spread = float(np.std(present)) or 1.0
    return np.asarray((values - median) / spread, dtype=np.float64)


def nearest(
    matrix: FloatArray, row: int, weights: FloatArray, count: int
) -> tuple[np.ndarray, FloatArray, FloatArray]:
    """Rows nearest to `row` (itself excluded), their distances and per-column shares."""
    complete = np.asarray(~np.isnan(matrix).any(axis=1), dtype=bool)
    complete[row] = False
    parts = weights[None, :] * (matrix - matrix[row][None, :]) ** 2
    total = np.where(complete, np.nansum(parts, axis=1), np.inf)
    order = np.argsort(total, kind="stable")[:count]
    order = order[np.isfinite(total[order])]
    with np.errstate(all="ignore"):
        shares = np.where(total[order, None] > 0, parts[order] / total[order, None], 0.0)
    return order, np.sqrt(total[order]), shares


def similar_hromadas(
    territory: Territory, codes: list[str], weights: list[float]
) -> Similar | None:
    indicators = catalogue()
    chosen = [c for c in dict.fromkeys(codes) if c in indicators][:MAX_INDICATORS]
    if not chosen:
        chosen = [c for c in DEFAULTS if c in indicators]
    weights = (weights + [1.0] * len(chosen))[: len(chosen)]
    frame = load_frame()
    data = load_data(chosen, frame, indicators)
    row = frame.row_of(territory.code)
    if row is None:
        return None
    latest = (
        np.column_stack([latest_values(data.series[c].values) for c in chosen])
        if chosen
        else np.zeros((len(frame), 0))
    )
    matrix = (
        np.column_stack([standardise(latest[:, j]) for j in range(len(chosen))])
        if chosen
        else latest
    )
    items = [indicators[c] for c in chosen]
    result = Similar(
        territory,
        items,
        weights,
        [number(latest[row, j], items[j].decimals) for j in range(len(chosen))],
        [],
        0,
        list(indicators.values()),
    )
    if not chosen or np.isnan(matrix[row]).any():
        return result
    order, distances, shares = nearest(matrix, row, np.array(weights, dtype=np.float64), NEIGHBOURS)
    result.compared = int((~np.isnan(matrix).any(axis=1)).sum()) - 1
    result.neighbours = [
        Neighbour(
            code=frame.codes[i],
            name=frame.name(i),
            oblast=frame.oblast_name(int(frame.oblast_ids[i])),
            distance=number(float(d), 2),
            shares=[number(float(s) * 100, 0) for s in share],
            values=[number(latest[i, j], items[j].decimals) for j in range(len(chosen))],
        )
        for i, d, share in zip(order, distances, shares, strict=True)
    ]
    return result
