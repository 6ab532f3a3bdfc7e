"""The settings of every SQLite connection: Hromada's own and the benchmark's raw baselines.

WAL lets readers and the one writer work side by side; synchronous=NORMAL is durable in
WAL mode except for the last transactions on power loss. The page cache is the main speed
knob for big reads and writes: SQLite's default of 2 MiB makes an import into a table of
millions of rows re-read index pages from the operating system over and over (an import of
1.5 M values into 110 M: 100 s with 2 MiB, 54 s with 256 MiB). It grows only as pages are
used, and lives as long as the connection (one request, one import).
"""

from __future__ import annotations

from hromada.lib.env import env_int

DEFAULT_CACHE_MIB = 256


def pragmas() -> str:
    """The statements run on each new connection."""
    cache_kib = max(env_int("HROMADA_SQLITE_CACHE_MIB", DEFAULT_CACHE_MIB), 2) * 1024
    return f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-{cache_kib};"


def is_busy(error: Exception) -> bool:
    """Whether `error` is SQLite giving up on its write lock after the busy timeout: another
    writer (a large import) held it all that time. Nothing was written; trying later works."""
    return "database is locked" in str(error)
