"""`python -m bench --quick` prints the results table and writes latest.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.__main__ import main
from bench.report import growth_table


def test_quick_run_prints_the_app_pages_next_to_their_raw_sql_with_ratios(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "")
    assert main(["--quick", "--only", "ranking,recompute", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    written = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert printed == written
    assert "| ranking: one indicator-year, all hromadas (" in written
    assert "page `/analytics/indicator/budget.money_001/?year=2025`, warm cache | " in written
    assert "(cold cache: " in written
    assert "not built yet" not in written
    assert "recompute results vs DuckDB | equal (max relative difference" in written
    assert "import" not in written.split("### SQLite")[1]
    assert "API throughput" not in written


def test_an_unknown_measurement_is_refused(tmp_path: Path) -> None:
    assert main(["--quick", "--only", "speed", "--out", str(tmp_path)]) == 2


def test_growth_shows_how_each_figure_scales_and_flags_more_than_tenfold() -> None:
    def run(seconds: float) -> dict[str, object]:
        return {
            "ranking": {"sql": {"seconds": [seconds]}, "rows": 1},
            "profile": {"sql": {"seconds": [seconds * 2]}, "rows": 1},
        }

    table = growth_table(run(0.010), run(0.080))
    assert "| ranking (raw SQL) | 10.0 ms | 80.0 ms | 8.0x | ≤ 10x | yes |" in table
    table = growth_table(run(0.010), run(0.200))
    assert "| profile (raw SQL) | 20.0 ms | 400.0 ms | 20.0x | ≤ 10x | **no** |" in table


def test_quick_api_run_serves_the_ranking_with_gunicorn_and_datasette_under_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "")
    assert main(["--quick", "--only", "api", "--out", str(tmp_path)]) == 0
    written = (tmp_path / "latest.md").read_text(encoding="utf-8")
    row = next(line for line in written.splitlines() if line.startswith("| API throughput"))
    assert "8 connections, gunicorn with 2 workers |" in row
    assert "failed requests" not in row
    assert " requests/s | Datasette canned query (same SQL as the raw ranking): " in row
