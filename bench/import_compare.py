"""The import as a whole process beside raw executemany (and COPY on PostgreSQL), at 1x and
10x the hromadas, on SQLite and PostgreSQL, in minutes rather than the hour of a full
`python -m bench --scale 10`.

`python -m bench.import_compare [--indicators 30] [--scale 1,10] [--repeat 2] [--tag NAME]`
generates (once, cached in var/bench/ like the main benchmark) a database of every hromada
(1,469 at 1x, 14,690 at 10x) x `--indicators` collected indicators x 15 years, then runs the
benchmark's own import measurement (bench.runner.measure_import: `import_values`' action
with validation, history and one transaction, against the same CSV read with the csv module
and written with executemany, and with COPY on PostgreSQL), alternating, `--repeat` times.
The import file is one new year of every collected indicator (at most 100) for every
hromada. PostgreSQL runs when DATABASE_URL points to a server (its own databases
`hromada_bench_import-...`, never the one in the URL). Writes
`bench/results/import-compare.md` and `.json`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from statistics import median
from typing import Any

from bench import SEED, runner
from bench.environment import machine
from bench.generate import NATIONAL_HROMADAS
from bench.targets import ROOT, Scale, targets

RESULTS = ROOT / "bench" / "results"


def _log(message: str) -> None:
    stamp = dt.datetime.now(dt.UTC).strftime("%H:%M:%S")
    print(f"[{stamp}] {message} (load {os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True)


def rows(runs: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        "| scale | database | values | Hromada (whole import) | raw executemany | raw COPY "
        "| Hromada / executemany | ≥ 0.5 | load |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs.values():
        data = run["import"]
        count = data["values"]
        speed = {name: count / median(data[name]["seconds"]) for name in ("app", "executemany")}
        copy = f"{count / median(data['copy']['seconds']):,.0f} values/s" if "copy" in data else "-"
        ratio = speed["app"] / speed["executemany"]
        lines.append(
            f"| {run['scale']} | {run['database']} | {count:,} | {speed['app']:,.0f} values/s, "
            f"{median(data['app']['rss']):,.0f} MiB | {speed['executemany']:,.0f} values/s | "
            f"{copy} | {ratio:.2f} | {'yes' if ratio >= 0.5 else '**no**'} | {run['load']:.1f} |"
        )
    return lines


def growth(runs: dict[str, dict[str, Any]]) -> list[str]:
    lines = []
    for database in ("SQLite", "PostgreSQL"):
        small, large = runs.get(f"1x {database}"), runs.get(f"10x {database}")
        if small is None or large is None:
            continue
        ratio = median(large["import"]["app"]["seconds"]) / median(
            small["import"]["app"]["seconds"]
        )
        lines.append(
            f"- {database}: the 10x import took {ratio:.1f} times the 1x one "
            f"({'within' if ratio <= 10 else '**over**'} 10x for 10x the values)"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.import_compare")
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--scale", default="1", help="1, 10 or 1,10 (times the hromadas)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--tag",
        default="",
        help="appended to the databases' names (hromada_bench_import_1x30_TAG), so people "
        "measuring on one PostgreSQL server at the same time do not share a database",
    )
    args = parser.parse_args()
    runs: dict[str, dict[str, Any]] = {}
    for factor in args.scale.split(","):
        name = f"import_{factor}x{args.indicators}" + (f"_{args.tag}" if args.tag else "")
        scale = Scale(name, NATIONAL_HROMADAS * int(factor), args.indicators)
        plan = runner.Plan(scale, ("import",), args.repeat, args.seed)
        for target in targets(scale, runner.environment_url()):
            found = runner.measure(target, plan, _log)
            runs[f"{factor}x {target.label}"] = {
                "scale": f"{factor}x ({scale.hromadas:,} hromadas x {scale.indicators})",
                "database": target.label,
                "import": found["import"],
                "load": os.getloadavg()[0],
            }
    command = "python -m bench.import_compare " + " ".join(sys.argv[1:])
    text = "\n".join(
        [
            "# Import as a whole process vs raw executemany and COPY",
            "",
            f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, `{command.strip()}`, {machine()}; "
            "medians; load is the 1-minute load average after each database's runs.",
            "",
            *rows(runs),
            "",
            *growth(runs),
        ]
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "import-compare.md").write_text(text + "\n", encoding="utf-8")
    (args.out / "import-compare.json").write_text(json.dumps(runs, indent=1) + "\n")
    print(text)


if __name__ == "__main__":
    main()
