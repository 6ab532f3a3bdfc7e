"""Every write of an observation goes through here, and every write leaves history.

`record_observations` is the one bulk path used by file imports, the web form, the API and
the demo. It works in chunks: one query finds the existing rows of a chunk, then new rows
are bulk-inserted, changed rows bulk-updated and one history row per change bulk-inserted.
Callers decide permissions and wrap a whole file in one transaction (all-or-nothing).

Concurrent writers (PostgreSQL; SQLite runs one writer at a time) are serialised per value:
a small write (a form field, an API call) first holds an advisory lock per key, so two of
them never both insert the same new row; every write locks the rows it changes and takes
their old values from the locked row, so history never records a stale old value and no
update is lost. Imports hold one import lock besides (`hromada.lib.locking.hold_imports`).
"""

from __future__ import annotations

import contextlib
import itertools
import math
import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone

from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.indicators import bulk_sql
from hromada.indicators.models import (
    ImportBatch,
    Indicator,
    Observation,
    ObservationHistory,
    Publication,
    Status,
)
from hromada.lib import locking
from hromada.lib.decimals import at_decimals, same_value

CHUNK_SIZE = 2000
# Up to this many values, a write holds one advisory lock per key (PostgreSQL): enough for a
# form field with its parts or an API call, few enough for the server's lock table.
KEY_LOCKS_UP_TO = 100
# Tries of one chunk that meets values created meanwhile by another writer (PostgreSQL).
WRITE_ATTEMPTS = 3
# Value writes are audited as `indicators.observation.<reason>` (import, form, api, ...).
VALUES_AUDIT_PREFIX = "indicators.observation."
AUDIT_SAMPLE = 10  # values named in the audit entry of a write; the counts give the rest
Key = tuple[int, int, int, str]  # territory_id, indicator_id, year, sex


class ValueInput(NamedTuple):
    """One value to write. A named tuple: an import makes one per value of its file (and
    holds a run of them, dataio.applying), and a tuple is made three times faster than a
    frozen dataclass and takes half the memory."""

    territory_id: int
    indicator_id: int
    year: int
    sex: str
    value: float | None
    missing: str
    note: str = ""

    @property
    def key(self) -> Key:
        return (self.territory_id, self.indicator_id, self.year, self.sex)


# ValueInput.key as a C function (its first four fields), for sorting and for every value of
# a chunk: nine times faster than attrgetter on a named tuple.
key_of: Callable[[ValueInput], Key] = operator.itemgetter(slice(0, 4))


@dataclass(frozen=True)
class ChangedValue:
    new: ValueInput
    old_value: float | None
    old_missing: str
    old_status: str


@dataclass
class ChangePlan:
    """What a write would do, for a preview; `changed` holds at most `sample` examples.

    The public counts say what visitors would notice: published values that get a new
    value and stay published, published values taken off the public pages (their status
    lowered), and values that become public.
    """

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    changed_examples: list[ChangedValue] = field(default_factory=list)
    public_changed: int = 0
    public_withdrawn: int = 0
    public_added: int = 0

    def count_public(self, stored: bulk_sql.Stored | None, same: bool, status: str) -> None:
        was_public = stored is not None and stored.status == Status.PUBLISHED
        if was_public and status != Status.PUBLISHED:
            self.public_withdrawn += 1
        elif was_public and not same:
            self.public_changed += 1
        elif not was_public and status == Status.PUBLISHED:
            self.public_added += 1


class CreatedMeanwhile(Exception):
    """Another writer created one of these values after this write read it as new; raised
    instead of writing over it when the caller has shown the person the value was empty."""


@dataclass
class RecordSummary:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    public: int = 0  # values that were or became published (a new published version)


def _field(item: ValueInput) -> tuple[int, int, int]:
    """A field of the form: the total of a value and its parts for women and men."""
    return (item.territory_id, item.indicator_id, item.year)


def _chunks(values: Iterable[ValueInput]) -> Iterator[list[ValueInput]]:
    """CHUNK_SIZE values at a time; a chunk grows past it by the parts of its last field
    that follow it, so a field given in adjacent rows is written at once (a form's save locks
    a field whole: an import holding one of its parts while waiting for another could
    deadlock with it)."""
    iterator = iter(values)
    held: list[ValueInput] = []
    while chunk := held + list(itertools.islice(iterator, CHUNK_SIZE - len(held))):
        held = []
        if len(chunk) >= CHUNK_SIZE:
            for item in iterator:
                if _field(item) != _field(chunk[-1]):
                    held = [item]
                    break
                chunk.append(item)
        yield chunk


