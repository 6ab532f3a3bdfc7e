"""Published values as NumPy arrays (hromadas x years).

Pages read them from the current snapshot (hromada.analytics.snapshot): the values of the
few indicators a page shows, derived ones included, with ONE indexed query, so a request
never reads the whole panel and a worker keeps nothing between requests. The snapshot's
build reads the whole panel from the observations (`published_panel`), once per version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from django.db.models import Max, Min, OuterRef, Subquery

from hromada.analytics.frame import Frame
from hromada.analytics.reading import LongValues, read_published, read_snapshot
from hromada.indicators.formula import Panel, evaluate_derived, parse
from hromada.indicators.formula.panel import FloatArray
from hromada.indicators.models import Indicator, Observation, Sex

Int8Array = npt.NDArray[np.int8]


@dataclass(frozen=True)
class Series:
    """One indicator for every hromada and year: values (NaN = no value) and, for base
    indicators, the typed reason a value is missing (index into MISSING_CODES; 0 = none)."""

    values: FloatArray
    missing: Int8Array
    # Read from a snapshot: the measure compared (per resident, per 1,000 residents or per
    # km² where the indicator says so; hromada.analytics.fair). None: not read.
    measure: FloatArray | None = None
    per_year: npt.NDArray[np.int16] | None = None  # the denominator's year if not its own; 0

    @property
    def compared(self) -> FloatArray:
        """What rankings, maps and histograms compare: the measure, else the values."""
        return self.measure if self.measure is not None else self.values


@dataclass(frozen=True)
class Data:
    frame: Frame
    years: tuple[int, ...]
    indicators: dict[str, Indicator]
    series: dict[str, Series]
    version: int  # the Publication the values come from (0: none yet)
    snapshot_id: int | None = None  # None: no snapshot is ready yet, so no values

    def panel(self) -> Panel:
        return Panel(tuple(int(i) for i in self.frame.ids), self.years, self.values_by_code())

    def values_by_code(self) -> dict[str, FloatArray]:
        return {code: item.values for code, item in self.series.items()}

    def year_index(self, year: int) -> int:
        return year - self.years[0]


def catalogue() -> dict[str, Indicator]:
    """Active indicators by code (one query), in catalogue order."""
    rows = Indicator.objects.filter(is_active=True).select_related("area")
    return {indicator.code: indicator for indicator in rows}


def _closure(codes: Iterable[str], indicators: dict[str, Indicator]) -> list[str]:
    """The codes with every input of their formulas, recursively."""
    seen: set[str] = set()
    stack = [code for code in codes if code in indicators]
    while stack:
        code = stack.pop()
        if code in seen:
            continue
        seen.add(code)
        formula = indicators[code].formula
        if formula:
            node = parse(formula)
            stack.extend(ref for ref in node.references() if ref in indicators)
    return sorted(seen)


def published_years() -> tuple[int, ...]:
    """Every year from the first to the last one with a published total."""
    # The first and last year of each indicator, each found by one seek in the unique
    # index (indicator, year, ...) among the published rows.
    totals = Observation.objects.filter(indicator=OuterRef("pk"), sex=Sex.TOTAL)
    bounds = Indicator.objects.annotate(
        first=Subquery(totals.order_by("year").values("year")[:1]),
        last=Subquery(totals.order_by("-year").values("year")[:1]),
    ).aggregate(Min("first"), Max("last"))
    if bounds["first__min"] is None:
        return ()
    return tuple(range(int(bounds["first__min"]), int(bounds["last__max"]) + 1))


def _fill(
    rows: LongValues,
    codes: list[str],
    indicators: dict[str, Indicator],
    frame: Frame,
    years: tuple[int, ...],
) -> dict[str, Series]:
    shape = (len(frame), len(years))
    out = {code: Series(np.full(shape, np.nan), np.zeros(shape, dtype=np.int8)) for code in codes}
    if not codes or not years or not len(rows) or not len(frame):
        return out
    ids = np.array(sorted(indicators[code].pk for code in codes), dtype=np.int64)
    code_of = {indicators[code].pk: code for code in codes}
    inside = (rows.year >= years[0]) & (rows.year <= years[-1]) & np.isin(rows.indicator, ids)
    indicator_ids, territory_ids = rows.indicator[inside], rows.territory[inside]
    columns, values, reasons = rows.year[inside] - years[0], rows.value[inside], rows.reason[inside]
    # One 3-D array (indicator x hromada x year), filled by one fancy assignment.
    found = np.clip(np.searchsorted(frame.ids, territory_ids), 0, len(frame) - 1)
    known = frame.ids[found] == territory_ids
    layer = np.searchsorted(ids, indicator_ids)
    cube = np.full((len(ids), len(frame), len(years)), np.nan)
    why = np.zeros(cube.shape, dtype=np.int8)
    cube[layer[known], found[known], columns[known]] = values[known]
    why[layer[known], found[known], columns[known]] = reasons[known]
    measures, per_years = None, None
    if rows.measure is not None and rows.per_year is not None:
        at = (layer[known], found[known], columns[known])
        measures = np.full(cube.shape, np.nan)
        measures[at] = rows.measure[inside][known]
        per_years = np.zeros(cube.shape, dtype=np.int16)
        per_years[at] = rows.per_year[inside][known]
    for n, indicator_id in enumerate(ids.tolist()):
        out[code_of[indicator_id]] = Series(
            cube[n].copy(),
            why[n].copy(),
            measures[n].copy() if measures is not None else None,
            per_years[n].copy() if per_years is not None else None,
        )
    return out


def _derive(
    series: dict[str, Series], derived: dict[str, str], frame: Frame, years: tuple[int, ...]
) -> None:
    if not derived:
        return
    if not years:
        empty = np.full((len(frame), 0), np.nan)
        for code in derived:
            series[code] = Series(empty, np.zeros(empty.shape, np.int8))
        return
    panel = Panel(tuple(int(i) for i in frame.ids), years, {c: s.values for c, s in series.items()})
    _, results = evaluate_derived(derived, panel)
    for code, result in results.items():
        series[code] = Series(result.values, np.zeros(result.values.shape, dtype=np.int8))


def published_panel(frame: Frame, indicators: dict[str, Indicator], version: int) -> Data:
    """Every active indicator (derived ones evaluated) for every hromada and year, read from
    the observations: the snapshot's input, never read inside a request."""
    years = published_years()
    base = [code for code, item in indicators.items() if not item.formula]
    rows = read_published(
        [indicators[c].pk for c in base], (years[0], years[-1]) if years else None
    )
    series = _fill(rows, base, indicators, frame, years)
    _derive(series, {c: i.formula for c, i in indicators.items() if i.formula}, frame, years)
    return Data(frame, years, indicators, series, version)


def load_data(codes: Iterable[str], frame: Frame, indicators: dict[str, Indicator]) -> Data:
    """The series of `codes` (and of their formula inputs) for every hromada and year, read
    from the current snapshot; empty series while no snapshot is ready."""
    from hromada.analytics.snapshot import current_snapshot, of_current_format

    snapshot = current_snapshot(frame)
    needed = _closure(codes, indicators)
    if snapshot is None:
        return Data(
            frame, (), indicators, _fill(LongValues.empty(), needed, indicators, frame, ()), 0
        )
    years = snapshot.years
    ids = [indicators[c].pk for c in needed]
    rows = read_snapshot(snapshot.pk, ids, stored_rankings=of_current_format(snapshot))
    series = _fill(rows, needed, indicators, frame, years)
    return Data(frame, years, indicators, series, snapshot.publication, snapshot.pk)
