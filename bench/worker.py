"""One measurement in a fresh process: `python -m bench.worker '<task as JSON>'`.

A fresh process per measurement keeps the peak RSS of one from leaking into another. The
last line printed is a JSON object: the timed seconds, `rss_mib` (peak resident memory of
this process) and what the task adds.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django
import numpy as np

from bench import importing, pages, queries, recompute
from bench.load import generate
from bench.targets import Scale, Target


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def _repeat(task: dict[str, Any], work: Callable[[], Any]) -> dict[str, Any]:
    work()  # warm-up, not counted
    seconds = [_timed(work)[0] for _ in range(task["repeat"])]
    return {"seconds": seconds}


def run(task: dict[str, Any]) -> dict[str, Any]:
    target = Target(**task["target"])
    scale = Scale(**task["scale"])
    seed = int(task["seed"])
    name = task["task"]
    if name in ("generate", "migrate"):
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0, interactive=False)
        connections.close_all()  # the loader needs the database to itself
        if name == "migrate":
            return {"seconds": 0.0, "publication": pages.ensure_published()}
        seconds, counts = _timed(lambda: generate(target, scale, seed))
        return {"seconds": seconds, **counts, "publication": pages.ensure_published()}
    if name == "csv":
        rows = importing.write_csv(Path(task["path"]), scale, seed)
        return {"seconds": 0.0, "rows": rows}
    if name.startswith("import_"):
        importing.clear(target)
        path = Path(task["path"])
        loaders: dict[str, Callable[[], Any]] = {
            "import_app": lambda: importing.app_import(path),
            "import_raw": lambda: importing.raw_load(target, path),
            "import_executemany": lambda: importing.raw_executemany(target, path),
        }
        seconds, _ = _timed(loaders[name])
        return {"seconds": seconds, "app": importing.app_available()}
    connection = target.connect()
    cursor = connection.cursor()
    if name == "ranking_sql":
        indicator, year, _ = queries.subjects(cursor)
        found = queries.ranking(cursor, target.marker, indicator, year)
        return {
            **_repeat(task, lambda: queries.ranking(cursor, target.marker, indicator, year)),
            "rows": len(found),
        }
    if name in ("ranking_app", "profile_app"):
        address = pages.page_addresses(cursor, target.marker)[name.removesuffix("_app")]
        return pages.time_page(address, int(task["repeat"]))
    if name == "profile_sql":
        territory = queries.subjects(cursor)[2]
        found = queries.profile(cursor, target.marker, territory)
        return {
            **_repeat(task, lambda: queries.profile(cursor, target.marker, territory)),
            "rows": len(found),
        }
    return _recompute(task, cursor, target, scale, seed)


def _recompute(
    task: dict[str, Any], cursor: Any, target: Target, scale: Scale, seed: int
) -> dict[str, Any]:
    work, ids = recompute.plan(scale, seed)
    chosen = {code: ids[code] for code in work.inputs}
    if task["task"] == "recompute_app":
        from django.core.cache import cache

        recompute.load_app(list(chosen))  # loads code; not counted
        cache.clear()
        figures: dict[str, float] = {}
        for state in ("cold", "warm"):  # cold: read from the database; warm: from the cache
            read_seconds, (panel, oblast) = _timed(lambda: recompute.load_app(list(chosen)))
            start = time.perf_counter()
            recompute.hromada_compute(panel, oblast, work)
            figures[f"{state}_read"] = read_seconds
            figures[f"{state}_compute"] = time.perf_counter() - start
        return {
            "seconds": figures["warm_read"] + figures["warm_compute"],
            "cold": figures["cold_read"] + figures["cold_compute"],
            "read": figures["cold_read"],
            "compute": figures["warm_compute"],
            "values": int(sum((~np.isnan(v)).sum() for v in panel.data.values())),
        }
    inputs = recompute.read(cursor, target.marker, list(chosen.values()))
    seconds, theirs = recompute.duckdb_reference(inputs, work, chosen)
    result: dict[str, Any] = {"seconds": seconds}
    if task.get("check"):
        ours = recompute.hromada_compute(recompute.panel_of(inputs, chosen), inputs.oblast, work)
        result["max_difference"] = recompute.max_difference(ours, theirs)
        result["compared"] = sum(v.size for v in ours.values())
    return result


def main() -> None:
    task = json.loads(sys.argv[1])
    django.setup()
    result = run(task)
    result["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
