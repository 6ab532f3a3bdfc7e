"""Rolling back an import as a whole: every value it changed put back, every value it
created removed, each with a rollback history row; refused while later work stands on it.

The undo of single history rows (`undo_changes`) is shared with the clean-up of an import
that stopped half-way (`hromada.indicators.unfinished`).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.indicators.actions import CHUNK_SIZE, record_publication
from hromada.indicators.models import ImportBatch, Observation, ObservationHistory, Status
from hromada.lib import locking


class RollbackRefused(Exception):
    """A batch cannot be undone because its values were changed again afterwards."""


def _later_change(batch: ImportBatch, batch_changes: Any) -> ObservationHistory | None:
    """The first change made to this batch's values after it, that still stands.

    A later import that was rolled back no longer stands: its changes and their undoing
    (both carry its batch) cancel out, so they do not hold this batch back.
    """
    last = batch_changes.order_by("-pk").values_list("pk", flat=True).first() or 0
    still_standing = Q(batch__isnull=True) | Q(batch__state=ImportBatch.State.APPLIED)
    return (
        ObservationHistory.objects.filter(
            still_standing, observation_id__in=batch_changes.values("observation_id"), pk__gt=last
        )
        .select_related("territory", "indicator")
        .order_by("pk")
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


def undo_changes(changes: list[ObservationHistory], *, by: User | None) -> tuple[int, int]:
    """Put back what these history rows changed (remove the values they created), with a
    rollback history row each. Returns how many were undone and how many of them were or
    become published."""
    observations = Observation.all_objects.in_bulk([c.observation_id for c in changes])
    history: list[ObservationHistory] = []
    restored: list[Observation] = []
    deleted: list[Observation] = []
    for change in changes:
        current = observations.get(change.observation_id or 0)
        if current is None:
            continue
        history.append(_undo(change, current, by))
        (deleted if change.old_status == "" else restored).append(current)
    Observation.all_objects.bulk_update(restored, ["value", "missing", "status", "batch"])
    deleted_ids = [o.pk for o in deleted]
    ObservationHistory.objects.filter(observation_id__in=deleted_ids).update(observation=None)
    Observation.all_objects.filter(pk__in=deleted_ids).delete()
    ObservationHistory.objects.bulk_create(history)
    public = sum(1 for h in history if Status.PUBLISHED in (h.old_status, h.new_status))
    return len(history), public


@transaction.atomic
def rollback_batch(batch: ImportBatch, *, by: User | None) -> int:
    """Undo an import as a whole: restore every value it changed, remove those it created.

    Refused when any of its values has been changed again since (by a later import, a form
    or the API): undoing would silently discard that later work. Works in chunks, so a
    batch of millions of values is undone in bounded memory.
    """
    locking.hold_imports()
    batch.refresh_from_db(fields=["state"])  # a rollback that finished while we waited
    if batch.state == ImportBatch.State.ROLLED_BACK:
        raise RollbackRefused(_("This import has already been rolled back."))
    if batch.state == ImportBatch.State.FAILED:
        raise RollbackRefused(_("This import failed and was undone; nothing is left to undo."))
    if (
        batch.state != ImportBatch.State.APPLIED
        or ImportBatch.objects.filter(state=ImportBatch.State.APPLYING).exists()
    ):
        # SQLite writes a large import in several transactions (hromada.dataio.applying):
        # rolling back meanwhile could undo values that import is about to change.
        raise RollbackRefused(_("An import is being applied; roll back when it has finished."))
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
        count, public = undo_changes(chunk, by=user)
        undone += count
        public_changes += public
    if public_changes:
        record_publication(by=user, reason="rollback", values_count=public_changes)
    batch.state = ImportBatch.State.ROLLED_BACK
    batch.rolled_back_at = timezone.now()
    batch.rolled_back_by = user
    batch.save(update_fields=["state", "rolled_back_at", "rolled_back_by"])
    # The import's own action (dataio.import.rollback) writes the audit entry.
    return undone
