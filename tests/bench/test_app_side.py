"""The app side of the benchmark: page rows, API throughput and partial runs."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from bench.__main__ import keep_earlier
from bench.report import target_table
from bench.throughput import LOOPBACK, load

from bench import pages


class _Answer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        status = 200 if self.path == "/ok" else 404
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def loopback_server() -> Iterator[int]:
    server = ThreadingHTTPServer((LOOPBACK, 0), _Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_the_load_generator_counts_answered_requests_per_second(loopback_server: int) -> None:
    found = load(loopback_server, "/ok", seconds=0.3, connections=3)
    assert found.requests > 0
    assert found.errors == 0
    assert found.per_second == found.requests / found.seconds


def test_the_load_generator_counts_other_answers_as_failed(loopback_server: int) -> None:
    found = load(loopback_server, "/missing", seconds=0.2, connections=2)
    assert found.requests == 0
    assert found.errors > 0


def _page(warm: float, sql: float) -> dict[str, Any]:
    app = {"seconds": [warm], "cold": [warm * 10], "rss": [100.0], "address": "/p/"}
    return {"sql": {"seconds": [sql]}, "rows": 3, "app": app}


def test_a_page_within_twice_raw_sql_plus_five_ms_meets_the_target() -> None:
    table = target_table({"ranking": _page(0.024, 0.010)})
    assert "| 24.0 ms (cold cache: 240.0 ms), 100 MiB | raw SQL: 10.0 ms | 2.40 |" in table
    assert table.endswith("| ≤ 2x raw SQL + 5 ms (≤ 25.0 ms) | yes |")
    table = target_table({"profile": _page(0.026, 0.010)})
    assert table.endswith("| ≤ 2x raw SQL + 5 ms (≤ 25.0 ms) | **no** |")


def _api(ours: float, theirs: float) -> dict[str, Any]:
    return {
        "app": {"per_second": [ours], "requests": [1], "errors": [0]},
        "datasette": {"per_second": [theirs], "requests": [1], "errors": [0]},
        "connections": 8,
        "workers": 2,
        "address": "/api/v1/rankings?indicator=a.b&year=2025",
    }


def test_api_throughput_is_judged_against_three_times_datasette() -> None:
    table = target_table({"api": _api(300.0, 100.0)})
    assert "| 300.0 requests/s | Datasette canned query" in table
    assert table.endswith("| 3.00 | ≥ 3x Datasette | yes |")
    assert target_table({"api": _api(290.0, 100.0)}).endswith("| ≥ 3x Datasette | **no** |")


def test_a_partial_run_keeps_the_other_rows_of_the_previous_run(tmp_path: Path) -> None:
    path = tmp_path / "scale-1.json"
    before = {
        "date": "2026-01-01 10:00 UTC",
        "command": "python -m bench",
        "targets": {
            label: {"generation": {}, "import": {"a": 1}, "ranking": {"old": 1}}
            for label in ("SQLite", "PostgreSQL")
        },
    }
    path.write_text(json.dumps(before))
    run: dict[str, Any] = {
        "targets": {
            label: {"generation": {}, "ranking": {"new": 1}} for label in ("SQLite", "PostgreSQL")
        }
    }
    keep_earlier(run, path)
    assert run["targets"]["SQLite"] == {"generation": {}, "import": {"a": 1}, "ranking": {"new": 1}}
    assert run["earlier"] == [
        {
            "target": label,
            "measurements": ["import"],
            "date": "2026-01-01 10:00 UTC",
            "command": "python -m bench",
        }
        for label in ("SQLite", "PostgreSQL")
    ]


@pytest.mark.django_db
def test_the_generated_values_are_published_once() -> None:
    from hromada.indicators.models import Publication

    first = pages.ensure_published()
    assert pages.ensure_published() == first
    assert Publication.objects.count() == 1
