"""Undoing an import that stopped half-way, value by value, in short transactions.

On SQLite a large import writes in several short transactions (hromada.dataio.applying), so
a failure or a kill can leave part of it written. Every committed part left one history row
per value it changed, carrying the batch: those rows are walked in chunks, each chunk in its
own transaction (so entry never waits long behind the undo either), and every value whose
newest change is still the import's own is put back, with a rollback history row.

A value someone changed after the import wrote it keeps that later change: undoing it would
throw their work away; the import's row stays in its history to explain their old value.
Walking the rows again after a kill does no harm: a value already put back has a newer
(rollback) row, so it is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from hromada.accounts.models import User
from hromada.indicators.actions import CHUNK_SIZE, record_publication
from hromada.indicators.models import ImportBatch, ObservationHistory
from hromada.indicators.rollback import undo_changes


def _standing(changes: list[ObservationHistory]) -> list[ObservationHistory]:
    """The changes that are still the newest change of their value."""
    ids = [c.observation_id for c in changes if c.observation_id]
    newest = dict(
        ObservationHistory.objects.filter(observation_id__in=ids)
        .values("observation_id")
        .annotate(last=Max("pk"))
        .values_list("observation_id", "last")
    )
    return [c for c in changes if c.observation_id and newest.get(c.observation_id) == c.pk]


def undo_unfinished(
    batch: ImportBatch, *, by: User | None, touch: Callable[[], None] = lambda: None
) -> int:
    """Undo what an unfinished import wrote and mark it failed; returns the values put back.

    `touch` runs inside each chunk's transaction (the caller keeps its claim on the batch
    fresh there).
    """
    user = by if getattr(by, "pk", None) else None
    changes = ObservationHistory.objects.filter(
        batch=batch, reason=ObservationHistory.Reason.IMPORT
    )
    last_pk, undone, public = 0, 0, 0
    while True:
        with transaction.atomic():
            chunk = list(changes.filter(pk__gt=last_pk).order_by("pk")[:CHUNK_SIZE])
            if not chunk:
                break
            last_pk = chunk[-1].pk
            count, published = undo_changes(_standing(chunk), by=user)
            undone, public = undone + count, public + published
            touch()
    with transaction.atomic():
        if public:
            # Pages may have cached what they read of the half-written import meanwhile.
            record_publication(by=user, reason="rollback", values_count=public)
        batch.state = ImportBatch.State.FAILED
        batch.rolled_back_at = timezone.now()
        batch.rolled_back_by = user
        batch.save(update_fields=["state", "rolled_back_at", "rolled_back_by"])
    return undone
