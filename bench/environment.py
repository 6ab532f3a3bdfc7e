"""The machine and the versions a result was measured with, for the results file."""

from __future__ import annotations

import os
import platform
import sqlite3
from pathlib import Path


def _cpu() -> str:
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def _memory_gib() -> float:
    info = Path("/proc/meminfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("MemTotal"):
                return int(line.split()[1]) / 1024 / 1024
    return 0.0


def machine() -> str:
    return f"{_cpu()}, {os.cpu_count()} cores, {_memory_gib():.0f} GiB, {platform.platform()}"


def versions(database_url: str) -> str:
    import django
    import duckdb
    import numpy

    found = [
        f"Python {platform.python_version()}",
        f"Django {django.get_version()}",
        f"NumPy {numpy.__version__}",
        f"SQLite {sqlite3.sqlite_version}",
        f"DuckDB {duckdb.__version__}",
    ]
    if database_url.startswith(("postgres://", "postgresql://")):
        import psycopg

        try:
            with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as db:
                row = db.execute("SHOW server_version").fetchone()
                found.append(f"PostgreSQL {row[0] if row else '?'}")
        except psycopg.OperationalError:
            found.append("PostgreSQL (unreachable)")
    return ", ".join(found)
