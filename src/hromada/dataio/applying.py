"""A large import on SQLite, written in short transactions, and the undoing of one that died.

SQLite has one write lock for the whole database. Written in one transaction, an import of
500,000 values held it for about 10 s (a larger one for minutes), and an official's autosave
waited behind it up to the busy timeout, then failed. So on SQLite an import writes
`CHUNK_SIZE` values per transaction (tens of milliseconds each), leaves the lock free for a
moment after every `GIVE_WAY_EVERY` seconds of writing, and a save waits about that long at
most. All or nothing then rests on the batch instead of the transaction:

* the batch is created "applying", naming its process (`owner`), before the first chunk;
* each chunk writes its values with their history rows (which carry the batch) in one
  transaction (touching the batch every `TOUCH_SECONDS`): a kill loses at most the chunk
  being written, whole;
* the last transaction marks the batch "applied", publishes once and writes the audit entry;
* values are read `SORTED_RUN` at a time (checked as they are read) and each run is written
  in the order of its territories, so a problem in a file of up to that many values stops
  it before anything is written;
* a problem or an error half-way undoes the written chunks at once (undo_unfinished), and a
  batch left "applying" by a process that is gone is undone by whoever comes next: the next
  import (which waits meanwhile for a live one: imports never overlap), and the worker, as it
  starts and then on every heartbeat (`recover_abandoned`).

PostgreSQL keeps one transaction per import: its row locks stop only writers of the same
values, so entry does not wait there, and a transaction is all or nothing by itself.

Readers in between (on SQLite) may see part of a running import in the tables of values: the
analysts' data pages, exports, the entry form. Public pages and the API read the published
snapshot, which is rebuilt once, after the import is applied (or undone).
"""

from __future__ import annotations

import functools
import itertools
import os
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.indicators import bulk_sql
from hromada.indicators.actions import (
    CHUNK_SIZE,
    RecordSummary,
    ValueInput,
    key_of,
    record_observations,
    record_publication,
)
from hromada.indicators.models import ImportBatch, ObservationHistory
from hromada.indicators.unfinished import undo_unfinished

# How often a waiting import looks again at the one it waits for.
WAIT_SECONDS = 0.5
# How often a writing import touches its batch (a statement per chunk was 2 % of an import):
# far within FOREIGN_STALE_SECONDS, the only reader of the stamp.
TOUCH_SECONDS = 10.0
# A writer that commits and begins again at once keeps SQLite's lock from a waiting save,
# whose busy handler looks again every 100 ms at most (the reading of the next chunk used to
# leave gaps between the transactions; a sorted run is written back to back, and saves then
# waited 2-3 s under load). So after every GIVE_WAY_EVERY seconds spent in its transactions
# the import leaves the lock free for longer than one such look.
GIVE_WAY_EVERY = 1.0
GIVE_WAY_SECONDS = 0.12
# A batch owned by another machine (not possible with SQLite on a local disk, but cheap to
# allow) counts as abandoned once it has not written for this long.
FOREIGN_STALE_SECONDS = 600
# The owner of a batch whose own undoing failed half-way (the database was away): whoever
# comes next undoes the rest, even in the same process.
ABANDONED = "abandoned"
# Values read before a run of chunks is written, sorted by territory (~200 bytes each held,
# 100 MB at most; the 440,700 values of the 10x benchmark took the peak RSS 410 -> 496 MiB). Files
# come sorted by indicator: 2,000 values in file order are 2,000 territories, one page of
# each (territory, indicator, year) index for each of them (observations and history), so
# every chunk rewrote thousands of pages and an import of 44,070 values left 165 MB in the
# WAL. Sorted, a chunk is a few dozen territories with all their indicators: 51 MB.
SORTED_RUN = 500_000


def in_chunks() -> bool:
    """Whether imports write in short transactions here: SQLite, outside a transaction."""
    return connection.vendor == "sqlite" and not connection.in_atomic_block