class _Decimals:
    """Each indicator's decimals, read once per write for the indicators it meets."""

    def __init__(self) -> None:
        self.known: dict[int, int] = {}

    def rounded(self, chunk: list[ValueInput]) -> list[ValueInput]:
        """The chunk with every value at its indicator's decimals (half away from zero), so
        that a value made by arithmetic (`x * 0.001`) and the same decimal typed in a file
        are one and the same float."""
        unknown = {item.indicator_id for item in chunk} - self.known.keys()
        if unknown:
            self.known.update(
                Indicator.objects.filter(pk__in=unknown).values_list("pk", "decimals")
            )
        known = self.known
        rounded = []
        for item in chunk:
            value = item.value
            places = known.get(item.indicator_id)
            # round() leaving a non-zero value alone is at_decimals' own fast path, inlined:
            # this runs for every value written.
            if value is None or places is None or (value and value == round(value, places)):
                rounded.append(item)
                continue
            exact = at_decimals(value, places)
            if exact != value or (exact == 0 and math.copysign(1.0, value) < 0):
                item = item._replace(value=exact)
            rounded.append(item)
        return rounded

    def of(self, item: ValueInput) -> int:
        return self.known.get(item.indicator_id, 15)


def _existing(chunk: list[ValueInput]) -> dict[Key, bulk_sql.Stored]:
    return bulk_sql.existing([item.key for item in chunk])


def _same_value(stored: bulk_sql.Stored, item: ValueInput, decimals: int) -> bool:
    """Equal at the indicator's decimals: a stored `7354.099999999999` equals `7354.1`."""
    return stored.missing == item.missing and same_value(stored.value, item.value, decimals)


def _status_of(stored: bulk_sql.Stored | None, status: str | None) -> str:
    """The status to write: the one asked for, or (None) the one the value already has."""
    if status is not None:
        return status
    return stored.status if stored is not None else Status.DRAFT


def lock_values(keys: list[Key]) -> dict[Key, bulk_sql.Stored]:
    """The stored rows of a few keys, locked against every other writer until the
    transaction ends; a key without a row is locked too, so nobody else can create it.

    One advisory lock per field (territory, indicator, year) covers its total and its parts
    for women and men, so writers of any part of a field take the same lock."""
    locking.hold(locking.VALUES, {key[:3] for key in keys})
    return bulk_sql.existing(keys, for_update=True)


def _locked_existing(keys: list[Key]) -> dict[Key, bulk_sql.Stored]:
    if len(keys) <= KEY_LOCKS_UP_TO:
        return lock_values(keys)
    return bulk_sql.existing(keys)


def _relock(
    updated: list[tuple[ValueInput, bulk_sql.Stored, str]],
    status: str | None,
    decimals: _Decimals,
) -> tuple[list[tuple[ValueInput, bulk_sql.Stored, str]], list[ValueInput], int]:
    """The rows about to change, re-read under a row lock: another writer may have changed
    them since the unlocked read. Returns the real changes, rows deleted meanwhile (to insert)
    and how many turned out unchanged."""
    fresh = bulk_sql.lock_rows([stored.pk for _, stored, _target in updated])
    changes, gone, unchanged = [], [], 0
    for item, stored, _target in updated:
        now = fresh.get(stored.pk)
        if now is None:
            gone.append(item)
            continue
        target = _status_of(now, status)
        if _same_value(now, item, decimals.of(item)) and now.status == target:
            unchanged += 1
        else:
            changes.append((item, now, target))
    return changes, gone, unchanged


def _written(item: ValueInput, status: str, source: str) -> tuple[Any, ...]:
    """The value columns of an observation row, in bulk_sql.UPDATE_COLUMNS order."""
    return (item.value, item.missing, status, source, item.note)


def plan_observations(
    values: Iterable[ValueInput], *, status: str | None = Status.DRAFT, sample: int = 500
) -> ChangePlan:
    """Classify values as new, changed or unchanged against the database; writes nothing.

    `status` None keeps the status each stored value has (new values become drafts).
    """
    plan = ChangePlan()
    decimals = _Decimals()
    for raw in _chunks(values):
        chunk = decimals.rounded(raw)
        existing = _existing(chunk)
        for item in chunk:
            stored = existing.get(item.key)
            target = _status_of(stored, status)
            same = stored is not None and _same_value(stored, item, decimals.of(item))
            plan.count_public(stored, same, target)
            if stored is None:
                plan.new += 1
            elif same and stored is not None and stored.status == target:
                plan.unchanged += 1
            else:
                plan.changed += 1
                if len(plan.changed_examples) < sample:
                    plan.changed_examples.append(
                        ChangedValue(item, stored.value, stored.missing, stored.status)
                    )
    return plan


