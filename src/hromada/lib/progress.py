"""A one-line progress display for long commands: `writing: 45%`, rewritten in place.

Long work reports `(stage, done, total)` through a plain callable, so the same action runs
silently in a test, drives this bar in a command, or feeds a task's progress on a page.
The bar writes only when the stage or the whole percentage changes, so a million calls
cost a hundred writes.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressCallback = Callable[[str, int, int], None]


def silent(stage: str, done: int, total: int) -> None:
    """A progress callback that shows nothing."""


class ProgressBar:
    """Call it with `(stage, done, total)`; call `close()` at the end to finish the line."""

    def __init__(self, write: Callable[[str], object], flush: Callable[[], object] | None = None):
        self._write = write
        self._flush = flush
        self._shown: tuple[str, int] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        percent = 100 if total <= 0 else min(100, done * 100 // total)
        if self._shown == (stage, percent):
            return
        if self._shown is not None and self._shown[0] != stage:
            self._write("\n")
        self._shown = (stage, percent)
        self._write(f"\r{stage}: {percent:3d}%")
        if self._flush is not None:
            self._flush()

    def close(self) -> None:
        if self._shown is not None:
            self._write("\n")
            self._shown = None
