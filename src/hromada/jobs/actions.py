"""Starting background work: every long task goes through the one queue and gets a Job row."""

from __future__ import annotations

from typing import Any

from django_tasks import TaskResult
from django_tasks.base import Task

from hromada.jobs.context import PendingJob, pending
from hromada.jobs.models import Job


def start_job(task: Task[Any, Any], *args: Any, by: Any, label: str, **kwargs: Any) -> Job:
    """Queue `task(*args, **kwargs)`; the jobs page shows it to `by` and to analysts.

    With the immediate backend (tests) the task has run by the time this returns.
    """
    token = pending.set(PendingJob(label=str(label), by=by))
    try:
        result: TaskResult[Any] = task.enqueue(*args, **kwargs)
    finally:
        pending.reset(token)
    return Job.objects.get(task_id=str(result.id))