# Called (without arguments) once a transaction that changed published values commits; the
# analytics app registers the build of its snapshot here, so indicators imports no app above.
AFTER_PUBLICATION: list[Callable[[], None]] = []


def after_publication(callback: Callable[[], None]) -> None:
    if callback not in AFTER_PUBLICATION:
        AFTER_PUBLICATION.append(callback)


def _published() -> None:
    for callback in AFTER_PUBLICATION:
        callback()


def record_publication(*, by: User | None, reason: str, values_count: int) -> Publication:
    """Bump the published data version: caches and ETags keyed on it become stale, and
    what is computed from published values is rebuilt once the change commits."""
    user = by if getattr(by, "pk", None) else None
    publication = Publication.objects.create(
        published_by=user, reason=reason[:200], values_count=values_count
    )
    transaction.on_commit(_published)
    return publication


def _write_order(item: ValueInput) -> tuple[int, int, int, str]:
    """The order of the unique index (indicator, year, territory, sex)."""
    return (item.indicator_id, item.year, item.territory_id, item.sex)


def _retry_point() -> Any:
    """A savepoint to go back to when a write meets a row created meanwhile (PostgreSQL)."""
    if bulk_sql.writers_overlap():
        return transaction.atomic()
    return contextlib.nullcontext()


def _created_meanwhile(error: IntegrityError) -> bool:
    """A unique violation of a value's key where writers overlap (on SQLite it cannot come
    from another writer, so it is a real error)."""
    return bulk_sql.writers_overlap() and "unique_observation" in str(error)


Written = tuple[
    list[ValueInput], list[tuple[ValueInput, bulk_sql.Stored, str]], list[int], str, int
]


def _write_chunk(
    chunk: list[ValueInput],
    status: str | None,
    source: str,
    decimals: _Decimals,
    stamp: tuple[Any, ...],
    *,
    locked: bool,
) -> Written:
    """Write one chunk: new rows, changed rows, a history row per change. `locked` reads
    every stored row of the chunk under a row lock (a retry after a row appeared)."""
    _reason, _comment, batch_id, user_id, now = stamp
    keys = list(map(key_of, chunk))
    if locked and len(chunk) > KEY_LOCKS_UP_TO:
        existing = bulk_sql.existing(keys, for_update=True)
    else:  # a few keys are locked again: the savepoint gave their advisory locks back
        existing = _locked_existing(keys)
    created: list[ValueInput] = []
    updated: list[tuple[ValueInput, bulk_sql.Stored, str]] = []
    unchanged = 0
    for item, key in zip(chunk, keys, strict=True):
        stored = existing.get(key)
        target = _status_of(stored, status)
        if stored is None:
            created.append(item)
        elif _same_value(stored, item, decimals.of(item)) and stored.status == target:
            unchanged += 1
        else:
            updated.append((item, stored, target))
    if len(chunk) > KEY_LOCKS_UP_TO and bulk_sql.writers_overlap() and not locked:
        updated, gone, also_unchanged = _relock(updated, status, decimals)
        created += gone
        unchanged += also_unchanged
    new_status = _status_of(None, status)
    new_ids = bulk_sql.reserve_ids(Observation, len(created))
    bulk_sql.insert_observations(
        # OBSERVATION_COLUMNS, spelt out: this runs for every new value.
        [
            (
                pk,
                item.territory_id,
                item.indicator_id,
                item.year,
                item.sex,
                item.value,
                item.missing,
                new_status,
                source,
                item.note,
                batch_id,
                user_id,
                now,
            )
            for pk, item in zip(new_ids, created, strict=True)
        ]
    )
    bulk_sql.update_observations(
        [
            (*_written(item, target, source), batch_id, user_id, now, stored.pk)
            for item, stored, target in updated
        ]
    )
    bulk_sql.history_of_created(new_ids, stamp)
    history = [
        (
            stored.pk,
            *item.key,
            stored.value,
            stored.missing,
            stored.status,
            item.value,
            item.missing,
            target,
        )
        for item, stored, target in updated
    ]
    bulk_sql.insert_history([(*row, *stamp) for row in history])
    return created, updated, new_ids, new_status, unchanged


