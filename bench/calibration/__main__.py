"""`make calibrate` (python -m bench.calibration): recall and false alarms on real budgets.

Builds clean yearly submissions of every hromada from the real budget file (UAH, typed the
way an official types thousand UAH: one decimal), plants errors of every kind with a fixed
seed, runs them through the one check pipeline (`hromada.collection.validation.evaluate`,
the same function the web form, the workbook, the API and `validate_campaign` call), and
prints recall per error kind and the false-alarm rate per check. Thresholds were tuned on
--tune (2022, with 2021 as last year); the report is on --year (2023), which was not looked
at while tuning. Writes docs/validation-calibration.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import django


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.calibration")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--tune", type=int, default=2022)
    parser.add_argument("--seed", type=int, default=20231)
    parser.add_argument("--per-kind", type=int, default=300)
    parser.add_argument("--out", type=Path, default=Path("docs/validation-calibration.md"))
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--no-curve", action="store_true", help="skip the threshold trade-off on --tune"
    )
    args = parser.parse_args(argv)
    if not (args.data / "hromada_budget_2021_2023.csv").exists():
        print(f"no real data in {args.data}: nothing to calibrate", file=sys.stderr)
        return 1
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.settings")
    django.setup()
    from django.utils import translation

    from bench.calibration.run import curve, measure, report

    translation.activate("en")
    tuned = measure(args.data, args.tune, args.seed, args.per_kind)
    points = [] if args.no_curve else curve(args.data, args.tune, args.seed, args.per_kind)
    final = measure(args.data, args.year, args.seed, args.per_kind)
    text = report(tuned, final, args, points)
    print(text)
    if not args.no_write:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
