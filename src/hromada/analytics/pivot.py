"""The pivot table: rows (hromadas, oblasts or types) x columns (years or indicators).

Grouped rows are aggregates with their coverage (reported of members), as on the
aggregates page; hromada rows are the published values themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hromada.analytics.aggregates import aggregate
from hromada.analytics.data import Data, catalogue, load_data
from hromada.analytics.formatting import number
from hromada.analytics.frame import load_frame
from hromada.indicators.models import Indicator
from hromada.indicators.population_bands import POPULATION_CODE
from hromada.lib.ukrainian_order import sort_key
from hromada.territories.models import HromadaType

ROWS = ("hromada", "oblast", "type")
COLUMNS = ("year", "indicator")
MAX_INDICATORS = 30


@dataclass(frozen=True)
class PivotRequest:
    rows: str = "hromada"
    columns: str = "year"
    indicators: tuple[str, ...] = ()
    year: int | None = None
    oblast: int | None = None
    hromada_type: str = ""
    members: bool = False


@dataclass
class PivotRow:
    label: str
    code: str
    cells: list[str]
    raw: list[float | None]
    coverage: list[str]


@dataclass
class Pivot:
    request: PivotRequest
    header: list[str]
    rows: list[PivotRow]
    year: int | None
    years: tuple[int, ...]
    indicators: list[Indicator]
    choices: list[Indicator]
    data_version: int


def _mask(data: Data, request: PivotRequest) -> np.ndarray:
    frame = data.frame
    mask = np.ones(len(frame), dtype=bool)
    if request.oblast:
        mask &= frame.oblast_ids == request.oblast
    if request.hromada_type:
        mask &= frame.types == request.hromada_type
    if request.members:
        mask &= frame.members
    return mask


def _grouping(data: Data, request: PivotRequest) -> tuple[np.ndarray, list[int], list[str]]:
    frame = data.frame
    mask = _mask(data, request)
    if request.rows == "oblast":
        ids = sorted(
            {int(i) for i in frame.oblast_ids[mask] if i >= 0},
            key=lambda i: sort_key(frame.oblast_name(i)),
        )
        return np.where(mask, frame.oblast_ids, -1), ids, [frame.oblast_name(i) for i in ids]
    kinds = list(HromadaType.choices)
    index = np.array(
        [next((n for n, (v, _) in enumerate(kinds) if v == t), -1) for t in frame.types]
    )
    return np.where(mask, index, -1), list(range(len(kinds))), [str(label) for _, label in kinds]


def _cells(values: list[float], decimals: list[int]) -> list[str]:
    return [number(v, d) for v, d in zip(values, decimals, strict=True)]


def build_pivot(request: PivotRequest) -> Pivot:
    frame = load_frame()
    catalogue_items = catalogue()
    codes = [c for c in request.indicators if c in catalogue_items][:MAX_INDICATORS]
    if not codes:
        codes = [c for c in (POPULATION_CODE,) if c in catalogue_items] or list(catalogue_items)[:1]
    columns = request.columns if request.columns in COLUMNS else "year"
    if columns == "year":
        codes = codes[:1]
    data = load_data([*codes, POPULATION_CODE], frame, catalogue_items)
    column = len(data.years) - 1
    if request.year is not None and request.year in data.years:
        column = data.year_index(request.year)
    chosen = [catalogue_items[c] for c in codes]
    if columns == "year":
        header = [str(y) for y in data.years]
        picks = [(codes[0], n) for n in range(len(data.years))]
    else:
        header = [item.name for item in chosen]
        picks = [(c, column) for c in codes]
    decimals = [catalogue_items[c].decimals for c, _ in picks]
    rows: list[PivotRow] = []
    if request.rows == "hromada" or request.rows not in ROWS:
        for i in np.flatnonzero(_mask(data, request)):
            raw = [float(data.series[c].values[i, k]) if k >= 0 else float("nan") for c, k in picks]
            rows.append(
                PivotRow(
                    frame.name(int(i)),
                    frame.codes[i],
                    _cells(raw, decimals),
                    [None if np.isnan(v) else v for v in raw],
                    [],
                )
            )
    else:
        group_of, ids, labels = _grouping(data, request)
        results = {c: aggregate(data, c, group_of, ids) for c in dict.fromkeys(c for c, _ in picks)}
        for n, label in enumerate(labels):
            raw = [float(results[c].values[n, k]) if k >= 0 else float("nan") for c, k in picks]
            coverage = [
                f"{int(results[c].reported[n, k])}/{int(results[c].members[n])}" if k >= 0 else ""
                for c, k in picks
            ]
            rows.append(
                PivotRow(
                    label,
                    "",
                    _cells(raw, decimals),
                    [None if np.isnan(v) else v for v in raw],
                    coverage,
                )
            )
    return Pivot(
        request,
        header,
        rows,
        data.years[column] if column >= 0 else None,
        data.years,
        chosen,
        list(catalogue_items.values()),
        data.version,
    )
