"""Where the snapshot lives: SQLite table vs Parquet read by DuckDB, for the two reads pages
make (one hromada's rows for a profile; one indicator-year for a ranking).

`python -m bench.snapshot_store [--hromadas 1469] [--indicators 215] [--years 9]` writes a
synthetic snapshot of that shape (value plus 24 rank columns, as hromada.analytics.models.
SnapshotValue) to a scratch folder in both stores and prints the median time of each read
over random keys, each store read the way a web worker would (one open connection).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

RANK_COLUMNS = [f"c{n}" for n in range(24)]


def _rows(hromadas: int, indicators: int, years: int) -> np.ndarray:
    grid = np.stack(
        np.meshgrid(np.arange(indicators), np.arange(hromadas), np.arange(years), indexing="ij"),
        axis=-1,
    ).reshape(-1, 3)
    extra = np.random.default_rng(1).random((len(grid), 1 + len(RANK_COLUMNS)))
    return np.hstack([grid.astype(np.float64), extra])


def _median_ms(read: Callable[..., Any], keys: Sequence[tuple[int, ...]]) -> float:
    times = []
    for key in keys:
        started = time.perf_counter()
        read(*key)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hromadas", type=int, default=1469)
    parser.add_argument("--indicators", type=int, default=215)
    parser.add_argument("--years", type=int, default=9)
    args = parser.parse_args()
    rows = _rows(args.hromadas, args.indicators, args.years)
    names = ["indicator_id", "territory_id", "year", "value", *RANK_COLUMNS]
    rng = np.random.default_rng(2)
    hromada_keys: list[tuple[int, ...]] = [(int(h),) for h in rng.integers(0, args.hromadas, 50)]
    ranking_keys: list[tuple[int, ...]] = [
        (int(i), int(y))
        for i, y in zip(
            rng.integers(0, args.indicators, 50), rng.integers(0, args.years, 50), strict=True
        )
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        started = time.perf_counter()
        db = sqlite3.connect(path / "s.sqlite3")
        db.execute(f"CREATE TABLE v ({', '.join(names)})")
        db.executemany(f"INSERT INTO v VALUES ({', '.join('?' * len(names))})", rows.tolist())
        db.execute("CREATE INDEX v_ranking ON v (indicator_id, year)")
        db.execute("CREATE INDEX v_profile ON v (territory_id)")
        db.commit()
        sqlite_write = time.perf_counter() - started
        started = time.perf_counter()
        duck = duckdb.connect()
        duck.register("frame", {n: rows[:, i] for i, n in enumerate(names)})
        duck.execute(f"COPY (SELECT * FROM frame) TO '{path / 's.parquet'}' (FORMAT parquet)")
        parquet_write = time.perf_counter() - started
        duck.close()
        reader = duckdb.connect()
        parquet = str(path / "s.parquet")

        def sqlite_profile(h: int) -> list[Any]:
            return db.execute("SELECT * FROM v WHERE territory_id = ?", (h,)).fetchall()

        def sqlite_ranking(i: int, y: int) -> list[Any]:
            sql = "SELECT * FROM v WHERE indicator_id = ? AND year = ?"
            return db.execute(sql, (i, y)).fetchall()

        def parquet_profile(h: int) -> list[Any]:
            sql = f"SELECT * FROM '{parquet}' WHERE territory_id = ?"
            return reader.execute(sql, [h]).fetchall()

        def parquet_ranking(i: int, y: int) -> list[Any]:
            sql = f"SELECT * FROM '{parquet}' WHERE indicator_id = ? AND year = ?"
            return reader.execute(sql, [i, y]).fetchall()

        print(f"rows: {len(rows):,} ({args.hromadas} x {args.indicators} x {args.years})")
        print(f"write: SQLite table {sqlite_write:.1f} s, Parquet {parquet_write:.1f} s")
        for label, read, keys in (
            ("profile (one hromada)", sqlite_profile, hromada_keys),
            ("ranking (one indicator-year)", sqlite_ranking, ranking_keys),
        ):
            print(f"SQLite table, {label}: {_median_ms(read, keys):.2f} ms")
        for label, read, keys in (
            ("profile (one hromada)", parquet_profile, hromada_keys),
            ("ranking (one indicator-year)", parquet_ranking, ranking_keys),
        ):
            print(f"Parquet + DuckDB, {label}: {_median_ms(read, keys):.2f} ms")


if __name__ == "__main__":
    main()
