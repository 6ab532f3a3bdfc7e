"""The first profile PDF after a release: how long a visitor waits for the file.

`python -m bench.pdf [--database FILE] [--hromadas 8]` measures on a demo-sized database:
by default it builds one once (`hromada migrate`, `hromada demo`, `hromada analytics_warm`
into var/bench/pdf-demo.sqlite3, about 8 minutes), or reads FILE, a SQLite database with a
ready snapshot (the measurement only reads it). A fresh process then requests the PDF
through Django's test client, as a web worker would:

- **cold process**: the first PDF a new worker makes (imports WeasyPrint, finds the fonts,
  reads the hromada frame);
- **first after a release**, `--hromadas` times, each for another hromada and language: every
  cache is emptied first, as a release's new content stamp misses every cached frame and
  body; each is split into building the profile and rendering the PDF, called directly;
- **cached**: the same address again (the body kept under the content stamp).

Figures are CPU seconds of the process (`time.process_time`, steady under the load of other
work) with the wall time beside; medians and the maximum. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.targets import DATA_DIR, ROOT


def _env(database: Path) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DATABASE_URL": f"sqlite:///{database}",
        "HROMADA_DATA_DIR": str(DATA_DIR / "pdf-data"),
        "DJANGO_SETTINGS_MODULE": "hromada.settings",
        "ALLOWED_HOSTS": "testserver",
        "HROMADA_PAGE_RATE_LIMIT": "0",
    }


def prepare() -> Path:
    """The demo database with its snapshot, built once."""
    database = DATA_DIR / "pdf-demo.sqlite3"
    ready = database.with_suffix(".ready")
    if ready.exists():
        return database
    for leftover in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        leftover.unlink(missing_ok=True)  # of an interrupted build
    (DATA_DIR / "pdf-data").mkdir(parents=True, exist_ok=True)
    script = str(Path(sys.executable).parent / "hromada")
    for args in (["migrate", "--noinput", "-v", "0"], ["demo"], ["analytics_warm"]):
        subprocess.run(  # noqa: S603 - our own script, arguments as a list
            [script, *args], env=_env(database), cwd=ROOT, check=True, capture_output=True
        )
    ready.touch()
    return database


def _timed(work: Any) -> tuple[float, float, Any]:
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def measure(count: int) -> dict[str, Any]:
    """In this (fresh) process: the cold, first-after-release and cached figures."""
    import django
    from pypdf import PdfReader

    django.setup()
    from django.core.cache import caches
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from hromada.analytics.pdf import profile_pdf_bytes
    from hromada.analytics.profile import build_profile
    from hromada.territories.models import Level, Territory

    codes = list(
        Territory.objects.filter(level=Level.HROMADA, is_crimea=False)
        .order_by("code")
        .values_list("code", flat=True)[: count + 1]
    )
    client = Client()

    def request(code: str, language: str) -> bytes:
        with translation.override(language):
            url = reverse("analytics:profile_pdf", kwargs={"code": code})
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return bytes(response.content)

    def clear() -> None:
        for alias in caches:
            caches[alias].clear()

    cold_cpu, cold_wall, _ = _timed(lambda: request(codes[0], "uk"))
    cached_cpu, cached_wall, _ = _timed(lambda: request(codes[0], "uk"))
    first: list[tuple[float, float]] = []
    stages: list[tuple[float, float]] = []
    pages: list[int] = []
    for n, code in enumerate(codes[1:]):
        language = "uk" if n % 2 == 0 else "en"
        clear()
        cpu, wall, body = _timed(lambda code=code, language=language: request(code, language))
        first.append((cpu, wall))
        pages.append(len(PdfReader(io.BytesIO(body)).pages))
        clear()
        territory = Territory.objects.select_related("oblast").get(code=code)
        with translation.override(language):
            build, _, page = _timed(lambda territory=territory: build_profile(territory, "type"))
            render, _, _ = _timed(lambda page=page: profile_pdf_bytes(page, "http://testserver/"))
        stages.append((build, render))
    return {
        "cold": (cold_cpu, cold_wall),
        "first": first,
        "stages": stages,
        "cached": (cached_cpu, cached_wall),
        "pages": pages,
    }


def report(figures: dict[str, Any]) -> str:
    first_cpu = [cpu for cpu, _ in figures["first"]]
    first_wall = [wall for _, wall in figures["first"]]
    build = statistics.median(b for b, _ in figures["stages"])
    render = statistics.median(r for _, r in figures["stages"])
    load = os.getloadavg()[0]
    cold_cpu, cold_wall = figures["cold"]
    cached_cpu, cached_wall = figures["cached"]
    return "\n".join(
        [
            f"cold process, first PDF: {cold_cpu:.2f} s CPU ({cold_wall:.2f} s wall)",
            f"first PDF after a release ({len(first_cpu)} hromadas, "
            f"{min(figures['pages'])}-{max(figures['pages'])} pages): median "
            f"{statistics.median(first_cpu):.2f} s CPU, max {max(first_cpu):.2f} "
            f"({statistics.median(first_wall):.2f} s wall)",
            f"  of which building the profile {build:.2f} s, "
            f"rendering the PDF {render:.2f} s (CPU)",
            f"cached: {cached_cpu:.3f} s CPU ({cached_wall:.3f} s wall)",
            f"load average {load:.1f}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, help="a SQLite file with a ready snapshot")
    parser.add_argument("--hromadas", type=int, default=8)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # the child process: print the figures as JSON
        print(json.dumps(measure(args.hromadas)))
        return
    database = args.database.resolve() if args.database else prepare()
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "bench.pdf", "--measure", "--hromadas", str(args.hromadas)],
        env=_env(database),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    print(report(json.loads(done.stdout.strip().splitlines()[-1])))


if __name__ == "__main__":
    main()
