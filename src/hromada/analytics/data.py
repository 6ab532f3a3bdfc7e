"""Published values as NumPy arrays (hromadas x years), cached by the published version.

Nothing is precomputed in tables: a page asks for the codes it shows; arrays already in the
cache for the current published version are reused, the rest come from ONE query (read by
hromada.analytics.reading straight into arrays), and
derived indicators are evaluated from their inputs with the formula engine. A publication
bumps the version, so the next page reads fresh values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from django.core.cache import cache
from django.db.models import Max, Min, OuterRef, Subquery

from hromada.analytics.frame import Frame
from hromada.analytics.reading import read_published
from hromada.indicators.formula import Panel, evaluate_derived, parse
from hromada.indicators.formula.panel import FloatArray
from hromada.indicators.models import Indicator, Observation, Publication, Sex

CACHE_SECONDS = 24 * 3600
Int8Array = npt.NDArray[np.int8]


@dataclass(frozen=True)
class Series:
    """One indicator for every hromada and year: values (NaN = no value) and, for base
    indicators, the typed reason a value is missing (index into MISSING_CODES; 0 = none)."""

    values: FloatArray
    missing: Int8Array


@dataclass(frozen=True)
class Data:
    frame: Frame
    years: tuple[int, ...]
    indicators: dict[str, Indicator]
    series: dict[str, Series]
    version: int

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


def data_stamp() -> tuple[int, str]:
    """The published version (as published_version()) and a cache stamp that also holds the
    publication's time, so a database rebuilt from scratch never meets stale cache entries."""
    row = Publication.objects.order_by("-pk").values_list("pk", "published_at").first()
    if row is None:
        return 0, "0"
    return row[0], f"{row[0]}-{row[1].timestamp():.6f}"


def _years(version: str) -> tuple[int, ...]:
    key = f"analytics:v{version}:years"
    span = cache.get(key)
    if span is None:
        # The first and last year of each indicator, each found by one seek in the unique
        # index (indicator, year, ...): a plain MIN/MAX would read the whole table.
        totals = Observation.objects.filter(indicator=OuterRef("pk"), sex=Sex.TOTAL)
        bounds = Indicator.objects.annotate(
            first=Subquery(totals.order_by("year").values("year")[:1]),
            last=Subquery(totals.order_by("-year").values("year")[:1]),
        ).aggregate(Min("first"), Max("last"))
        span = (bounds["first__min"], bounds["last__max"])
        cache.set(key, span, CACHE_SECONDS)
    if span[0] is None:
        return ()
    return tuple(range(int(span[0]), int(span[1]) + 1))


def _key(version: str, frame: Frame, years: tuple[int, ...], code: str) -> str:
    span = f"{years[0]}-{years[-1]}" if years else "none"
    return f"analytics:v{version}:{frame.signature}:{span}:{code}"


def _load_base(
    codes: list[str], indicators: dict[str, Indicator], frame: Frame, years: tuple[int, ...]
) -> dict[str, Series]:
    shape = (len(frame), len(years))
    out = {code: Series(np.full(shape, np.nan), np.zeros(shape, dtype=np.int8)) for code in codes}
    if not codes or not years:
        return out
    ids = np.array(sorted(indicators[code].pk for code in codes), dtype=np.int64)
    code_of = {indicators[code].pk: code for code in codes}
    rows = read_published(ids.tolist(), (years[0], years[-1]))
    if not len(rows) or not len(frame):
        return out
    indicator_ids, territory_ids, columns = rows.indicator, rows.territory, rows.year - years[0]
    values, reasons = rows.value, rows.reason
    # One 3-D array (indicator x hromada x year), filled by one fancy assignment.
    found = np.clip(np.searchsorted(frame.ids, territory_ids), 0, len(frame) - 1)
    inside = frame.ids[found] == territory_ids
    layer = np.searchsorted(ids, indicator_ids)
    cube = np.full((len(ids), len(frame), len(years)), np.nan)
    why = np.zeros(cube.shape, dtype=np.int8)
    cube[layer[inside], found[inside], columns[inside]] = values[inside]
    why[layer[inside], found[inside], columns[inside]] = reasons[inside]
    for n, indicator_id in enumerate(ids.tolist()):
        out[code_of[indicator_id]] = Series(cube[n].copy(), why[n].copy())
    return out


def load_data(codes: Iterable[str], frame: Frame, indicators: dict[str, Indicator]) -> Data:
    """The series of `codes` (and of their formula inputs) for every hromada and year."""
    version, stamp = data_stamp()
    years = _years(stamp)
    needed = _closure(codes, indicators)
    keys = {code: _key(stamp, frame, years, code) for code in needed}
    cached = cache.get_many(list(keys.values()))
    series: dict[str, Series] = {code: cached[key] for code, key in keys.items() if key in cached}
    base = [c for c in needed if c not in series and not indicators[c].formula]
    loaded = _load_base(base, indicators, frame, years)
    series.update(loaded)
    derived = {c: indicators[c].formula for c in needed if c not in series}
    if derived and years:
        panel = Panel(
            tuple(int(i) for i in frame.ids), years, {c: s.values for c, s in series.items()}
        )
        _, results = evaluate_derived(derived, panel)
        for code, result in results.items():
            computed = Series(result.values, np.zeros(result.values.shape, dtype=np.int8))
            series[code] = computed
            loaded[code] = computed
    else:
        empty = _load_base([], indicators, frame, years)
        for code in derived:
            empty[code] = Series(
                np.full((len(frame), 0), np.nan), np.zeros((len(frame), 0), np.int8)
            )
        series.update(empty)
    cache.set_many({keys[code]: item for code, item in loaded.items()}, CACHE_SECONDS)
    return Data(frame, years, indicators, series, version)
