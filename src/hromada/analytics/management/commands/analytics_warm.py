"""Build the snapshot of the published statistics now, in this process."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hromada.analytics import snapshot_ready
from hromada.analytics.frame import load_frame
from hromada.analytics.models import Snapshot
from hromada.analytics.snapshot import expected_key, newest_ready
from hromada.analytics.snapshot_build import build_snapshot


class Command(BaseCommand):
    help = (
        "Compute the snapshot of the published statistics (ranks, aggregates) now, without "
        "the task queue: after an upgrade or a restore, before the first visitor. The work "
        "other rooms do for a new snapshot (the impact figures of positions) runs here too."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        key = expected_key(load_frame())
        newest = newest_ready()
        if newest is not None and newest.key == key:
            self.stdout.write(f"snapshot {newest.pk} is current: {newest.values_count} values")
        else:
            Snapshot.objects.filter(key=key).delete()
            newest = build_snapshot(Snapshot.objects.create(key=key).pk)
            self.stdout.write(
                f"snapshot {newest.pk}: {newest.values_count} values, "
                f"{len(newest.years)} years, {newest.seconds or 0:.1f} s"
            )
        # Also when the snapshot was current: its follow-ups may still wait for a worker, and
        # each one skips what already follows this snapshot.
        ran = snapshot_ready.announce(newest, foreground=True)
        self.stdout.write(f"follow-up work for snapshot {newest.pk}: {ran} done")
