"""API throughput: the ranking endpoint under gunicorn vs Datasette, same load, loopback only.

Both servers run on 127.0.0.1 as child processes of the runner. The load generator is a
fixed number of threads, each with one keep-alive `http.client` connection, sending GETs
until a time limit or a request cap; requests/s counts complete 200 answers only.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from bench.queries import RANKING
from bench.targets import ROOT, Target

LOOPBACK = "127.0.0.1"
CONNECTIONS = 8
WORKERS = 2
MAX_REQUESTS = 100_000
START_SECONDS = 120.0


@dataclass(frozen=True)
class Load:
    requests: int
    errors: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def _get(connection: http.client.HTTPConnection, address: str) -> int:
    connection.request("GET", address, headers={"Accept": "application/json"})
    response = connection.getresponse()
    response.read()
    return response.status


def load(port: int, address: str, seconds: float, connections: int = CONNECTIONS) -> Load:
    """`connections` threads GET `address` until `seconds` pass or MAX_REQUESTS are sent."""
    lock = threading.Lock()
    counts = {"sent": 0, "ok": 0, "errors": 0}
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
        try:
            while time.perf_counter() < deadline:
                with lock:
                    if counts["sent"] >= MAX_REQUESTS:
                        return
                    counts["sent"] += 1
                try:
                    ok = _get(connection, address) == 200
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
                    ok = False
                with lock:
                    counts["ok" if ok else "errors"] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Load(counts["ok"], counts["errors"], time.perf_counter() - start)


def wait_until_ready(server: subprocess.Popen[bytes], port: int, address: str) -> None:
    deadline = time.perf_counter() + START_SECONDS
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {server.returncode}")
        try:
            connection = http.client.HTTPConnection(LOOPBACK, port, timeout=START_SECONDS)
            try:
                if _get(connection, address) == 200:
                    return
            finally:
                connection.close()
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server on port {port} did not answer {address} in time")


def _script(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise RuntimeError(f"{name} is not installed (the project's bench extra has it)")
    return found


@contextmanager
def running(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    server = subprocess.Popen(  # noqa: S603  our own interpreter's scripts, arguments as a list
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def app_command(port: int) -> list[str]:
    return [
        _script("gunicorn"),
        "--workers",
        str(WORKERS),
        "--bind",
        f"{LOOPBACK}:{port}",
        "--timeout",
        "300",
        "hromada.wsgi",
    ]


def app_env(target: Target) -> dict[str, str]:
    """The target's environment without the per-client rate limits (one client here)."""
    return {**target.env(), "HROMADA_API_RATE_LIMIT": "0", "HROMADA_PAGE_RATE_LIMIT": "0"}


def datasette_command(database: Path, port: int, metadata: Path) -> list[str]:
    return [
        _script("datasette"),
        "serve",
        str(database),
        "--host",
        LOOPBACK,
        "--port",
        str(port),
        "--metadata",
        str(metadata),
        "--setting",
        "max_returned_rows",
        "100000",
        "--setting",
        "num_sql_threads",
        str(CONNECTIONS),
    ]


def datasette_metadata(database: Path, folder: Path) -> Path:
    """A canned query `ranking`: the raw SQL ranking with :indicator and :year."""
    sql = RANKING.format(p="?").replace("o.indicator_id = ?", "o.indicator_id = :indicator")
    sql = sql.replace("o.year = ?", "o.year = :year")
    metadata = {"databases": {database.stem: {"queries": {"ranking": {"sql": sql}}}}}
    path = folder / "datasette-metadata.json"
    path.write_text(json.dumps(metadata), encoding="utf-8")
    return path


def datasette_address(database: Path, indicator_id: int, year: int) -> str:
    query = urlencode({"indicator": indicator_id, "year": year, "_shape": "array"})
    return f"/{database.stem}/ranking.json?{query}"


def measure(
    target: Target, app_address: str, indicator_id: int, year: int, seconds: float, repeat: int
) -> dict[str, object]:
    """Alternate the app and Datasette `repeat` times, each warmed up then loaded `seconds`."""
    database = target.path
    runs: dict[str, list[Load]] = {"app": [], "datasette": []}
    with tempfile.TemporaryDirectory(prefix="hromada-bench-") as folder:
        metadata = datasette_metadata(database, Path(folder))
        theirs = datasette_address(database, indicator_id, year)
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        # The ranking API reads the snapshot of released values, which the worker builds
        # after a publication: build it first, as `hromada worker` would have.
        subprocess.run(  # noqa: S603 - our own script, arguments as a list
            [_script("hromada"), "analytics_warm"],
            env=app_env(target),
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(repeat):
            port = free_port()
            with running(app_command(port), app_env(target)) as server:
                wait_until_ready(server, port, app_address)
                load(port, app_address, min(seconds, 5.0))  # warms every worker's cache
                runs["app"].append(load(port, app_address, seconds))
            port = free_port()
            with running(datasette_command(database, port, metadata), env) as server:
                wait_until_ready(server, port, theirs)
                load(port, theirs, min(seconds, 5.0))
                runs["datasette"].append(load(port, theirs, seconds))
    return {
        key: {
            "per_second": [r.per_second for r in found],
            "requests": [r.requests for r in found],
            "errors": [r.errors for r in found],
        }
        for key, found in runs.items()
    } | {"connections": CONNECTIONS, "workers": WORKERS, "address": app_address}
