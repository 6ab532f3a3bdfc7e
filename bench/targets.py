"""Where the benchmark's databases live: SQLite files in var/bench/, and PostgreSQL
databases next to the one DATABASE_URL names (never that database itself)."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "var" / "bench"


@dataclass(frozen=True)
class Scale:
    name: str  # "1", "10" or "quick"
    hromadas: int
    indicators: int

    @property
    def values(self) -> int:
        from bench.generate import YEARS

        return self.hromadas * self.indicators * YEARS


def scale_named(name: str) -> Scale:
    from bench.generate import NATIONAL_HROMADAS

    if name == "quick":
        return Scale("quick", 150, 90)
    factor = int(name)
    return Scale(name, NATIONAL_HROMADAS * factor, 500)


@dataclass(frozen=True)
class Target:
    vendor: str  # "sqlite" or "postgresql"
    url: str  # a Django DATABASE_URL

    @property
    def label(self) -> str:
        return "SQLite" if self.vendor == "sqlite" else "PostgreSQL"

    @property
    def path(self) -> Path:
        return Path(self.url.removeprefix("sqlite:///"))

    @property
    def marker(self) -> str:
        """`?` or `%s`: the driver's placeholder."""
        return "?" if self.vendor == "sqlite" else "%s"

    def connect(self) -> Any:
        """A raw DB-API connection (no Django), for the generator and the raw baselines."""
        if self.vendor == "sqlite":
            # The app's own bulk-writing settings (WAL, synchronous, the import's page
            # cache), so the raw baselines and Hromada write through equally configured
            # connections.
            from hromada.lib.sqlite import import_pragmas

            connection = sqlite3.connect(self.path)
            connection.executescript(import_pragmas())
            return connection
        return psycopg.connect(_libpq(self.url))

    def env(self) -> dict[str, str]:
        """The environment of a child process working on this database."""
        return {
            **os.environ,
            "DATABASE_URL": self.url,
            "HROMADA_DATA_DIR": str(DATA_DIR),
            "DJANGO_SETTINGS_MODULE": os.environ.get("HROMADA_BENCH_SETTINGS", "hromada.settings"),
        }


def _libpq(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def targets(scale: Scale, database_url: str) -> list[Target]:
    """SQLite always; PostgreSQL too when `database_url` points to a server."""
    found = [Target("sqlite", f"sqlite:///{DATA_DIR / f'hromada-{scale.name}.sqlite3'}")]
    if database_url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(database_url)
        bench_db = f"/hromada_bench_{scale.name}"
        found.append(Target("postgresql", urlunsplit(parts._replace(path=bench_db))))
    return found


def server_url(target: Target) -> str:
    """The maintenance database of a PostgreSQL target's server, for CREATE / DROP."""
    return _libpq(urlunsplit(urlsplit(target.url)._replace(path="/postgres")))
