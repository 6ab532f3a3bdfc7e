"""Aggregates of one indicator by oblast, raion, type, peer group or the whole country.

Base indicators follow their aggregation rule (sum, population-weighted mean, none).
A derived indicator is computed from its inputs' group totals (ratio of sums), counting a
hromada only in the years it reported every input (complete cases), so numerator and
denominator cover the same hromadas. Every value comes with its coverage: how many
hromadas reported out of how many, and the share of the group's population they hold
(each hromada's nearest known population, carried over years without one).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hromada.analytics.coverage import known_population
from hromada.analytics.data import Data
from hromada.indicators.formula import aggregate_panel, evaluate_derived, parse
from hromada.indicators.formula.panel import FloatArray, Panel
from hromada.indicators.models import Aggregation
from hromada.indicators.population_bands import POPULATION_CODE

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Aggregate:
    """Rows are the groups (ids in `groups`), columns the years of the data."""

    groups: tuple[int, ...]
    values: FloatArray
    reported: IntArray
    members: IntArray
    population_share: FloatArray  # NaN where the group's population is unknown
    aggregable: bool


def _inputs(data: Data, code: str) -> tuple[dict[str, str], dict[str, str]]:
    """Base codes with their rule, and the derived codes (with formulas) behind `code`."""
    base: dict[str, str] = {}
    derived: dict[str, str] = {}
    stack = [code]
    while stack:
        current = stack.pop()
        indicator = data.indicators.get(current)
        if indicator is None or current in base or current in derived:
            continue
        if indicator.formula:
            derived[current] = indicator.formula
            stack.extend(parse(indicator.formula).references())
        else:
            base[current] = indicator.aggregation
    return base, derived


def _group_rows(group_of: IntArray, groups: list[int]) -> IntArray:
    """Each hromada's row among `groups` (-1: in none of them), found by a sorted search
    rather than a dictionary lookup per hromada (the snapshot asks 240 times per build)."""
    ids = np.asarray(groups, dtype=np.int64)
    if not len(ids):
        return np.full(len(group_of), -1, dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    at = np.clip(np.searchsorted(ids[order], group_of), 0, len(ids) - 1)
    found = (ids[order][at] == group_of) & (group_of >= 0)
    return np.where(found, order[at], -1).astype(np.int64)


def _group_sum(values: FloatArray, rows: IntArray, size: int) -> FloatArray:
    totals = np.zeros((size, values.shape[1]))
    inside = rows >= 0
    np.add.at(totals, rows[inside], np.nan_to_num(values[inside]))
    return totals


def aggregate(data: Data, code: str, group_of: IntArray, groups: list[int]) -> Aggregate:
    """`group_of` gives each hromada's group id (-1 for none); `groups` the rows wanted."""
    base, derived = _inputs(data, code)
    how = dict(base)
    values_of = data.values_by_code()
    panel_codes = {c: values_of[c] for c in [*base, POPULATION_CODE] if c in values_of}
    panel = Panel(tuple(range(len(data.frame))), data.years, panel_codes)
    weights = POPULATION_CODE if Aggregation.WEIGHTED_MEAN in how.values() else None
    complete = bool(derived)
    summed = aggregate_panel(
        panel, group_of, how, weights=weights, groups=groups, complete_only=complete
    )
    if derived:
        _, results = evaluate_derived(derived, summed.panel)
        values = results[code].values
        present = ~np.isnan(values_of[code])
        aggregable = True
    else:
        values = summed.panel[code]
        present = ~np.isnan(values_of[code])
        aggregable = base[code] != Aggregation.NONE
    rows, size = _group_rows(np.asarray(group_of, dtype=np.int64), groups), len(groups)
    reported = _group_sum(present.astype(np.float64), rows, size).astype(np.int64)
    # Each hromada's nearest known population, so a year in which only the reporting hromadas
    # gave their population is not "100 % covered" (hromada.analytics.coverage).
    population = known_population(values_of.get(POPULATION_CODE, panel.missing()))
    known = _group_sum(population, rows, size)
    covered = _group_sum(np.where(present, population, np.nan), rows, size)
    with np.errstate(all="ignore"):
        share = np.where(known > 0, covered / known, np.nan)
    return Aggregate(tuple(groups), values, reported, summed.members, share, aggregable)


def national(data: Data, code: str) -> Aggregate:
    return aggregate(data, code, np.zeros(len(data.frame), dtype=np.int64), [0])
