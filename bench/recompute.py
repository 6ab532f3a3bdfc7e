"""Full recompute: derived indicators and oblast aggregates with Hromada's formula engine,
against a DuckDB query doing the same arithmetic over the same values.

Hromada gets the panel the way its pages do (`load_data`: from the cache of the published
version, or on a miss with one query straight into NumPy arrays), evaluates every formula
over the
whole panel and aggregates the inputs per oblast (sums, population-weighted means), then
evaluates the formulas on the oblast panel. DuckDB gets the same long table loaded first
(untimed: its SQLite scanner needs a download, impossible offline) and runs one query.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from bench.formulas import Recompute, recompute_set
from bench.generate import FIRST_YEAR, POPULATION, YEARS, FloatArray, IntArray, indicators
from bench.targets import Scale


@dataclass(frozen=True)
class Inputs:
    territory: IntArray  # hromada ids, ascending
    oblast: IntArray  # each hromada's oblast id
    long: dict[str, Any]  # columns indicator, territory, year, value of the long table


def plan(scale: Scale, seed: int) -> tuple[Recompute, dict[str, int]]:
    specs = indicators(scale.indicators, seed)
    return recompute_set(specs, seed), {s.code: s.id for s in specs}


def read(cursor: Any, marker: str, ids: list[int]) -> Inputs:
    """The hromadas and, in one query, every value of the input indicators."""
    cursor.execute(
        "SELECT id, oblast_id FROM territories_territory WHERE level = 'hromada' ORDER BY id"
    )
    places = np.array(cursor.fetchall(), dtype=np.int64)
    marks = ", ".join([marker] * len(ids))
    cursor.execute(
        "SELECT indicator_id, territory_id, year, value FROM indicators_observation "
        f"WHERE sex = '' AND year BETWEEN {marker} AND {marker} AND indicator_id IN ({marks})",
        (FIRST_YEAR, FIRST_YEAR + YEARS - 1, *ids),
    )
    # Streamed straight into one array (NULL becomes NaN): no list of a million tuples.
    rows = np.fromiter(itertools.chain.from_iterable(cursor), dtype=np.float64).reshape(-1, 4)
    long = {
        "indicator": rows[:, 0].astype(np.int64),
        "territory": rows[:, 1].astype(np.int64),
        "year": rows[:, 2].astype(np.int64),
        "value": rows[:, 3],
    }
    return Inputs(places[:, 0], places[:, 1], long)


def load_app(codes: list[str]) -> tuple[Any, IntArray]:
    """The inputs the way Hromada's pages get them: `load_data` (the published-version cache,
    or on a miss one query through the app's bulk reader) over the frame of hromadas.
    Returns the panel and each hromada's oblast id."""
    from hromada.analytics.data import catalogue, load_data
    from hromada.analytics.frame import load_frame

    frame = load_frame()
    data = load_data(codes, frame, catalogue())
    return data.panel(), frame.oblast_ids


def panel_of(inputs: Inputs, ids: dict[str, int]) -> Any:
    from hromada.indicators.formula import Panel

    row = np.searchsorted(inputs.territory, inputs.long["territory"])
    column = inputs.long["year"] - FIRST_YEAR
    data: dict[str, FloatArray] = {}
    for code, indicator_id in ids.items():
        values = np.full((len(inputs.territory), YEARS), np.nan)
        chosen = inputs.long["indicator"] == indicator_id
        values[row[chosen], column[chosen]] = inputs.long["value"][chosen]
        data[code] = values
    return Panel.from_years(inputs.territory.tolist(), FIRST_YEAR, FIRST_YEAR + YEARS - 1, data)


def hromada_compute(panel: Any, oblast: IntArray, work: Recompute) -> dict[str, FloatArray]:
    """Derived values per hromada (`code`) and per oblast (`oblast:code`), inputs too."""
    from hromada.indicators.formula import aggregate_panel, evaluate_aggregate, evaluate_derived

    _, results = evaluate_derived(work.formulas, panel)
    grouped = aggregate_panel(panel, oblast, work.how, weights=POPULATION)
    out = {code: result.values for code, result in results.items()}
    out |= {f"oblast:{code}": grouped.panel[code] for code in work.how}
    for code, formula in work.formulas.items():
        out[f"oblast:{code}"] = evaluate_aggregate(formula, grouped.panel).values
    return out


