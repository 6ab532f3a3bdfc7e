"""The DuckDB side of `python -m bench.duckdb_compare`: the same answers as Hromada's
snapshot, computed by DuckDB from Parquet files of the same published values.

Files (written by the comparison before any timing): `values.parquet` (indicator, territory,
year, value: every published value, derived ones included), `places.parquet` (each
hromada's oblast, raion, type, population band, member and occupied flags) and
`indicators.parquet` (polarity, aggregation, whether derived). Every query below reads
those files, so its time includes DuckDB's own read of its storage.

Ranks follow hromada.analytics.stats.rank: rank 1 is the best (the highest value unless
lower is better), ties share the best rank; the percentile is the share of the set with a
worse value, ties counting half; quartile 4 is the best quarter, none (0) under 4 ranked.
Occupied hromadas are ranked nowhere; a hromada without a band is not ranked by band.
"""

from __future__ import annotations

from pathlib import Path

# Each peer set: the expression of a hromada's group within it (NULL: not ranked there).
SETS = {
    "all": "0",
    "members": "CASE WHEN p.member THEN 0 END",
    "type": "p.kind",
    "band": "CASE WHEN p.band >= 0 THEN p.band END",
    "type_band": "CASE WHEN p.band >= 0 THEN p.kind * 100 + p.band END",
    "oblast": "p.oblast",
}
GROUPINGS = {"nation": "0", "oblast": "p.oblast", "raion": "p.raion", "type": "p.kind"}


FILES = ("values", "places", "indicators")


def sources(folder: Path) -> dict[str, str]:
    """Each file as a DuckDB table expression."""
    return {name: f"read_parquet('{folder / f'{name}.parquet'}')" for name in FILES}


def _windows(name: str) -> str:
    """The three window figures of one set: n (how many ranked), lo (1 + how many better)
    and ties (how many equal), over `keyed` (`key`: the value signed so that smaller is
    better; `g_<name>`: the group)."""
    part = f"PARTITION BY indicator, year, g_{name}"
    return (
        f"COUNT(key) OVER ({part}) AS n_{name}, RANK() OVER ({part} ORDER BY key) AS lo_{name}, "
        f"COUNT(key) OVER ({part}, key) AS ti_{name}"
    )


def _ranked_columns(name: str) -> str:
    """rank, n, percentile and quartile in one set, from the window figures."""
    n, lo, ties = f"n_{name}", f"lo_{name}", f"ti_{name}"
    worse = f"({n} - ({lo} - 1) - {ties})"
    percentile = (
        f"CASE WHEN {n} > 1 THEN 100.0 * ({worse} + 0.5 * ({ties} - 1)) / ({n} - 1) ELSE 50.0 END"
    )
    ranked = f"g_{name} IS NOT NULL AND key IS NOT NULL"
    return (
        f"CASE WHEN {ranked} THEN {lo} END AS rank_{name}, "
        f"CASE WHEN {ranked} THEN {n} ELSE 0 END AS n_{name}, "
        f"CASE WHEN {ranked} THEN {percentile} END AS percentile_{name}, "
        f"CASE WHEN {ranked} AND {n} >= 4 THEN LEAST(FLOOR(({percentile}) / 25) + 1, 4) "
        f"ELSE 0 END AS quartile_{name}"
    )


def _ranked(src: dict[str, str], where: str = "TRUE") -> str:
    windows = ", ".join(_windows(name) for name in SETS)
    columns = ", ".join(_ranked_columns(name) for name in SETS)
    return (
        f"WITH keyed AS ({_keyed(src, where)}), "
        f"w AS (SELECT keyed.*, {windows} FROM keyed) "
        f"SELECT indicator, territory, year, value, {columns} FROM w"
    )


def _keyed(src: dict[str, str], where: str = "TRUE") -> str:
    groups = ", ".join(
        f"CASE WHEN NOT p.occupied THEN {expression} END AS g_{name}"
        for name, expression in SETS.items()
    )
    return (
        f"SELECT v.indicator, v.territory, v.year, v.value, "
        f"CASE WHEN i.polarity = 'lower' THEN v.value ELSE -v.value END AS key, {groups} "
        f"FROM {src['values']} v JOIN {src['places']} p ON p.territory = v.territory "
        f"JOIN {src['indicators']} i ON i.id = v.indicator WHERE {where}"
    )


