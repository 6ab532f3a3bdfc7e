"""The measuring process of `python -m bench.duckdb_compare` (see there): Django set up on the
comparison's database; prints one JSON line of seconds per figure, Hromada's and DuckDB's.

`python -m bench.duckdb_measure REPEAT SEED`
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django
import numpy as np

from bench import duckdb_sql

CHECKED_INDICATORS = 5  # indicators whose every rank is compared with DuckDB's
RANK_CHECKS = ("rank", "n")
FIGURES = ("snapshot", "profile", "ranking", "aggregates")


def _timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _clear_caches() -> None:
    from django.core.cache import caches

    for each in caches.all():
        each.clear()


def _release(round_: int) -> None:
    """One published value corrected: the smallest release there is."""
    from hromada.indicators.actions import ValueInput, record_observations
    from hromada.indicators.models import Observation

    o = Observation.objects.order_by("pk").first()
    if o is None:
        raise RuntimeError("the database holds no values")
    value = (o.value or 0) + round_ + 1
    record_observations(
        [ValueInput(o.territory_id, o.indicator_id, o.year, "", value, "")],
        by=None,
        reason="correction",
        status="published",
    )


def _build() -> tuple[float, float, float]:
    """What `hromada analytics_warm` and the worker do: a snapshot of the data as it is.
    Returns the seconds until it serves (`compute_snapshot`), the CPU seconds of that, and
    the seconds of dropping the previous one after it (`drop_older_snapshots`): DuckDB's
    figure is a file written in place of the previous one, so the first is compared and
    the last reported beside."""
    from hromada.analytics.frame import load_frame
    from hromada.analytics.models import Snapshot
    from hromada.analytics.snapshot import expected_key
    from hromada.analytics.snapshot_build import compute_snapshot, drop_older_snapshots
    from hromada.lib.sqlite import large_cache

    key = expected_key(load_frame())
    Snapshot.objects.filter(key=key).delete()
    snapshot_id = Snapshot.objects.create(key=key).pk
    with large_cache():  # as build_snapshot, which is these two steps
        started, cpu = time.perf_counter(), time.process_time()
        snapshot = compute_snapshot(snapshot_id)
        ready, cpu = time.perf_counter(), time.process_time() - cpu
        drop_older_snapshots(snapshot)
    return ready - started, cpu, time.perf_counter() - ready


def _get(client: Any, address: str) -> None:
    response = client.get(address)
    if response.status_code != 200:
        raise RuntimeError(f"GET {address} answered {response.status_code}")


def _rows(sql: str, params: list[Any], columns: int) -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        flat = np.fromiter(
            (np.nan if v is None else v for row in cursor.cursor for v in row), dtype=np.float64
        )
    return flat.reshape(-1, columns)


def export(folder: Path, snapshot_id: int) -> dict[str, int]:
    """The snapshot's values (derived ones included), the hromadas and the catalogue as
    Parquet files for DuckDB; untimed. Returns counts."""
    import duckdb

    from hromada.analytics.data import catalogue, load_data
    from hromada.analytics.frame import load_frame
    from hromada.analytics.peers import population_bands
    from hromada.indicators.population_bands import POPULATION_CODE
    from hromada.territories.models import HromadaType

    frame = load_frame()
    indicators = catalogue()
    values = _rows(
        "SELECT indicator_id, territory_id, year, value FROM analytics_snapshotvalue "
        "WHERE snapshot_id = %s AND value IS NOT NULL",
        [snapshot_id],
        4,
    )
    bands = population_bands(load_data([POPULATION_CODE], frame, indicators))
    kinds = [value for value, _label in HromadaType.choices]
    db = duckdb.connect()
    tables: dict[str, dict[str, Any]] = {
        "values": {
            "indicator": values[:, 0].astype(np.int64),
            "territory": values[:, 1].astype(np.int64),
            "year": values[:, 2].astype(np.int64),
            "value": values[:, 3],
        },
        "places": {
            "territory": frame.ids,
            "oblast": frame.oblast_ids,
            "raion": frame.raion_ids,
            "kind": np.array([kinds.index(t) if t in kinds else -1 for t in frame.types.tolist()]),
            "band": np.asarray(bands, dtype=np.int64),
            "member": frame.members,
            "occupied": frame.occupied,
        },
        "indicators": {
            "id": np.array([i.pk for i in indicators.values()], dtype=np.int64),
            "polarity": np.array([i.polarity for i in indicators.values()], dtype=object),
            "aggregation": np.array([i.aggregation for i in indicators.values()], dtype=object),
            "derived": np.array([bool(i.formula) for i in indicators.values()]),
        },
    }
    for name, columns in tables.items():
        db.register(name, columns)
        db.execute(f"COPY (SELECT * FROM {name}) TO '{folder / name}.parquet' (FORMAT parquet)")
    db.close()
    return {"values": len(values), "hromadas": len(frame)}


def _check_ranks(folder: Path, snapshot_id: int, indicator_ids: list[int]) -> tuple[int, int]:
    """DuckDB's rank tables against the snapshot's, for a few indicators: how many ranks and
    counts were compared and how many differ."""
    import duckdb

    from hromada.analytics.models import RANKED_SETS

    names = [f"{field}_{s}" for s in RANKED_SETS for field in RANK_CHECKS]
    marks = ", ".join(["%s"] * len(indicator_ids))
    ours = _rows(
        f"SELECT indicator_id, territory_id, year, {', '.join(names)} "
        f"FROM analytics_snapshotvalue WHERE snapshot_id = %s AND value IS NOT NULL "
        f"AND indicator_id IN ({marks})",
        [snapshot_id, *indicator_ids],
        3 + len(names),
    )
    db = duckdb.connect()
    db.register("ours", {c: ours[:, n] for n, c in enumerate(["i", "t", "y", *names])})
    theirs = f"read_parquet('{folder / 'ranks.parquet'}')"
    differ = " + ".join(
        f"CASE WHEN COALESCE(o.{n}, -1) = COALESCE(d.{n}, -1) THEN 0 ELSE 1 END" for n in names
    )
    row = db.execute(
        f"SELECT COUNT(*), SUM({differ}) FROM ours o JOIN {theirs} d "
        "ON d.indicator = o.i AND d.territory = o.t AND d.year = o.y"
    ).fetchone()
    db.close()
    joined, different = (int(row[0]), int(row[1] or 0)) if row else (0, 0)
    if joined != len(ours):
        different += len(ours) - joined
    return len(ours) * len(names), different


def _check_aggregates(folder: Path, snapshot_id: int) -> float:
    """The largest relative difference of DuckDB's oblast aggregates from the snapshot's."""
    import duckdb

    ours = _rows(
        'SELECT indicator_id, "group", year, value FROM analytics_snapshotaggregate '
        "WHERE snapshot_id = %s AND grouping = 'oblast' AND value IS NOT NULL",
        [snapshot_id],
        4,
    )
    db = duckdb.connect()
    db.register("ours", {c: ours[:, n] for n, c in enumerate(["i", "g", "y", "v"])})
    row = db.execute(
        "SELECT MAX(ABS(o.v - d.value) / GREATEST(ABS(o.v), 1e-12)) FROM ours o "
        f"JOIN read_parquet('{folder / 'aggregates.parquet'}') d ON d.indicator = o.i "
        "AND d.grouping = 'oblast' AND d.grp = o.g AND d.year = o.y"
    ).fetchone()
    db.close()
    return float(row[0]) if row and row[0] is not None else float("nan")


def measure(repeat: int, seed: int) -> dict[str, Any]:
    from django.test import Client

    from hromada.analytics.aggregate_page import stored_aggregate_page
    from hromada.analytics.data import catalogue
    from hromada.analytics.frame import load_frame
    from hromada.analytics.models import Snapshot, SnapshotIndicator
    from hromada.analytics.snapshot import newest_ready
    from hromada.indicators.population_bands import POPULATION_CODE

    chooser = random.Random(seed)
    client = Client(HTTP_HOST="127.0.0.1")
    frame = load_frame()
    indicators = catalogue()
    collected = [i for i in indicators.values() if not i.formula]
    if newest_ready() is None:
        _build()  # the first snapshot of a fresh database; not counted
    # Code and templates loaded once, before any timed request.
    _get(client, f"/analytics/profile/{frame.codes[0]}/")
    _get(client, f"/analytics/indicator/{collected[1].code}/")
    stored_aggregate_page(collected[1], "oblast", None)
    ours: dict[str, list[float]] = {name: [] for name in (*FIGURES, "snapshot_cpu", "drop")}
    subjects: list[tuple[int, int, int]] = []
    for round_ in range(repeat):
        _release(round_)
        # No cache is cleared around the release: a running worker keeps its caches, and
        # their keys decide what the release made stale (the page cache's content stamp, the
        # frame's registry stamp). Clearing them measured a worker just started instead.
        ready, cpu, dropped = _build()
        ours["snapshot"].append(ready)
        ours["snapshot_cpu"].append(cpu)
        ours["drop"].append(dropped)
        place = chooser.randrange(len(frame))
        indicator = chooser.choice(list(indicators.values()))
        address = f"/analytics/profile/{frame.codes[place]}/"
        ours["profile"].append(_timed(lambda: _get(client, address)))  # noqa: B023
        address = f"/analytics/indicator/{indicator.code}/"
        ours["ranking"].append(_timed(lambda: _get(client, address)))  # noqa: B023
        _clear_caches()
        ours["aggregates"].append(
            _timed(lambda: [stored_aggregate_page(i, "oblast", None) for i in collected])
        )
        snapshot = newest_ready()
        assert snapshot is not None
        year = (
            SnapshotIndicator.objects.filter(snapshot=snapshot, indicator_id=indicator.pk)
            .values_list("covered_year", flat=True)
            .first()
        )
        subjects.append((int(frame.ids[place]), indicator.pk, int(year or 0)))
        print({name: round(found[-1], 3) for name, found in ours.items()}, file=sys.stderr)
    snapshot = newest_ready()
    assert snapshot is not None
    with tempfile.TemporaryDirectory(prefix="hromada-duckdb-") as name:
        folder = Path(name)
        counts = export(folder, snapshot.pk)
        theirs = duckdb_side(folder, subjects, indicators[POPULATION_CODE].pk)
        checked_ids = [i.pk for i in list(indicators.values())[:CHECKED_INDICATORS]]
        checked, mismatches = _check_ranks(folder, snapshot.pk, checked_ids)
        difference = _check_aggregates(folder, snapshot.pk)
    return {
        "hromada": ours,
        "duckdb": theirs,
        "values": Snapshot.objects.get(pk=snapshot.pk).values_count,
        "exported": counts,
        "indicators": len(indicators),
        "collected": len(collected),
        "checked": checked,
        "mismatches": mismatches,
        "aggregate_difference": difference,
    }


def duckdb_side(
    folder: Path, subjects: list[tuple[int, int, int]], population: int
) -> dict[str, list[float]]:
    """DuckDB's time for each answer, a fresh connection per run (as the first request
    after a release has no warm state either); the files are in the OS cache for both."""

    src = duckdb_sql.sources(folder)
    theirs: dict[str, list[float]] = {name: [] for name in (*FIGURES, "snapshot_cpu")}
    for territory, indicator, year in subjects:
        statements = {
            "snapshot": [
                duckdb_sql.rank_tables(src, folder / "ranks.parquet"),
                duckdb_sql.aggregates(src, population, folder / "aggregates.parquet"),
            ],
            "profile": [duckdb_sql.profile(src, territory)],
            "ranking": [duckdb_sql.ranking(src, indicator, year)],
            "aggregates": [
                duckdb_sql.aggregates(
                    src, population, folder / "oblast.parquet", {"oblast": "p.oblast"}
                )
            ],
        }
        for name, sql in statements.items():
            seconds, cpu = _run_fresh(sql)
            theirs[name].append(seconds)
            if name == "snapshot":
                theirs["snapshot_cpu"].append(cpu)
    return theirs


def _run_fresh(statements: list[str]) -> tuple[float, float]:
    """Seconds and CPU seconds (every thread of the process) of the statements on a fresh
    connection, results fetched. The CPU time is steadier than the wall time on a shared
    machine, and counts both of DuckDB's threads where the build uses one."""
    import duckdb

    db = duckdb.connect()
    started, cpu = time.perf_counter(), time.process_time()
    for sql in statements:
        db.execute(sql).fetchall()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    db.close()
    return seconds, cpu


def main() -> None:
    repeat, seed = int(sys.argv[1]), int(sys.argv[2])
    django.setup()
    print(json.dumps(measure(repeat, seed)))


if __name__ == "__main__":
    main()
