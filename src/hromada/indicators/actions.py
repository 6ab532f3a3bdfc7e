"""Every write of an observation goes through here, and every write leaves history.

`record_observations` is the one bulk path used by file imports, the web form, the API and
the demo. It works in chunks: one query finds the existing rows of a chunk, then new rows
are bulk-inserted, changed rows bulk-updated and one history row per change bulk-inserted.
Callers decide permissions and wrap a whole file in one transaction (all-or-nothing).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.indicators import bulk_sql
from hromada.indicators.models import (
    ImportBatch,
    Observation,
    ObservationHistory,
    Publication,
    Status,
)

CHUNK_SIZE = 2000
# Value writes are audited as `indicators.observation.<reason>` (import, form, api, ...).
VALUES_AUDIT_PREFIX = "indicators.observation."
AUDIT_SAMPLE = 10  # values named in the audit entry of a write; the counts give the rest
Key = tuple[int, int, int, str]  # territory_id, indicator_id, year, sex


@dataclass(frozen=True)
class ValueInput:
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


@dataclass(frozen=True)
class ChangedValue:
    new: ValueInput
    old_value: float | None
    old_missing: str
    old_status: str


@dataclass
class ChangePlan:
    """What a write would do, for a preview; `changed` holds at most `sample` examples."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    changed_examples: list[ChangedValue] = field(default_factory=list)


@dataclass
class RecordSummary:
    new: int = 0
    changed: int = 0
    unchanged: int = 0


class RollbackRefused(Exception):
    """A batch cannot be undone because its values were changed again afterwards."""


def _chunks(values: Iterable[ValueInput]) -> Iterator[list[ValueInput]]:
    iterator = iter(values)
    while chunk := list(itertools.islice(iterator, CHUNK_SIZE)):
        yield chunk


def _existing(chunk: list[ValueInput]) -> dict[Key, bulk_sql.Stored]:
    return bulk_sql.existing([item.key for item in chunk])


def _same(stored: bulk_sql.Stored, item: ValueInput, status: str) -> bool:
    return stored.value == item.value and stored.missing == item.missing and stored.status == status


def _written(item: ValueInput, status: str, source: str) -> tuple[Any, ...]:
    """The value columns of an observation row, in bulk_sql.UPDATE_COLUMNS order."""
    return (item.value, item.missing, status, source, item.note)


def plan_observations(
    values: Iterable[ValueInput], *, status: str = Status.DRAFT, sample: int = 500
) -> ChangePlan:
    """Classify values as new, changed or unchanged against the database; writes nothing."""
    plan = ChangePlan()
    for chunk in _chunks(values):
        existing = _existing(chunk)
        for item in chunk:
            stored = existing.get(item.key)
            if stored is None:
                plan.new += 1
            elif _same(stored, item, status):
                plan.unchanged += 1
            else:
                plan.changed += 1
                if len(plan.changed_examples) < sample:
                    plan.changed_examples.append(
                        ChangedValue(item, stored.value, stored.missing, stored.status)
                    )
    return plan


def record_publication(*, by: User | None, reason: str, values_count: int) -> Publication:
    """Bump the published data version: caches and ETags keyed on it become stale."""
    user = by if getattr(by, "pk", None) else None
    return Publication.objects.create(
        published_by=user, reason=reason[:200], values_count=values_count
    )


@transaction.atomic
def record_observations(
    values: Iterable[ValueInput],
    *,
    by: User | None,
    reason: str,
    status: str = Status.DRAFT,
    batch: ImportBatch | None = None,
    comment: str = "",
    source: str = "",
) -> RecordSummary:
    """Insert or update values, writing one history row per real change.

    Unchanged values (same value, same reason for missing, same status) are left alone and
    leave no history. The caller checks permissions; this function trusts its input to be
    validated (types, ranges) already.
    """
    summary = RecordSummary()
    user = by if getattr(by, "pk", None) else None
    user_id = user.pk if user else None
    batch_id = batch.pk if batch else None
    now = bulk_sql.stamp(timezone.now())
    public_changes = 0
    sample: list[int] = []  # a few of the written rows, named in the audit entry
    check_here = not bulk_sql.database_checks_references()
    for chunk in _chunks(values):
        if check_here:
            bulk_sql.verify_references([item.key for item in chunk])
        existing = _existing(chunk)
        created: list[ValueInput] = []
        updated: list[tuple[ValueInput, bulk_sql.Stored]] = []
        for item in chunk:
            stored = existing.get(item.key)
            if stored is None:
                created.append(item)
            elif _same(stored, item, status):
                summary.unchanged += 1
            else:
                updated.append((item, stored))
        new_ids = bulk_sql.reserve_ids(Observation, len(created))
        bulk_sql.insert_observations(
            [
                (pk, *item.key, *_written(item, status, source), batch_id, user_id, now)
                for pk, item in zip(new_ids, created, strict=True)
            ]
        )
        bulk_sql.update_observations(
            [
                (*_written(item, status, source), batch_id, user_id, now, stored.pk)
                for item, stored in updated
            ]
        )
        stamp = (reason, comment, batch_id, user_id, now)
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
                status,
            )
            for item, stored in updated
        ]
        bulk_sql.insert_history([(*row, *stamp) for row in history])
        summary.new += len(created)
        summary.changed += len(updated)
        room = AUDIT_SAMPLE - len(sample)
        sample += [*new_ids[:room], *(stored.pk for _item, stored in updated[:room])][:room]
        if status == Status.PUBLISHED:
            public_changes += len(created) + len(updated)
        else:
            public_changes += sum(1 for _, stored in updated if stored.status == Status.PUBLISHED)
    if public_changes:
        record_publication(by=user, reason=reason, values_count=public_changes)
    if summary.new or summary.changed:
        _audit_values(
            summary, sample, by=user, reason=reason, status=status, batch=batch, note=comment
        )
    return summary


