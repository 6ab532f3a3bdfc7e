"""Aggregate a territory panel into a group panel (oblasts, types, peer groups).

Each input is summed, or weighted by a weight indicator (population), per group and year,
ignoring members that did not report. A group's value is missing when no member reported.
Evaluating a formula on the group panel then gives the ratio of sums, the group's own rate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hromada.indicators.formula.panel import BoolArray, FloatArray, Panel

IntArray = npt.NDArray[np.int64]
HOW = ("sum", "weighted_mean", "none")


@dataclass(frozen=True)
class AggregatedPanel:
    """`panel` has one row per group; `coverage[code]` (groups x years) counts the members
    whose value entered the group's value; `members` counts the territories of each group."""

    panel: Panel
    coverage: dict[str, IntArray]
    members: IntArray


def aggregate_panel(
    panel: Panel,
    group_index: npt.ArrayLike,
    how: Mapping[str, str],
    *,
    weights: str | None = None,
    groups: Sequence[int] | None = None,
    complete_only: bool = False,
) -> AggregatedPanel:
    """Aggregate the codes of `how` per group.

    `group_index` gives each panel row's group id (an int; negative means in no group).
    `how[code]` is "sum", "weighted_mean" (weighted by the indicator `weights`, members
    missing either value left out) or "none" (not aggregable: missing for every group).
    `groups` fixes the rows of the result (groups without members are all missing); by
    default they are the group ids present, ascending. With `complete_only`, a territory
    counts in a year only if it reported every aggregated code (and the weight) that year,
    so that the sums in a ratio cover the same members.
    """
    unknown = sorted(set(how.values()) - set(HOW))
    if unknown:
        raise ValueError(f"unknown aggregation {unknown}; use one of {HOW}")
    if weights is None and "weighted_mean" in how.values():
        raise ValueError("a weighted mean needs the code of the weights")
    group_of = np.asarray(group_index, dtype=np.int64)
    if group_of.shape != (panel.shape[0],):
        raise ValueError(f"group_index has shape {group_of.shape}, expected ({panel.shape[0]},)")
    ids, positions, inside = _group_positions(group_of, groups)
    usable = np.broadcast_to(inside[:, None], panel.shape)
    if complete_only:
        usable = usable & _reported_everything(panel, how, weights)
    weight = _values(panel, weights)
    aggregated: dict[str, FloatArray] = {}
    coverage: dict[str, IntArray] = {}
    for code, method in how.items():
        values = _values(panel, code)
        present = usable & ~np.isnan(values)
        if method == "weighted_mean":
            present &= ~np.isnan(weight)
            totals = _sum(values * weight, present, positions, len(ids))
            weight_totals = _sum(weight, present, positions, len(ids))
            result = totals / np.where(weight_totals == 0, np.nan, weight_totals)
        else:
            result = _sum(values, present, positions, len(ids))
        counts = _sum(present.astype(np.float64), present, positions, len(ids)).astype(np.int64)
        usable_result = (counts > 0) & (method != "none")
        aggregated[code] = np.where(usable_result, result, np.nan)
        coverage[code] = counts
    members = np.bincount(positions[inside], minlength=len(ids)).astype(np.int64)
    rows = tuple(int(i) for i in ids)
    return AggregatedPanel(Panel(rows, panel.years, aggregated), coverage, members)


def _values(panel: Panel, code: str | None) -> FloatArray:
    return panel.data[code] if code is not None and code in panel else panel.missing()


def _group_positions(
    group_index: IntArray, groups: Sequence[int] | None
) -> tuple[IntArray, IntArray, BoolArray]:
    """The group ids (result rows), each territory's row in the result, and who is in one."""
    if groups is None:
        ids = np.unique(group_index[group_index >= 0])
    else:
        ids = np.asarray(groups, dtype=np.int64)
    if len(ids) == 0:
        return ids, np.zeros(len(group_index), dtype=np.int64), np.zeros(len(group_index), bool)
    order = np.argsort(ids, kind="stable")
    found = np.clip(np.searchsorted(ids[order], group_index), 0, len(ids) - 1)
    inside = (ids[order][found] == group_index) & (group_index >= 0)
    return ids, order[found].astype(np.int64), inside


def _reported_everything(panel: Panel, how: Mapping[str, str], weights: str | None) -> BoolArray:
    codes = [code for code, method in how.items() if method != "none"]
    if "weighted_mean" in how.values():
        codes.append(weights or "")
    complete = np.ones(panel.shape, dtype=np.bool_)
    for code in codes:
        complete &= ~np.isnan(_values(panel, code))
    return complete


def _sum(values: FloatArray, used: BoolArray, positions: IntArray, groups: int) -> FloatArray:
    """Per group and year, the sum of `values` where `used` (no Python loop over rows)."""
    totals = np.zeros((groups, values.shape[1]))
    rows = used.any(axis=1)
    np.add.at(totals, positions[rows], np.where(used, values, 0.0)[rows])
    return totals
