"""Build the snapshot of the published statistics now, in this process."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hromada.analytics.frame import load_frame
from hromada.analytics.models import Snapshot
from hromada.analytics.snapshot import expected_key, newest_ready
from hromada.analytics.snapshot_build import build_snapshot


class Command(BaseCommand):
    help = (
        "Compute the snapshot of the published statistics (ranks, aggregates) now, without "
        "the task queue: after an upgrade or a restore, before the first visitor."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        key = expected_key(load_frame())
        newest = newest_ready()
        if newest is not None and newest.key == key:
            self.stdout.write(f"snapshot {newest.pk} is current: {newest.values_count} values")
            return
        Snapshot.objects.filter(key=key).delete()
        snapshot = build_snapshot(Snapshot.objects.create(key=key).pk)
        self.stdout.write(
            f"snapshot {snapshot.pk}: {snapshot.values_count} values, "
            f"{len(snapshot.years)} years, {snapshot.seconds or 0:.1f} s"
        )
