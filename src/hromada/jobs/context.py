"""Which job the current thread is starting or running: set by start_job and by the signals."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PendingJob:
    label: str
    by: Any


pending: ContextVar[PendingJob | None] = ContextVar("hromada_pending_job", default=None)
running_task_id: ContextVar[str | None] = ContextVar("hromada_running_task", default=None)
