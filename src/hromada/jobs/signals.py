"""Keep each Job row in step with its task: enqueued, started, finished or failed."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued, task_finished, task_started

from hromada.jobs.context import pending, running_task_id
from hromada.jobs.models import Job, JobStatus
from hromada.jobs.progress import keep_final_progress


@receiver(task_enqueued)
def _create_job(sender: Any, task_result: TaskResult[Any], **kwargs: Any) -> None:
    meta = pending.get()
    if meta is None:
        return
    by = meta.by if getattr(meta.by, "is_authenticated", False) else None
    Job.objects.get_or_create(
        task_id=str(task_result.id),
        defaults={
            "task_path": task_result.task.module_path,
            "label": meta.label[:200],
            "created_by": by,
        },
    )


@receiver(task_started)
def _mark_started(sender: Any, task_result: TaskResult[Any], **kwargs: Any) -> None:
    running_task_id.set(str(task_result.id))
    Job.objects.filter(task_id=str(task_result.id)).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )


@receiver(task_finished)
def _mark_finished(sender: Any, task_result: TaskResult[Any], **kwargs: Any) -> None:
    running_task_id.set(None)
    failed = task_result.status == TaskResultStatus.FAILED
    update: dict[str, object] = {
        "status": JobStatus.FAILED if failed else JobStatus.DONE,
        "finished_at": timezone.now(),
        **keep_final_progress(str(task_result.id)),
    }
    if failed and task_result.errors:
        trace = task_result.errors[-1].traceback
        update["traceback"] = trace
        update["error"] = _last_line(trace)
    Job.objects.filter(task_id=str(task_result.id)).update(**update)


def _last_line(trace: str) -> str:
    lines = [line for line in trace.strip().splitlines() if line.strip()]
    return lines[-1][:2000] if lines else ""