@transaction.atomic
def record_observations(
    values: Iterable[ValueInput],
    *,
    by: User | None,
    reason: str,
    status: str | None = Status.DRAFT,
    batch: ImportBatch | None = None,
    comment: str = "",
    source: str = "",
    publish: bool = True,
    refuse_created_meanwhile: bool = False,
) -> RecordSummary:
    """Insert or update values, writing one history row per real change.

    Values are stored at their indicator's decimals (rounded half away from zero), and
    compared there: unchanged values (the same decimal, the same reason for missing, the same
    status) are left alone and leave no history, no new published version. `status` None
    keeps the status each stored value has (new values become drafts). The caller checks
    permissions; this function trusts its input to be validated (types, ranges) already.
    `publish` False leaves the new published version to the caller (`summary.public` says
    whether one is due): an import written in several transactions publishes once, at its end.
    `refuse_created_meanwhile`: a value another writer created after this write read it as
    new raises CreatedMeanwhile (a form that showed the field empty must say so, not write
    over it); otherwise it is written as a change of theirs.
    """
    summary = RecordSummary()
    user = by if getattr(by, "pk", None) else None
    user_id = user.pk if user else None
    batch_id = batch.pk if batch else None
    now = bulk_sql.stamp(timezone.now())
    public_changes = 0
    sample: list[int] = []  # a few of the written rows, named in the audit entry
    check_here = not bulk_sql.database_checks_references()
    decimals = _Decimals()
    stamp = (reason, comment, batch_id, user_id, now)
    for raw in _chunks(values):
        if check_here:
            bulk_sql.verify_references(list(map(key_of, raw)))
        chunk = decimals.rounded(raw)
        if bulk_sql.writers_overlap():
            # One order for every writer (the parts of a field: total, women, men): two
            # writers inserting the same new rows wait for each other, never deadlock.
            chunk.sort(key=_write_order)
        for attempt in itertools.count(1):
            try:
                with _retry_point():
                    written = _write_chunk(
                        chunk, status, source, decimals, stamp, locked=attempt > 1
                    )
                break
            except IntegrityError as error:
                # Another writer created one of these values after we read the chunk (an
                # import and a form, say): read the chunk again, locked, and write it as a
                # change of theirs, so their value leaves its trace in history.
                if attempt >= WRITE_ATTEMPTS or not _created_meanwhile(error):
                    raise
                if refuse_created_meanwhile:
                    raise CreatedMeanwhile from error
        created, updated, new_ids, new_status, unchanged = written
        summary.unchanged += unchanged
        summary.new += len(created)
        summary.changed += len(updated)
        room = AUDIT_SAMPLE - len(sample)
        sample += [*new_ids[:room], *(stored.pk for _item, stored, _t in updated[:room])][:room]
        if new_status == Status.PUBLISHED:
            public_changes += len(created)
        public_changes += sum(
            1 for _, stored, target in updated if Status.PUBLISHED in (stored.status, target)
        )
    summary.public = public_changes
    if public_changes and publish:
        record_publication(by=user, reason=reason, values_count=public_changes)
    # A write that belongs to an import batch is audited once, by the import's own action
    # (dataio.import.apply), which names the batch and the file.
    if (summary.new or summary.changed) and batch is None:
        _audit_values(
            summary,
            sample,
            by=user,
            reason=reason,
            status=status or "keep",  # None: every value kept the status it had
            note=comment,
        )
    return summary


def _audit_values(
    summary: RecordSummary,
    sample: list[int],
    *,
    by: User | None,
    reason: str,
    status: str,
    note: str,
) -> None:
    """One audit entry for a whole write outside an import, with its counts; each value's
    own history is in ObservationHistory (an import is audited by its own action)."""
    known = reason in ObservationHistory.Reason.values
    label = ObservationHistory.Reason(reason).label if known else reason
    record_audit(
        action=f"{VALUES_AUDIT_PREFIX}{reason if known else 'record'}",
        by=by,
        object_type="indicators.observation",
        object_repr=str(label),
        changes={
            "new": (0, summary.new),
            "changed": (0, summary.changed),
            "status": ("", status),
            "values": ([], _named(sample)),
        },
        reason=note,
    )


def _named(observation_ids: list[int]) -> list[str]:
    """`indicator · territory · year` of a few observations, for a person reading the log."""
    rows = Observation.all_objects.filter(pk__in=observation_ids).order_by("pk")
    keys = rows.values_list("indicator__code", "territory__code", "year", "sex")
    return [" · ".join(str(part) for part in key if part != "") for key in keys]
