"""The snapshot of the published statistics is built by the one task queue."""

from __future__ import annotations

from django_tasks import task

from hromada.analytics.snapshot_build import build_snapshot, fail_snapshot


@task()
def build_snapshot_task(snapshot_id: int) -> int:
    """Build snapshot `snapshot_id` from the data as it is now; returns its number of values."""
    try:
        return build_snapshot(snapshot_id).values_count
    except Exception:
        fail_snapshot(snapshot_id)
        raise
