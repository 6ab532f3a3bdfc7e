"""The settings of every SQLite connection: Hromada's own and the benchmark's raw baselines.

WAL lets readers and the one writer work side by side; synchronous=NORMAL is durable in
WAL mode except for the last transactions on power loss. The page cache is the main speed
knob for big writes: SQLite's default of 2 MiB makes an import into a table of millions of
rows re-read index pages from the operating system over and over (an import of 1.5 M values
into 110 M: 100 s with 2 MiB, 54 s with 256 MiB). Reads by pages and the API touch a few
index pages (they read the snapshot, hromada.analytics.snapshot), and a large cache there
only grew every web worker by up to its size, with no gain. So every connection starts with
a small cache (`HROMADA_SQLITE_CACHE_MIB`), and the bulk writers (an import, a snapshot
build) widen it for their own work with `large_cache()` (`HROMADA_SQLITE_IMPORT_CACHE_MIB`)
and give it back when done.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from hromada.lib.env import env_int

DEFAULT_CACHE_MIB = 8
IMPORT_CACHE_MIB = 256


def _cache_kib(variable: str, default: int) -> int:
    return max(env_int(variable, default), 2) * 1024


def pragmas() -> str:
    """The statements run on each new connection."""
    cache_kib = _cache_kib("HROMADA_SQLITE_CACHE_MIB", DEFAULT_CACHE_MIB)
    return f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-{cache_kib};"


def import_pragmas() -> str:
    """The statements of a connection that writes in bulk (the benchmark's raw baselines)."""
    cache_kib = _cache_kib("HROMADA_SQLITE_IMPORT_CACHE_MIB", IMPORT_CACHE_MIB)
    return f"{pragmas()} PRAGMA cache_size=-{cache_kib};"


@contextmanager
def large_cache() -> Iterator[None]:
    """A large page cache on this connection for one bulk write; the small one afterwards
    (SQLite frees the pages above the limit when it shrinks). Nothing on PostgreSQL."""
    if connection.vendor != "sqlite":
        yield
        return
    large = _cache_kib("HROMADA_SQLITE_IMPORT_CACHE_MIB", IMPORT_CACHE_MIB)
    small = _cache_kib("HROMADA_SQLITE_CACHE_MIB", DEFAULT_CACHE_MIB)
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA cache_size=-{large}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size=-{small}")


@contextmanager
def pragma_for_a_while(name: str, value: int) -> Iterator[None]:
    """PRAGMA `name` set to `value` on this connection for the block, then back to what it
    was (also when the block fails). Nothing on PostgreSQL. `name` is a constant of our code."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA {name}={int(value)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA {name}={int(before)}")


@contextmanager
def deferred_checkpoints() -> Iterator[None]:
    """No automatic WAL checkpoint on this connection while a write of many short
    transactions runs (an import in chunks, hromada.dataio.applying); nothing on PostgreSQL.

    SQLite checkpoints at the commit that takes the WAL past 1,000 pages: it copies the pages
    back into the database file and syncs both. An import of 2,000-value chunks touches the
    same index pages again in every chunk, so it checkpointed (and synced) over and over,
    half of the import's commit time. Deferred, the pages are copied once: the first commit
    after this block (the import's last transaction) checkpoints as usual. Nothing is less
    safe meanwhile: each chunk is still committed to the WAL, whose frames a reader or a
    crash recovery reads like the database file.
    """
    with pragma_for_a_while("wal_autocheckpoint", 0):
        yield
