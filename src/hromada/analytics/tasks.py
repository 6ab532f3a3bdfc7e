"""The snapshot of the published statistics is built by the one task queue."""

from __future__ import annotations

from django_tasks import task

from hromada.analytics import snapshot_ready
from hromada.analytics.snapshot_build import build_snapshot, fail_snapshot


@task()
def build_snapshot_task(snapshot_id: int) -> int:
    """Build snapshot `snapshot_id` from the data as it is now; returns its number of values.
    Once it serves, the work other rooms registered for a new snapshot is queued."""
    try:
        snapshot = build_snapshot(snapshot_id)
    except Exception:
        fail_snapshot(snapshot_id)
        raise
    # Outside the try: a follow-up that cannot be queued must not mark a ready snapshot failed.
    snapshot_ready.announce(snapshot)
    return snapshot.values_count
