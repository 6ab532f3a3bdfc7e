"""Run the measurements, each in its own process, and keep the results.

For every scale and database: make sure the generated database is there (reused when the
generator version, seed and size match), then run each measurement and its baseline
alternately, `repeat` times, and record every run; the report takes medians.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psycopg

from bench.importing import IMPORT_INDICATORS, clear
from bench.load import meta_key
from bench.targets import DATA_DIR, ROOT, Scale, Target, server_url

MEASUREMENTS = ("import", "ranking", "profile", "recompute", "api")
Log = Callable[[str], None]
API_SECONDS = 10.0  # load per server and run
API_SECONDS_QUICK = 1.0


@dataclass(frozen=True)
class Plan:
    scale: Scale
    only: tuple[str, ...]
    repeat: int
    seed: int


class WorkerFailed(RuntimeError):
    pass


def child(task: dict[str, Any], target: Target, plan: Plan) -> dict[str, Any]:
    """Run one task in a fresh process; its last line of output is the JSON result."""
    full = {
        **task,
        "target": asdict(target),
        "scale": asdict(plan.scale),
        "seed": plan.seed,
        "repeat": plan.repeat,
    }
    done = subprocess.run(  # noqa: S603  our own interpreter and module, arguments as a list
        [sys.executable, "-m", "bench.worker", json.dumps(full)],
        env=target.env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise WorkerFailed(f"{task['task']} on {target.label} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _stored_key(target: Target) -> str | None:
    try:
        connection = target.connect()
    except psycopg.OperationalError:
        return None
    try:
        cursor = connection.cursor()
        cursor.execute("SELECT key FROM bench_meta")
        row = cursor.fetchone()
        return str(row[0]) if row else None
    except Exception:
        return None
    finally:
        connection.close()


def _reset(target: Target) -> None:
    if target.vendor == "sqlite":
        target.path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target.path}{suffix}").unlink(missing_ok=True)
        return
    name = target.url.rsplit("/", 1)[1]
    with psycopg.connect(server_url(target), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(target: Target, plan: Plan, log: Log) -> dict[str, Any]:
    if _stored_key(target) == meta_key(plan.scale, plan.seed):
        log(f"{target.label}: reusing the generated database (applying new migrations)")
        child({"task": "migrate"}, target, plan)
        return {"reused": True, "seconds": 0.0}
    log(f"{target.label}: generating {plan.scale.values:,} values (cached for later runs)")
    _reset(target)
    result = child({"task": "generate"}, target, plan)
    return {"reused": False, "seconds": result["seconds"]}


def import_file(plan: Plan, log: Log) -> Path:
    key = meta_key(plan.scale, plan.seed).replace(" ", "-")
    path = DATA_DIR / f"import-{IMPORT_INDICATORS}-{key}.csv"
    if not path.exists():
        log("writing the import file")
        partial = path.with_suffix(".part")
        sqlite = Target("sqlite", f"sqlite:///{DATA_DIR / f'hromada-{plan.scale.name}.sqlite3'}")
        child({"task": "csv", "path": str(partial)}, sqlite, plan)
        partial.rename(path)
    return path


def _runs(task: str, target: Target, plan: Plan, **extra: Any) -> list[dict[str, Any]]:
    return [child({"task": task, **extra}, target, plan) for _ in range(plan.repeat)]


def _series(runs: list[dict[str, Any]], *keys: str) -> dict[str, Any]:
    series: dict[str, Any] = {
        "seconds": [r["seconds"] for r in runs],
        "rss": [r["rss_mib"] for r in runs],
    }
    for key in keys:
        series[key] = [r[key] for r in runs]
    return series


def measure_import(target: Target, plan: Plan, log: Log) -> dict[str, Any]:
    path = import_file(plan, log)
    rows = sum(1 for _ in path.open(encoding="utf-8")) - 1
    names = {"import_app": "app", "import_raw": "executemany"}
    if target.vendor == "postgresql":
        names = {"import_app": "app", "import_raw": "copy", "import_executemany": "executemany"}
    runs: dict[str, list[dict[str, Any]]] = {key: [] for key in names.values()}
    for number in range(plan.repeat):
        for task, key in names.items():
            log(f"{target.label}: import, {key}, run {number + 1}/{plan.repeat}")
            runs[key].append(child({"task": task, "path": str(path)}, target, plan))
    data: dict[str, Any] = {key: _series(found) for key, found in runs.items()}
    data["values"] = rows
    data["app"]["label"] = (
        "`import_values` (dataio import_file, validation on)"
        if runs["app"][0]["app"]
        else "`record_observations` (the path import_values uses; import_values not installed)"
    )
    return data


def measure(target: Target, plan: Plan, log: Log) -> dict[str, Any]:
    results: dict[str, Any] = {"generation": prepare(target, plan, log)}
    clear(target)  # what an interrupted earlier run may have left
    if "import" in plan.only:
        results["import"] = measure_import(target, plan, log)
        clear(target)
    for name in ("ranking", "profile"):
        if name in plan.only:
            log(f"{target.label}: {name}")
            found = child({"task": f"{name}_sql"}, target, plan)
            page = child({"task": f"{name}_app"}, target, plan)
            results[name] = {
                "sql": {"seconds": found["seconds"]},
                "rows": found["rows"],
                "app": {
                    "seconds": page["seconds"],
                    "cold": page["cold"],
                    "rss": [page["rss_mib"]],
                    "address": page["address"],
                },
            }
    if "api" in plan.only and target.vendor == "sqlite":
        results["api"] = measure_api(target, plan, log)
    if "recompute" in plan.only:
        log(f"{target.label}: recompute")
        app = _runs("recompute_app", target, plan)
        duck = [
            child({"task": "recompute_duckdb", "check": n == 0}, target, plan)
            for n in range(plan.repeat)
        ]
        from bench.formulas import GROWTH, PER_CAPITA, SHARES

        results["recompute"] = {
            "app": _series(app, "read", "compute", "cold"),
            "duckdb": _series(duck),
            "max_difference": duck[0]["max_difference"],
            "values": app[0]["values"],
            "derived": PER_CAPITA + SHARES + GROWTH,
        }
    return results


def measure_api(target: Target, plan: Plan, log: Log) -> dict[str, Any]:
    """The ranking endpoint under gunicorn vs Datasette's canned query, SQLite only (Datasette
    serves SQLite files)."""
    from bench import pages, throughput
    from bench.queries import subjects

    connection = target.connect()
    try:
        cursor = connection.cursor()
        address = pages.page_addresses(cursor, target.marker)["api"]
        indicator_id, year, _ = subjects(cursor)
    finally:
        connection.close()
    seconds = API_SECONDS_QUICK if plan.scale.name == "quick" else API_SECONDS
    log(f"{target.label}: API throughput, {plan.repeat} x {seconds:.0f} s per server")
    return throughput.measure(target, address, indicator_id, year, seconds, plan.repeat)


def clean_cache() -> None:
    """Delete every generated database file and import file (PostgreSQL ones stay)."""
    if DATA_DIR.exists():
        shutil.rmtree(DATA_DIR)


def environment_url() -> str:
    return os.environ.get("DATABASE_URL", "")
