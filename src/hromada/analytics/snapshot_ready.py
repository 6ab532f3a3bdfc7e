"""Work other rooms queue once a new snapshot is ready, without analytics importing them.

Dependencies point one way (legislation -> analytics), yet a position's impact figures are
computed from the snapshot and must follow each new version of the data. A room registers a
task by its dotted path in its AppConfig.ready() (as report sections and territory panels are
registered; the path, because a task module imported while apps load would fix the task
backend before the settings are final, e.g. the tests' immediate backend); when a
build has committed and the snapshot serves, each registered task is queued with the
snapshot's id through the one task queue, or run in this process by `hromada analytics_warm`.
A task reads the current snapshot itself and does nothing for data it already follows, so
running it twice is harmless.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string

from hromada.analytics.models import Snapshot


@dataclass(frozen=True)
class FollowUp:
    task: str  # dotted path of a task taking the snapshot's id
    label: object  # the job's name on the jobs page (a lazy translation, read when queued)
    # Whether there is anything to do: no empty job on the jobs page after every build.
    wanted: Callable[[], bool]


_follow_ups: list[FollowUp] = []


def register(task: str, *, label: Any, wanted: Callable[[], bool]) -> None:
    if all(existing.task != task for existing in _follow_ups):
        _follow_ups.append(FollowUp(task, label, wanted))


def announce(snapshot: Snapshot, *, foreground: bool = False) -> int:
    """The snapshot is ready: queue (or, in the foreground, run) every registered task that has
    work. Returns how many were started."""
    from hromada.jobs.actions import start_job

    started = 0
    for follow_up in _follow_ups:
        if not follow_up.wanted():
            continue
        task = import_string(follow_up.task)
        if foreground:
            task.call(snapshot.pk)
        else:
            start_job(task, snapshot.pk, by=None, label=str(follow_up.label))
        started += 1
    return started
