"""The worker's sign of life: a thread that touches its WorkerBeat row while it runs."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime

from django.db import close_old_connections, connection
from django.utils import timezone

from hromada.ops.models import WorkerBeat

BEAT_SECONDS = 15.0


def beat(worker_id: str, *, at: datetime | None = None) -> None:
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": socket.gethostname(), "seen_at": at or timezone.now()},
    )


def worker_identity() -> str:
    return f"{socket.gethostname()[:50]}-{os.getpid()}"


class Heartbeat(threading.Thread):
    """Beats every BEAT_SECONDS until stopped; a failed beat (database away) is retried."""

    def __init__(self, worker_id: str, also: Callable[[], object] | None = None) -> None:
        super().__init__(name="hromada-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.also = also  # upkeep run after each beat (it logs its own failures)
        self.stopped = threading.Event()

    def run(self) -> None:
        # The worker beat once as it started; from here on, one beat per period.
        try:
            while not self.stopped.wait(BEAT_SECONDS):
                close_old_connections()
                with contextlib.suppress(Exception):  # the database is away; beat again later
                    beat(self.worker_id)
                if self.also is not None:
                    self.also()
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
