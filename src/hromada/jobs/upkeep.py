"""Work the background worker does besides its queue, as it starts and on every heartbeat.

Apps above `jobs` register it here (the dataio app: undoing an import whose process died
half-way), so the worker command names no app.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

UPKEEP: list[Callable[[], object]] = []


def on_worker_upkeep(callback: Callable[[], object]) -> None:
    if callback not in UPKEEP:
        UPKEEP.append(callback)


def run_upkeep() -> None:
    """Run every registered piece; one that fails is logged and tried again next time."""
    for callback in UPKEEP:
        try:
            callback()
        except Exception:
            logger.exception("worker upkeep %s failed", getattr(callback, "__name__", callback))