def reference_sql(work: Recompute, ids: dict[str, int]) -> tuple[str, str, str]:
    """The DuckDB reference over the long table `obs`: a wide table (one column per input
    indicator), then the derived values per hromada, then the aggregates per oblast."""
    column = {code: f"c{ids[code]}" for code in work.inputs}
    pivot = ", ".join(
        f"MAX(CASE WHEN indicator = {ids[c]} THEN value END) AS {column[c]}" for c in work.inputs
    )
    wide = (
        f"CREATE OR REPLACE TEMP TABLE wide AS SELECT territory, oblast, year, {pivot} "
        "FROM obs GROUP BY territory, oblast, year"
    )
    derived = ", ".join(f"{d.sql(column, 'w')} AS d{n}" for n, d in enumerate(work.derived))
    per_hromada = (
        f"SELECT territory, year, {derived} FROM wide "
        "WINDOW w AS (PARTITION BY territory ORDER BY year) ORDER BY territory, year"
    )
    weight = column[POPULATION]
    sums = []
    for code, how in work.how.items():
        c = column[code]
        if how == "sum":
            sums.append(f"SUM({c}) AS {c}")
        else:
            both = f"FILTER (WHERE {c} IS NOT NULL AND {weight} IS NOT NULL)"
            sums.append(f"SUM({c} * {weight}) {both} / NULLIF(SUM({weight}) {both}, 0) AS {c}")
    inputs = ", ".join(column[c] for c in work.inputs)
    per_oblast = (
        f"WITH sums AS (SELECT oblast, year, {', '.join(sums)} FROM wide GROUP BY oblast, year) "
        f"SELECT oblast, year, {inputs}, {derived} FROM sums "
        "WINDOW w AS (PARTITION BY oblast ORDER BY year) ORDER BY oblast, year"
    )
    return wide, per_hromada, per_oblast


def duckdb_reference(
    inputs: Inputs, work: Recompute, ids: dict[str, int]
) -> tuple[float, dict[str, FloatArray]]:
    """Seconds of the DuckDB statements (data already loaded) and their results as arrays."""
    import duckdb

    oblast_of = inputs.oblast[np.searchsorted(inputs.territory, inputs.long["territory"])]
    frame = {**inputs.long, "oblast": oblast_of}  # DuckDB reads NumPy NaN as NULL
    connection = duckdb.connect()
    connection.register("frame", frame)
    connection.execute("CREATE TABLE obs AS SELECT * FROM frame")
    wide, per_hromada, per_oblast = reference_sql(work, ids)
    for _ in range(2):  # the first pass warms caches and is not counted
        start = time.perf_counter()
        connection.execute(wide)
        hromadas = connection.execute(per_hromada).fetchnumpy()
        oblasts = connection.execute(per_oblast).fetchnumpy()
        seconds = time.perf_counter() - start
        connection.execute("DROP TABLE wide")
    connection.close()
    out: dict[str, FloatArray] = {}
    for n, derived in enumerate(work.derived):
        out[derived.code] = _grid(hromadas[f"d{n}"], len(inputs.territory))
        out[f"oblast:{derived.code}"] = _grid(oblasts[f"d{n}"], -1)
    for code in work.inputs:
        out[f"oblast:{code}"] = _grid(oblasts[f"c{ids[code]}"], -1)
    return seconds, out


def _grid(column: Any, rows: int) -> FloatArray:
    values = np.ma.filled(np.ma.asarray(column, dtype=np.float64), np.nan)
    return values.reshape(rows if rows > 0 else -1, YEARS)


def max_difference(ours: dict[str, FloatArray], theirs: dict[str, FloatArray]) -> float:
    """The largest relative difference between the two results; inf when missing differs."""
    worst = 0.0
    for code, values in ours.items():
        other = theirs[code]
        if values.shape != other.shape or not np.array_equal(np.isnan(values), np.isnan(other)):
            return float("inf")
        present = ~np.isnan(values)
        scale = np.maximum(np.abs(values[present]), 1e-12)
        if present.any():
            worst = max(worst, float(np.max(np.abs(values[present] - other[present]) / scale)))
    return worst