def rank_tables(src: dict[str, str], out: Path) -> str:
    """Every value with its rank, n, percentile and quartile in the six sets, written to
    `out` (Parquet): the rank tables of the snapshot."""
    return f"COPY ({_ranked(src)}) TO '{out}' (FORMAT parquet)"


def ranking(src: dict[str, str], indicator: int, year: int) -> str:
    """One indicator-year: every hromada's value with its ranks in the six sets."""
    where = f"v.indicator = {int(indicator)} AND v.year = {int(year)}"
    return f"{_ranked(src, where)} ORDER BY rank_all"


def profile(src: dict[str, str], territory: int) -> str:
    """One hromada: every indicator and year with its rank and n in the six sets, each
    counted against the other hromadas' values of the same indicator-year (one pass)."""
    aggregates = []
    for name in SETS:
        same = f"o.g_{name} = m.g_{name} AND o.key IS NOT NULL"
        aggregates.append(
            f"CASE WHEN m.g_{name} IS NOT NULL AND m.key IS NOT NULL THEN "
            f"1 + COUNT(*) FILTER (WHERE {same} AND o.key < m.key) END AS rank_{name}, "
            f"COUNT(*) FILTER (WHERE {same}) AS n_{name}"
        )
    return (
        f"WITH keyed AS ({_keyed(src)}), mine AS (SELECT * FROM keyed "
        f"WHERE territory = {int(territory)}) "
        f"SELECT m.indicator, m.year, m.value, {', '.join(aggregates)} "
        "FROM mine m JOIN keyed o ON o.indicator = m.indicator AND o.year = m.year "
        "GROUP BY m.indicator, m.year, m.value, "
        + ", ".join(f"m.g_{name}" for name in SETS)
        + ", m.key ORDER BY m.indicator, m.year"
    )


def aggregates(
    src: dict[str, str], population: int, out: Path, groupings: dict[str, str] | None = None
) -> str:
    """Collected indicators by each grouping and year: the sum, or the population-weighted
    mean (the weight is the same year's population; a hromada lacking either is left out),
    with how many hromadas reported and how many the group has."""
    groupings = GROUPINGS if groupings is None else groupings
    parts = []
    for grouping, expression in groupings.items():
        parts.append(
            f"SELECT v.indicator, '{grouping}' AS grouping, {expression} AS grp, v.year, "
            "CASE WHEN any_value(i.aggregation) = 'sum' THEN SUM(v.value) "
            "WHEN any_value(i.aggregation) = 'weighted_mean' THEN "
            "SUM(v.value * w.value) FILTER (WHERE w.value IS NOT NULL) / "
            "NULLIF(SUM(w.value) FILTER (WHERE v.value IS NOT NULL), 0) END AS value, "
            "COUNT(v.value) AS reported "
            f"FROM {src['values']} v JOIN {src['places']} p ON p.territory = v.territory "
            f"JOIN {src['indicators']} i ON i.id = v.indicator AND NOT i.derived "
            f"LEFT JOIN {src['values']} w ON w.indicator = {int(population)} "
            "AND w.territory = v.territory AND w.year = v.year "
            f" WHERE {expression} IS NOT NULL "
            "GROUP BY v.indicator, grp, v.year"
        )
    members = " UNION ALL ".join(
        f"SELECT '{grouping}' AS grouping, {expression} AS grp, COUNT(*) AS members "
        f"FROM {src['places']} p WHERE {expression} IS NOT NULL GROUP BY grp"
        for grouping, expression in groupings.items()
    )
    query = (
        f"WITH a AS ({' UNION ALL '.join(parts)}), m AS ({members}) "
        "SELECT a.*, m.members FROM a JOIN m USING (grouping, grp)"
    )
    return f"COPY ({query}) TO '{out}' (FORMAT parquet)"