def _audit_values(
    summary: RecordSummary,
    sample: list[int],
    *,
    by: User | None,
    reason: str,
    status: str,
    batch: ImportBatch | None,
    note: str,
) -> None:
    """One audit entry for a whole write, with its counts; each value's own history is in
    ObservationHistory."""
    known = reason in ObservationHistory.Reason.values
    label = ObservationHistory.Reason(reason).label if known else reason
    record_audit(
        action=f"{VALUES_AUDIT_PREFIX}{reason if known else 'record'}",
        obj=batch,
        by=by,
        object_type="" if batch else "indicators.observation",
        object_repr="" if batch else str(label),
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


def _later_change(batch: ImportBatch, batch_changes: Any) -> ObservationHistory | None:
    last = batch_changes.order_by("-pk").values_list("pk", flat=True).first() or 0
    return (
        ObservationHistory.objects.filter(
            observation_id__in=batch_changes.values("observation_id"), pk__gt=last
        )
        .select_related("territory", "indicator")
        .first()
    )


def _undo(change: ObservationHistory, current: Observation, by: User | None) -> ObservationHistory:
    """The history row that records putting `change` back; restores `current` in memory."""
    created = change.old_status == ""
    if not created:
        current.value = change.old_value
        current.missing = change.old_missing
        current.status = change.old_status
        current.batch = None
    return ObservationHistory(
        observation=None if created else current,
        territory_id=change.territory_id,
        indicator_id=change.indicator_id,
        year=change.year,
        sex=change.sex,
        old_value=change.new_value,
        old_missing=change.new_missing,
        old_status=change.new_status,
        new_value=change.old_value,
        new_missing=change.old_missing,
        new_status=change.old_status,
        reason=ObservationHistory.Reason.ROLLBACK,
        batch=change.batch,
        changed_by=by,
    )


@transaction.atomic
def rollback_batch(batch: ImportBatch, *, by: User | None) -> int:
    """Undo an import as a whole: restore every value it changed, remove those it created.

    Refused when any of its values has been changed again since (by a later import, a form
    or the API): undoing would silently discard that later work. Works in chunks, so a
    batch of millions of values is undone in bounded memory.
    """
    if batch.state == ImportBatch.State.ROLLED_BACK:
        raise RollbackRefused(_("This import has already been rolled back."))
    batch_changes = ObservationHistory.objects.filter(batch=batch).exclude(
        reason=ObservationHistory.Reason.ROLLBACK
    )
    later = _later_change(batch, batch_changes)
    if later is not None:
        raise RollbackRefused(
            _(
                "Values of this import were changed afterwards (for example %(indicator)s of "
                "%(territory)s, %(year)s); roll back the later changes first."
            )
            % {
                "indicator": later.indicator.code,
                "territory": later.territory.code,
                "year": later.year,
            }
        )
    user = by if getattr(by, "pk", None) else None
    undone, last_pk, public_changes = 0, 0, 0
    while chunk := list(batch_changes.filter(pk__gt=last_pk).order_by("pk")[:CHUNK_SIZE]):
        last_pk = chunk[-1].pk
        observations = Observation.all_objects.in_bulk([c.observation_id for c in chunk])
        history: list[ObservationHistory] = []
        restored: list[Observation] = []
        deleted: list[Observation] = []
        for change in chunk:
            current = observations.get(change.observation_id or 0)
            if current is None:
                continue
            history.append(_undo(change, current, user))
            (deleted if change.old_status == "" else restored).append(current)
        Observation.all_objects.bulk_update(restored, ["value", "missing", "status", "batch"])
        deleted_ids = [o.pk for o in deleted]
        ObservationHistory.objects.filter(observation_id__in=deleted_ids).update(observation=None)
        Observation.all_objects.filter(pk__in=deleted_ids).delete()
        ObservationHistory.objects.bulk_create(history)
        undone += len(history)
        public_changes += sum(
            1 for h in history if Status.PUBLISHED in (h.old_status, h.new_status)
        )
    if public_changes:
        record_publication(by=user, reason="rollback", values_count=public_changes)
    batch.state = ImportBatch.State.ROLLED_BACK
    batch.rolled_back_at = timezone.now()
    batch.rolled_back_by = user
    batch.save(update_fields=["state", "rolled_back_at", "rolled_back_by"])
    record_audit(
        action="dataio.batch.rollback",
        obj=batch,
        by=user,
        changes={"state": (ImportBatch.State.APPLIED, batch.state), "values": (0, undone)},
    )
    return undone
