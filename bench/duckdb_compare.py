"""Hromada's snapshot and its first pages after a release, beside DuckDB computing the same
answers from the same published values (issue 14's targets).

`python -m bench.duckdb_compare [--hromadas 1469] [--indicators 20] [--scale 1,10]`
builds (once per shape) a SQLite database with the benchmark's generator (`--scale 10`:
ten times the hromadas), then, in one fresh process per scale and `--repeat` times:

1. a release: one published value corrected (`record_observations`), untimed;
2. **snapshot build**: `build_snapshot` as the worker runs it (rank tables in six peer sets,
   aggregates by four groupings, written to the database), timed until the new snapshot
   serves (`compute_snapshot`); the drop of the previous one after it
   (`drop_older_snapshots`) is timed apart and printed beside (DuckDB writes its file in
   place of the previous one);
3. **first profile** and **first ranking page** after it: one GET each through Django's test
   client with every cache cleared (code and templates were loaded before the release);
4. **aggregates**: the stored oblast aggregates of every collected indicator, as the
   aggregates page builds them (`stored_aggregate_page`), caches cleared.

The published values (derived ones as the snapshot computed them) and the hromadas'
attributes are then exported to Parquet, untimed, and DuckDB (a fresh in-process connection
reading those files) computes the same answers, timed the same number of times: the rank
tables in six sets written to a Parquet file, one hromada's ranks, one indicator-year's
ranking, and the collected indicators' aggregates by the four groupings written to Parquet
(for the judged oblast figure, only the oblast grouping). The DuckDB ranks are checked against
the snapshot's (every rank and n of every set must be equal). Results go to
`bench/results/duckdb-compare.md` and `.json`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.environment import machine
from bench.mix import _env, prepare, sqlite_target
from bench.targets import ROOT, Target

RESULTS = ROOT / "bench" / "results"
TARGETS = {  # figure: (target ratio Hromada / DuckDB, what is compared)
    "snapshot": (3.0, "snapshot build vs DuckDB rank tables (+ aggregates) to Parquet"),
    "profile": (2.0, "first profile page after a release vs DuckDB one hromada's ranks"),
    "ranking": (2.0, "first ranking page after a release vs DuckDB one indicator-year"),
    "aggregates": (3.0, "oblast aggregates of every collected indicator vs DuckDB"),
}


def measure_child(database: Target, repeat: int, seed: int) -> dict[str, Any]:
    """Run the measurements in a fresh process on `database`; returns its JSON result."""
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bench.duckdb_measure", str(repeat), str(seed)],
        env=_env(database),
        cwd=ROOT,
        stdout=subprocess.PIPE,  # progress and errors go to the terminal
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"measurement on {database.path.name} failed (see above)")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _whole_ratio(run: dict[str, Any]) -> float:
    """The snapshot build with the drop of the previous snapshot, over DuckDB's figure."""
    ours = [
        a + b
        for a, b in zip(run["hromada"]["snapshot"], run["hromada"].get("drop", []), strict=True)
    ]
    return _median(ours) / _median(run["duckdb"]["snapshot"])


def _cpu(run: dict[str, Any], side: str) -> float:
    return _median(run[side].get("snapshot_cpu", []))


def table(runs: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| scale | figure | Hromada | DuckDB (same run) | ratio | target | met | load |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for scale, run in runs.items():
        for name, (target, label) in TARGETS.items():
            ours = _median(run["hromada"][name])
            theirs = _median(run["duckdb"][name])
            ratio = ours / theirs if theirs else float("nan")
            met = "yes" if ratio <= target else "**no**"
            lines.append(
                f"| {scale}x ({run['exported']['hromadas']:,} hromadas) | {label} | "
                f"{ours * 1000:,.0f} ms | {theirs * 1000:,.0f} ms | "
                f"{ratio:,.1f} | ≤ {target:g} | {met} | {run['load']:.1f} |"
            )
    return "\n".join(lines)


def growth(runs: dict[str, dict[str, Any]]) -> str:
    if "1" not in runs or "10" not in runs:
        return ""
    lines = ["| figure | 10x / 1x, Hromada | 10x / 1x, DuckDB | ≤ 10 |", "|---|---|---|---|"]
    for name in TARGETS:
        ours = _median(runs["10"]["hromada"][name]) / _median(runs["1"]["hromada"][name])
        theirs = _median(runs["10"]["duckdb"][name]) / _median(runs["1"]["duckdb"][name])
        met = "yes" if ours <= 10 else "**no**"
        lines.append(f"| {name} | {ours:.1f} | {theirs:.1f} | {met} |")
    return "\n".join(lines)


def render(runs: dict[str, dict[str, Any]], command: str, date: str) -> str:
    return "\n\n".join(
        part
        for part in (
            "# Hromada vs DuckDB on the same published values",
            f"{date}, `{command}`, {machine()}; "
            "medians of the runs; lower is better; load is the 1-minute load average at the end "
            "of each scale.",
            table(runs),
            growth(runs),
            "\n".join(
                f"- {scale}x: dropping the previous snapshot after the new one serves took "
                f"{_median(run['hromada'].get('drop', [])) * 1000:,.0f} ms more (median); build "
                f"and drop together: {_whole_ratio(run):.1f}x DuckDB; CPU seconds of the build "
                f"until it serves {_cpu(run, 'hromada'):,.1f}, of DuckDB's rank tables and "
                f"aggregates {_cpu(run, 'duckdb'):,.1f} (both threads)"
                for scale, run in runs.items()
            ),
            "\n".join(
                f"- {scale}x: {run['values']:,} snapshot values, {run['checked']:,} ranks "
                f"compared with DuckDB's, {run['mismatches']} different; oblast aggregates differ "
                f"by at most {run['aggregate_difference']:.1e} (relative)"
                for scale, run in runs.items()
            ),
        )
        if part
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.duckdb_compare")
    parser.add_argument("--hromadas", type=int, default=1469, help="hromadas at 1x")
    parser.add_argument("--indicators", type=int, default=20, help="collected indicators")
    parser.add_argument("--scale", default="1", help="1, 10 or 1,10 (times the hromadas)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    runs: dict[str, dict[str, Any]] = {}
    for scale in args.scale.split(","):
        hromadas = args.hromadas * int(scale)
        print(f"{scale}x: {hromadas} hromadas x {args.indicators} indicators", flush=True)
        database = sqlite_target(hromadas, args.indicators)
        prepare(database, hromadas, args.indicators, args.seed)
        run = measure_child(database, args.repeat, args.seed)
        run["load"] = os.getloadavg()[0]
        runs[scale] = run
        print(json.dumps(run, indent=1), flush=True)
    command = "python -m bench.duckdb_compare " + " ".join(sys.argv[1:])
    text = render(runs, command.strip(), f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "duckdb-compare.md").write_text(text + "\n", encoding="utf-8")
    (args.out / "duckdb-compare.json").write_text(json.dumps(runs, indent=1) + "\n")
    print(text)


if __name__ == "__main__":
    main()
