"""The DuckDB reference of bench.duckdb_compare must compute the snapshot's ranks: on small
random data with ties, gaps, occupied hromadas and hromadas without a band, every rank, n,
percentile and quartile of DuckDB's rank tables equals the snapshot's own ranking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from bench import duckdb_sql
from hromada.analytics.snapshot_build import _ranked


def test_duckdb_rank_tables_equal_the_snapshots_ranking(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    hromadas, years = 200, 3
    polarity = {1: "higher", 2: "lower", 3: "neutral"}
    oblast, kind = rng.integers(1, 6, hromadas), rng.integers(0, 3, hromadas)
    band = rng.integers(-1, 4, hromadas)
    member, occupied = rng.random(hromadas) < 0.6, rng.random(hromadas) < 0.05
    places: dict[str, Any] = {
        "territory": np.arange(100, 100 + hromadas, dtype=np.int64),
        "oblast": oblast,
        "raion": rng.integers(10, 30, hromadas),
        "kind": kind,
        "band": band,
        "member": member,
        "occupied": occupied,
    }
    panels = {i: rng.integers(0, 9, (hromadas, years)).astype(np.float64) for i in polarity}
    for panel in panels.values():
        panel[rng.random(panel.shape) < 0.1] = np.nan
    rows = [
        (i, int(places["territory"][h]), 2020 + y, panels[i][h, y])
        for i in polarity
        for h in range(hromadas)
        for y in range(years)
        if not np.isnan(panels[i][h, y])
    ]
    values = {name: np.array(column) for name, column in zip(
        ("indicator", "territory", "year", "value"), zip(*rows, strict=True), strict=True
    )}  # fmt: skip
    indicators = {
        "id": np.array(list(polarity)),
        "polarity": np.array(list(polarity.values()), dtype=object),
        "aggregation": np.array(["sum"] * 3, dtype=object),
        "derived": np.zeros(3, dtype=bool),
    }
    db = duckdb.connect()
    for name, table in (("values", values), ("places", places), ("indicators", indicators)):
        db.register(name, table)
        target = tmp_path / f"{name}.parquet"
        db.execute(f"COPY (SELECT * FROM {name}) TO '{target}' (FORMAT parquet)")  # noqa: S608
    db.execute(duckdb_sql.rank_tables(duckdb_sql.sources(tmp_path), tmp_path / "ranks.parquet"))
    ranked = {
        (int(r[0]), int(r[1]), int(r[2])): r[3:]
        for r in db.execute(
            f"SELECT * EXCLUDE (value) FROM read_parquet('{tmp_path / 'ranks.parquet'}')"  # noqa: S608
        ).fetchall()
    }
    anywhere = ~occupied
    sets = {
        "all": np.where(anywhere, 0, -1),
        "members": np.where(anywhere & member, 0, -1),
        "type": np.where(anywhere, kind, -1),
        "band": np.where(anywhere & (band >= 0), band, -1),
        "type_band": np.where(anywhere & (band >= 0), kind * 100 + band, -1),
        "oblast": np.where(anywhere, oblast, -1),
    }
    assert len(ranked) == len(rows)
    for indicator, better in polarity.items():
        expected = [_ranked(panels[indicator], g.astype(np.int64), better) for g in sets.values()]
        for h in range(hromadas):
            for y in range(years):
                key = (indicator, int(places["territory"][h]), 2020 + y)
                if key not in ranked:
                    continue
                got = ranked[key]
                for n, (ranks, counts, percentiles, quartiles) in enumerate(expected):
                    rank_, count, percentile, quartile = got[4 * n : 4 * n + 4]
                    assert (rank_ is None) == np.isnan(ranks[h, y])
                    if rank_ is not None:
                        assert rank_ == ranks[h, y]
                        assert abs(percentile - percentiles[h, y]) < 1e-9
                    assert count == counts[h, y]
                    assert quartile == quartiles[h, y]
