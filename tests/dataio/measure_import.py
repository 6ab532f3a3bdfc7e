"""One-off measurement of import and export throughput and peak memory (not a test).

    .venv/bin/python tests/dataio/measure_import.py --hromadas 1469 --indicators 20 --years 7

Builds a throw-away SQLite database in a temporary HROMADA_DATA_DIR, writes a long CSV of
hromadas x indicators x years values, then in one process each: checks it (dry run),
imports it, and exports everything as CSV. Prints values/s and the peak RSS of each step.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setup(folder: Path, hromadas: int, indicators: int, years: int) -> Path:
    import datetime as dt

    from django.core.management import call_command

    from hromada.indicators.models import Area, Indicator
    from hromada.territories.models import Category, Level, Territory

    call_command("migrate", verbosity=0)
    area = Area.objects.create(code="bench", name_uk="Бенч", name_en="Bench")
    Indicator.objects.bulk_create(
        Indicator(code=f"bench.i{i:03d}", area=area, name_uk=f"П{i}", name_en=f"I{i}", unit="UAH")
        for i in range(indicators)
    )
    codes = [f"UA{70000000000000000 + n:017d}" for n in range(hromadas)]
    Territory.objects.bulk_create(
        Territory(
            code=c,
            level=Level.HROMADA,
            category=Category.HROMADA,
            name_uk=c,
            name_en=c,
            search_text=c.lower(),
            valid_from=dt.date(2020, 7, 17),
        )
        for c in codes
    )
    path = folder / "values.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["код", "показник", "рік", "значення"])
        for code in codes:
            for i in range(indicators):
                for year in range(2015, 2015 + years):
                    writer.writerow(
                        [
                            code,
                            f"bench.i{i:03d}",
                            year,
                            f"{(hash((code, i, year)) % 10**7) / 100:.2f}".replace(".", ","),
                        ]
                    )
    return path


def step(name: str, path: Path) -> None:
    from hromada.dataio.actions import import_file
    from hromada.dataio.convert import Options
    from hromada.dataio.exporting import csv_chunks
    from hromada.indicators.models import Observation

    started = time.perf_counter()
    if name == "export":
        rows = Observation.all_objects.order_by("territory__code", "indicator__code", "year")
        with (path.parent / "export.csv").open("w", encoding="utf-8") as out:
            count = sum(out.write(chunk) > 0 for chunk in csv_chunks(rows)) and rows.count()
    else:
        report = import_file(path, by=None, options=Options(), dry_run=name == "check")
        assert report.ok, report.problems[:3]
        count = report.total
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{name:6s} {count:>9,} values {seconds:7.1f} s {count / seconds:>9,.0f} values/s "
        f"peak RSS {peak_mb:6.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hromadas", type=int, default=1469)
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument("--years", type=int, default=7)
    parser.add_argument("--step", default="")
    parser.add_argument("--folder", default="")
    args = parser.parse_args()
    if args.step:
        import django

        django.setup()
        if args.step == "setup":
            setup(Path(args.folder), args.hromadas, args.indicators, args.years)
            return
        step(args.step, Path(args.folder) / "values.csv")
        return
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "HROMADA_DATA_DIR": folder,
            "DATABASE_URL": "",
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "hromada.settings"),
            "PYTHONPATH": str(ROOT),
        }
        for name in ["setup", "check", "import", "export"]:
            subprocess.run(  # noqa: S603  our own interpreter and script
                [
                    sys.executable,
                    __file__,
                    "--step",
                    name,
                    "--folder",
                    folder,
                    "--hromadas",
                    str(args.hromadas),
                    "--indicators",
                    str(args.indicators),
                    "--years",
                    str(args.years),
                ],
                env=env,
                check=True,
            )
        size = (Path(folder) / "values.csv").stat().st_size
        print(f"file: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
