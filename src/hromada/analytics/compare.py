"""Compare up to ten hromadas on any indicators; the state lives in the query string."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hromada.analytics.data import catalogue, load_data
from hromada.analytics.formatting import number, plain
from hromada.analytics.frame import load_frame
from hromada.indicators.models import Indicator
from hromada.indicators.units import unit_label

MAX_HROMADAS = 10
MAX_INDICATORS = 20
DEFAULT_INDICATORS = ("demography.population", "budget.revenue.own_per_capita")


@dataclass
class CompareRow:
    indicator: Indicator
    unit: str
    cells: list[str]
    series: list[list[float | None]]  # per hromada, per year
    bars: list[float | None]  # per hromada, in the chosen year


@dataclass
class Comparison:
    hromadas: list[tuple[str, str]]  # (code, name)
    rows: list[CompareRow]
    year: int | None
    years: tuple[int, ...]
    unknown: list[str]
    data_version: int
    indicator_choices: list[Indicator]


def comparison(codes: list[str], indicator_codes: list[str], year: int | None) -> Comparison:
    frame = load_frame()
    indicators = catalogue()
    wanted = list(dict.fromkeys(codes))[:MAX_HROMADAS]
    rows = [r for r in (frame.row_of(c) for c in wanted) if r is not None]
    unknown = [c for c in wanted if frame.row_of(c) is None]
    chosen = [c for c in dict.fromkeys(indicator_codes) if c in indicators][:MAX_INDICATORS]
    if not chosen:
        chosen = [c for c in DEFAULT_INDICATORS if c in indicators]
    data = load_data(chosen, frame, indicators)
    present = np.zeros(len(data.years), dtype=bool)
    for code in chosen:
        if rows:
            present |= ~np.isnan(data.series[code].values[rows]).all(axis=0)
    column = int(np.flatnonzero(present)[-1]) if present.any() else -1
    if year is not None and year in data.years:
        column = data.year_index(year)
    result_rows = []
    for code in chosen:
        indicator = indicators[code]
        values = data.series[code].values
        cells = [number(values[r, column], indicator.decimals) if column >= 0 else "" for r in rows]
        series = [[plain(v) for v in values[r]] for r in rows]
        bars = [plain(values[r, column]) if column >= 0 else None for r in rows]
        result_rows.append(CompareRow(indicator, unit_label(indicator.unit), cells, series, bars))
    return Comparison(
        hromadas=[(frame.codes[r], frame.name(r)) for r in rows],
        rows=result_rows,
        year=data.years[column] if column >= 0 else None,
        years=data.years,
        unknown=unknown,
        data_version=data.version,
        indicator_choices=list(indicators.values()),
    )


def long_rows(result: Comparison) -> list[list[object]]:
    """One row per hromada, indicator and year, for the CSV / XLSX export."""
    out: list[list[object]] = []
    for row in result.rows:
        for (code, name), series in zip(result.hromadas, row.series, strict=True):
            for year, value in zip(result.years, series, strict=True):
                if value is not None:
                    out.append([code, name, row.indicator.code, row.indicator.name, year, value])
    return out
