"""What users feel: random-mix rates of the pages and API over many indicators and years,
the first page after a release, and the web workers' memory across releases.

`python -m bench.mix [--hromadas 1469] [--indicators 40] [--seconds 15] [--port 8112]`
builds (once) a SQLite database of that shape with the benchmark's generator, computes the
snapshot (`hromada analytics_warm`, as the worker does), starts gunicorn with 2 workers on
`--port` and Datasette on `--port + 1`, and prints one line per figure. Each request of a mix
picks a random indicator, year and hromada, so nearly every one misses the page cache.

`--postgres postgres://user@host:5432/NAME` measures the same on PostgreSQL too, after SQLite
and before Datasette (which serves the SQLite file): in a database `NAME_mix_<shape>` on that
server, generated once like the SQLite file; the database NAME itself is never touched.
`--mixes "ranking API,observations API"` runs only those mixes. Each mix, on either server,
is run untimed for `--warmup` seconds (default 3) first: a fresh worker's first answers
(imports, the frame of hromadas) are not what a visitor of a running site waits for.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from bench.targets import DATA_DIR, ROOT, Target, server_url
from bench.throughput import (
    LOOPBACK,
    datasette_command,
    datasette_metadata,
    running,
    wait_until_ready,
)

CONNECTIONS = 8
Address = Callable[[random.Random], str]


def _env(target: Target) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DATABASE_URL": target.url,
        "HROMADA_DATA_DIR": str(DATA_DIR),
        "DJANGO_SETTINGS_MODULE": "hromada.settings",
        "HROMADA_API_RATE_LIMIT": "0",
        "HROMADA_PAGE_RATE_LIMIT": "0",
        "HROMADA_KEEP_ANSWERS": os.environ.get("HROMADA_KEEP_ANSWERS", "1"),
    }


def _hromada(target: Target, *args: str) -> str:
    command = [str(Path(sys.executable).parent / "hromada"), *args]
    done = subprocess.run(  # noqa: S603 - our own script, arguments as a list
        command, env=_env(target), cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def sqlite_target(hromadas: int, indicators: int) -> Target:
    return Target("sqlite", f"sqlite:///{DATA_DIR / f'mix-{hromadas}x{indicators}.sqlite3'}")


def postgres_target(url: str, hromadas: int, indicators: int) -> Target:
    """A database of its own beside the one `url` names (which is never touched)."""
    parts = urlsplit(url)
    name = f"{parts.path.strip('/') or 'hromada'}_mix_{hromadas}x{indicators}"
    return Target("postgresql", urlunsplit(parts._replace(path=f"/{name}")))


def _ready_marker(target: Target) -> Path:
    stem = target.path.stem if target.vendor == "sqlite" else target.url.rsplit("/", 1)[1]
    return DATA_DIR / f"{stem}.ready"


def _reset(target: Target) -> None:
    if target.vendor == "sqlite":
        target.path.unlink(missing_ok=True)
        return
    name = target.url.rsplit("/", 1)[1]
    with psycopg.connect(server_url(target), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(target: Target, hromadas: int, indicators: int, seed: int) -> None:
    ready = _ready_marker(target)
    if ready.exists():
        _hromada(target, "migrate", "--noinput", "-v", "0")  # migrations added since
        return
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    _reset(target)
    _hromada(target, "migrate", "--noinput", "-v", "0")
    script = (
        "import django; django.setup()\n"
        "from bench.load import generate\n"
        "from bench.targets import Scale, Target\n"
        f"generate(Target({target.vendor!r}, {target.url!r}), Scale('mix', {hromadas}, "
        f"{indicators}), {seed})\n"
    )
    subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], env=_env(target), cwd=ROOT, check=True
    )
    ready.touch()


def _catalogue(target: Target) -> tuple[list[str], list[int], list[str], list[int]]:
    connection = target.connect()
    cursor = connection.cursor()

    def column(sql: str) -> list[Any]:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]

    codes = column("SELECT code FROM indicators_indicator WHERE is_active ORDER BY id")
    ids = column("SELECT id FROM indicators_indicator WHERE is_active ORDER BY id")
    places = column("SELECT code FROM territories_territory WHERE level='hromada'")
    years = column("SELECT DISTINCT year FROM indicators_observation")
    connection.close()
    return codes, ids, places, sorted(years)


WARMUP_SEEDS = 1000  # the warm-up's connections draw from other seeds than the timed run's


def mix(port: int, address: Address, seconds: float, seeds: int = 0) -> dict[str, float]:
    """CONNECTIONS threads GET random addresses for `seconds`: rate and latency. Thread n
    draws its addresses with seed `seeds + n`: a warm-up on the same seeds would ask the
    timed run's first addresses, which a server keeping its answers then answers from
    memory (before 2026-12-08 it did: the timed run replayed the warm-up's addresses)."""
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]
    deadline = time.perf_counter() + seconds

    def worker(seed: int) -> None:
        chooser = random.Random(seed)
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=120)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", address(chooser), headers={"Accept": "*/*"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(LOOPBACK, port, timeout=120)
                ok = False
            with lock:
                if ok:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors[0] += 1
        connection.close()

    threads = [threading.Thread(target=worker, args=(seeds + n,)) for n in range(CONNECTIONS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies) or [float("nan")]
    return {
        "per_second": len(latencies) / elapsed,
        "p50_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        "errors": errors[0],
    }


def one(port: int, address: str) -> float:
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=300)
    started = time.perf_counter()
    connection.request("GET", address)
    response = connection.getresponse()
    response.read()
    connection.close()
    return (time.perf_counter() - started) * 1000


def worker_rss(server: subprocess.Popen[bytes]) -> list[int]:
    """RSS in MiB of each gunicorn worker (the master's children)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) // 1024)
    return sizes


def _release(target: Target, round_: int) -> None:
    """A correction of one published value (a release in miniature), then the snapshot the
    worker would build."""
    script = (
        "import django; django.setup()\n"
        "from hromada.indicators.actions import ValueInput, record_observations\n"
        "from hromada.indicators.models import Observation\n"
        "o = Observation.objects.order_by('pk').first()\n"
        f"record_observations([ValueInput(o.territory_id, o.indicator_id, o.year, '', "
        f"(o.value or 0) + {round_ + 1}, '')], by=None, reason='correction', status='published')\n"
    )
    subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], env=_env(target), cwd=ROOT, check=True
    )
    _hromada(target, "analytics_warm")


def _report(name: str, result: dict[str, float]) -> None:
    print(
        f"{name}: {result['per_second']:.1f} req/s, p50 {result['p50_ms']:.0f} ms, "
        f"p99 {result['p99_ms']:.0f} ms, errors {result['errors']:.0f} "
        f"(load {os.getloadavg()[0]:.1f})",
        flush=True,
    )


def measure(target: Target, args: argparse.Namespace, chosen: set[str]) -> None:
    """The app's mixes and releases on one database."""
    prepare(target, args.hromadas, args.indicators, args.seed)
    started = time.perf_counter()
    print(f"{target.label} snapshot: {_hromada(target, 'analytics_warm')}", flush=True)
    print(f"snapshot build, whole command: {time.perf_counter() - started:.1f} s", flush=True)
    codes, _ids, places, years = _catalogue(target)
    mixes: dict[str, Address] = {
        "ranking API": lambda r: (
            f"/api/v1/rankings?indicator={r.choice(codes)}&year={r.choice(years)}"
        ),
        "observations API": lambda r: (
            f"/api/v1/observations?indicator={r.choice(codes)}&year_from={r.choice(years)}"
            f"&limit=100"
        ),
        "profile": lambda r: f"/analytics/profile/{r.choice(places)}/",
        "ranking page": lambda r: f"/analytics/indicator/{r.choice(codes)}/?year={r.choice(years)}",
        "aggregates page": lambda r: (
            f"/analytics/aggregates/?indicator={r.choice(codes)}&by=oblast&year={r.choice(years)}"
        ),
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "--workers", "2", "--bind",
        f"{LOOPBACK}:{args.port}", "--timeout", "120", "hromada.wsgi",
    ]  # fmt: skip
    with running(command, _env(target)) as server:
        wait_until_ready(server, args.port, "/healthz")
        print(f"RSS per worker at start: {worker_rss(server)} MiB", flush=True)
        for name, address in mixes.items():
            if not chosen or name in chosen:
                # untimed: each worker's first answers
                mix(args.port, address, args.warmup, WARMUP_SEEDS)
                _report(f"{target.label} {name}", mix(args.port, address, args.seconds))
        print(f"RSS per worker after the mixes: {worker_rss(server)} MiB", flush=True)
        for round_ in range(args.releases):
            _release(target, round_)
            place, code = random.choice(places), random.choice(codes)
            profile = one(args.port, f"/analytics/profile/{place}/")
            ranking = one(args.port, f"/analytics/indicator/{code}/")
            print(
                f"release {round_ + 1}: first profile {profile:.0f} ms, first ranking page "
                f"{ranking:.0f} ms, RSS per worker {worker_rss(server)} MiB",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.mix")
    parser.add_argument("--hromadas", type=int, default=1469)
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--port", type=int, default=8112)
    parser.add_argument(
        "--warmup", type=float, default=3.0, help="untimed seconds of each mix before it"
    )
    parser.add_argument("--datasette-port", type=int, default=0, help="default: --port + 1")
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--releases", type=int, default=3, help="releases to time (and RSS)")
    parser.add_argument(
        "--postgres", default="", help="a PostgreSQL server's URL: measure there too"
    )
    parser.add_argument("--mixes", default="", help="comma-separated names of the mixes to run")
    parser.add_argument(
        "--no-kept-answers",
        action="store_true",
        help="keep no rendered body or API answer (HROMADA_KEEP_ANSWERS=0): every request "
        "computes its answer, as Datasette's does",
    )
    args = parser.parse_args()
    if args.no_kept_answers:
        os.environ["HROMADA_KEEP_ANSWERS"] = "0"
    chosen = {name.strip() for name in args.mixes.split(",") if name.strip()}
    print(f"load before: {os.getloadavg()[0]:.1f}", flush=True)
    sqlite = sqlite_target(args.hromadas, args.indicators)
    measure(sqlite, args, chosen)
    if args.postgres:
        measure(postgres_target(args.postgres, args.hromadas, args.indicators), args, chosen)
    database = sqlite.path
    port = args.datasette_port or args.port + 1
    _codes, ids, _places, years = _catalogue(sqlite)
    with running(_datasette(database, port), {**os.environ}) as server:
        sample = f"/{database.stem}/ranking.json?indicator={ids[0]}&year={years[-1]}"
        wait_until_ready(server, port, sample)
        datasette: dict[str, Address] = {
            "ranking API": lambda r: (
                f"/{database.stem}/ranking.json?indicator={r.choice(ids)}&year={r.choice(years)}"
                "&_shape=array"
            ),
            "observations API": lambda r: (
                f"/{database.stem}/indicators_observation.json?indicator_id={r.choice(ids)}"
                f"&year__gte={r.choice(years)}&_size=100&_shape=array"
            ),
        }
        for name, address in datasette.items():
            if not chosen or name in chosen:
                label = "canned SQL" if name == "ranking API" else "table filter"
                mix(port, address, args.warmup, WARMUP_SEEDS)
                _report(f"Datasette {name} ({label})", mix(port, address, args.seconds))


def _datasette(database: Path, port: int) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="hromada-mix-"))
    return datasette_command(database, port, datasette_metadata(database, folder))


if __name__ == "__main__":
    main()
