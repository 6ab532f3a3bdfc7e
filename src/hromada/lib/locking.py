"""Advisory locks that serialise writers on PostgreSQL.

SQLite needs none of this: a writing transaction is IMMEDIATE (see settings), so it takes the
database's one write lock before it reads anything, and every writer runs alone. PostgreSQL
lets writers overlap; these transaction-level advisory locks make the ones that must not
overlap wait for each other. They are released when the transaction ends, also when its
client dies, so a killed process can never leave one behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import connection

# The first half of each two-part lock id: which kind of thing is locked.
IMPORTS = 15_001  # imports and rollbacks of whole batches, one at a time
VALUES = 15_002  # one field: (territory, indicator, year), its total and parts by sex


def _number(name: object) -> int:
    """A stable signed 32-bit number for `name` (a hash: a collision only makes two
    unrelated writers wait for each other, it never lets two related ones overlap)."""
    digest = hashlib.blake2b(repr(name).encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)


def hold(kind: int, names: Iterable[object]) -> None:
    """Wait for and hold the locks of `names` until the transaction ends (PostgreSQL only).

    Taken in ascending order, so two writers that need overlapping sets cannot deadlock.
    """
    if connection.vendor != "postgresql":
        return
    numbers = sorted({_number(name) for name in names})
    with connection.cursor() as cursor:
        for number in numbers:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [kind, number])


def gave_way(error: Exception) -> bool:
    """Whether a write failed only because another writer was in the way, so the same write
    works when tried again: SQLite's busy timeout ran out behind another writer, PostgreSQL's
    lock timeout of a small write ran out (`wait_briefly`), or PostgreSQL broke a deadlock by
    cancelling this transaction."""
    text = str(error)
    return any(sign in text for sign in ("database is locked", "lock timeout", "deadlock detected"))


def wait_briefly() -> None:
    """From here to the end of its transaction, a small write (an autosave, which already
    holds its field's advisory lock, so other saves of the field are behind it) waits for
    other writers' locks for less than PostgreSQL's deadlock_timeout; then it gives way
    (`gave_way`) and the person is asked to save again.

    An import holds the rows it wrote until its one transaction commits. When a file gives
    the parts of one field (total, women, men) far apart, the import can hold one part while
    an autosave holds another: a deadlock, which PostgreSQL breaks by cancelling whichever
    transaction checks first, after deadlock_timeout of waiting. The autosave always started
    waiting first (it locks its field in one statement), so with a shorter wait it always
    gives way first, and a whole import is never cancelled for one form field."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:  # one round trip on the autosave's path
        cursor.execute(
            "SELECT set_config('lock_timeout', greatest(100, setting::int * 9 / 10) || 'ms', "
            "true) FROM pg_settings WHERE name = 'deadlock_timeout'"
        )


def hold_imports() -> None:
    """One import (or rollback of one) writes at a time: a rerun started while an earlier
    run is still finishing, even one whose client was killed, waits for it to end."""
    hold(IMPORTS, [0])