def _start_mark(pid: int) -> str:
    """When process `pid` started (Linux: clock ticks since boot), so a process that got a
    dead one's number later (a restarted container) is not taken for it; "" elsewhere."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[19]


def this_process() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()[:80]}|{pid}|{_start_mark(pid)}"


def is_alive(batch: ImportBatch) -> bool:
    """Whether the process named by an applying batch is still running."""
    if batch.owner == ABANDONED:
        return False
    host, _, rest = batch.owner.partition("|")
    pid_text, _, mark = rest.partition("|")
    if host != socket.gethostname()[:80] or not pid_text.isdigit():
        touched = batch.touched_at or batch.created_at
        return (timezone.now() - touched).total_seconds() < FOREIGN_STALE_SECONDS
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process of that number exists
    return _start_mark(pid) == mark


def _claim(batch: ImportBatch, owner: str) -> bool:
    """Take an abandoned batch over to undo it; False if someone else took it first."""
    return bool(
        ImportBatch.objects.filter(
            pk=batch.pk, state=ImportBatch.State.APPLYING, owner=batch.owner
        ).update(owner=owner, touched_at=timezone.now())
    )


def recover_abandoned(*, by: User | None = None) -> list[ImportBatch]:
    """Undo every batch left "applying" by a process that is gone; the undone batches."""
    owner = this_process()
    undone = []
    for batch in ImportBatch.objects.filter(state=ImportBatch.State.APPLYING):
        if batch.owner == owner or is_alive(batch) or not _claim(batch, owner):
            continue
        try:
            values = undo_unfinished(batch, by=by, touch=functools.partial(_touch, batch))
        except Exception:
            _abandon(batch)
            raise
        record_audit(
            action="dataio.import.abandon",
            obj=batch,
            by=by,
            changes={"state": (ImportBatch.State.APPLYING, batch.state), "restored": (0, values)},
            reason=batch.file_name,
        )
        undone.append(batch)
    return undone


def _touch(batch: ImportBatch) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(touched_at=timezone.now())


def start_batch(**fields: object) -> ImportBatch:
    """A new "applying" batch, once no other import is applying (a dead one is undone
    first, a live one waited for): imports never overlap, as they did not in one
    transaction."""
    owner = this_process()
    while True:
        recover_abandoned(by=None)
        with transaction.atomic():  # IMMEDIATE: no other import can start in between
            running = ImportBatch.objects.filter(state=ImportBatch.State.APPLYING).exists()
            if not running:
                return ImportBatch.objects.create(
                    state=ImportBatch.State.APPLYING,
                    owner=owner,
                    touched_at=timezone.now(),
                    **fields,
                )
        time.sleep(WAIT_SECONDS)


def _sorted_chunks(values: Iterable[ValueInput]) -> Iterator[list[ValueInput]]:
    """`CHUNK_SIZE` values at a time, each run of `SORTED_RUN` values in territory order (the
    parts of a field, total, women and men, stay next to each other)."""
    iterator = iter(values)
    while run := list(itertools.islice(iterator, SORTED_RUN)):
        run.sort(key=key_of)  # territory, indicator, year, sex
        for start in range(0, len(run), CHUNK_SIZE):
            yield run[start : start + CHUNK_SIZE]


def write_chunks(
    values: Iterable[ValueInput],
    *,
    start: Callable[[], ImportBatch],
    stopped: Callable[[], bool],
    by: User | None,
    status: str | None,
    comment: str,
) -> tuple[ImportBatch | None, RecordSummary]:
    """Write the values `CHUNK_SIZE` at a time, each chunk in its own transaction.

    The batch is started (`start`) when the first chunk is ready, so a file with a problem
    among its first `SORTED_RUN` values leaves no batch at all; nothing more is written once
    `stopped` (a problem was found while the run was read).
    """
    summary = RecordSummary()
    batch: ImportBatch | None = None
    touched = time.monotonic()  # start() stamps the new batch
    held = 0.0  # seconds of writing since the lock was last left free for a while
    try:
        with bulk_sql.references_checked_here():
            for chunk in _sorted_chunks(values):
                if stopped():
                    break
                batch = batch or start()
                began = time.monotonic()
                with transaction.atomic():
                    part = record_observations(
                        chunk,
                        by=by,
                        reason=ObservationHistory.Reason.IMPORT,
                        status=status,
                        batch=batch,
                        comment=comment,
                        publish=False,
                    )
                    if time.monotonic() - touched >= TOUCH_SECONDS:
                        _touch(batch)
                        touched = time.monotonic()
                held += time.monotonic() - began
                if held >= GIVE_WAY_EVERY:
                    time.sleep(GIVE_WAY_SECONDS)
                    held = 0.0
                summary.new += part.new
                summary.changed += part.changed
                summary.unchanged += part.unchanged
                summary.public += part.public
    except BaseException:
        if batch is not None:
            give_up(batch, by=by)
        raise
    return batch, summary


def finish_batch(batch: ImportBatch, summary: RecordSummary, *, by: User | None) -> None:
    """The flip: the batch applied with its counts, one new published version."""
    batch.state = ImportBatch.State.APPLIED
    batch.new_count, batch.changed_count = summary.new, summary.changed
    batch.unchanged_count = summary.unchanged
    batch.save(update_fields=["state", "new_count", "changed_count", "unchanged_count"])
    if summary.public:
        user = by if getattr(by, "pk", None) else None
        record_publication(by=user, reason="import", values_count=summary.public)


def _abandon(batch: ImportBatch) -> None:
    with suppress(Exception):  # the database is away: the process's end will free it
        ImportBatch.objects.filter(pk=batch.pk).update(owner=ABANDONED)


def give_up(batch: ImportBatch, *, by: User | None) -> None:
    """Undo what this process wrote of `batch` (a problem or an error stopped it)."""
    try:
        undo_unfinished(batch, by=by, touch=lambda: _touch(batch))
    except Exception:  # the database is away: recover_abandoned undoes the rest later
        _abandon(batch)
