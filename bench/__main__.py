"""`python -m bench [--scale 1|10|1,10] [--quick] [--only import,ranking] [--repeat N]`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import sys
import time
from pathlib import Path
from typing import Any

from bench import SEED, report, runner
from bench.environment import machine, versions
from bench.targets import DATA_DIR, ROOT, scale_named, targets

RESULTS = ROOT / "bench" / "results"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure Hromada against baselines at national scale; see docs/benchmark.md.",
    )
    parser.add_argument("--scale", default="1", help="1, 10 or 1,10 (times the national scale)")
    parser.add_argument("--quick", action="store_true", help="a tiny scale, for tests")
    parser.add_argument(
        "--only",
        default=",".join(runner.MEASUREMENTS),
        help=f"comma-separated subset of {', '.join(runner.MEASUREMENTS)}",
    )
    parser.add_argument("--repeat", type=int, help="runs of each measurement (default 3)")
    parser.add_argument("--seed", type=int, default=SEED, help="the generator's seed")
    parser.add_argument("--out", type=Path, help="results folder (default bench/results)")
    return parser.parse_args(argv)


def _log(message: str) -> None:
    stamp = dt.datetime.now(dt.UTC).strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", file=sys.stderr, flush=True)


def keep_earlier(run: dict[str, Any], path: Path) -> None:
    """Keep the measurements of the previous run of this scale that this run did not make
    (an `--only` run updates its rows and leaves the others), noting where they came from."""
    if not path.exists():
        return
    before = json.loads(path.read_text())
    earlier = list(before.get("earlier", []))
    for label, results in run["targets"].items():
        old = before.get("targets", {}).get(label, {})
        kept = [name for name in old if name != "generation" and name not in results]
        for item in earlier:
            if item["target"] == label:
                item["measurements"] = [n for n in item["measurements"] if n in kept]
        noted = [n for e in earlier if e["target"] == label for n in e["measurements"]]
        fresh = [n for n in kept if n not in noted]
        if fresh:
            earlier.append(
                {
                    "target": label,
                    "measurements": fresh,
                    "date": before["date"],
                    "command": before["command"],
                }
            )
        results.update({name: old[name] for name in kept})
    earlier = [
        item for item in earlier if item["measurements"] and item["target"] in run["targets"]
    ]
    if earlier:
        run["earlier"] = earlier


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    only = tuple(name.strip() for name in options.only.split(",") if name.strip())
    unknown = set(only) - set(runner.MEASUREMENTS)
    if unknown:
        _log(f"unknown measurement(s): {', '.join(sorted(unknown))}")
        return 2
    names = ["quick"] if options.quick else options.scale.split(",")
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # a fresh clone has no var/bench/ yet
    out = options.out or (DATA_DIR / "quick-results" if options.quick else RESULTS)
    out.mkdir(parents=True, exist_ok=True)
    repeat = options.repeat or (1 if options.quick else 3)
    command = "python -m bench " + shlex.join(sys.argv[1:] if argv is None else argv)
    for name in names:
        scale = scale_named(name.strip())
        plan = runner.Plan(scale, only, repeat, options.seed)
        started = time.perf_counter()
        run: dict[str, Any] = {
            "scale": {**scale.__dict__, "values": scale.values},
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "command": command.strip(),
            "machine": machine(),
            "repeats": repeat,
            "targets": {},
        }
        for target in targets(scale, runner.environment_url()):
            run["targets"][target.label] = runner.measure(target, plan, _log)
        run["versions"] = versions(runner.environment_url())
        run["seconds"] = time.perf_counter() - started
        keep_earlier(run, out / f"scale-{scale.name}.json")
        (out / f"scale-{scale.name}.json").write_text(json.dumps(run, indent=1) + "\n")
        _log(f"scale {scale.name} done in {run['seconds']:.0f} s")
    runs = [json.loads(path.read_text()) for path in sorted(out.glob("scale-*.json"))]
    runs = [r for r in runs if r["scale"]["name"] in names or not options.quick]
    text = report.document(sorted(runs, key=lambda r: r["scale"]["hromadas"]))
    (out / "latest.md").write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
