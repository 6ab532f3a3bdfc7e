"""Progress and outcome reports from inside a running task, shown on the jobs page.

Progress goes to a small JSON file per task under DATA_DIR/jobs, not to the Job row: long
work such as an import holds one database transaction until it is done, and a row written
inside it would stay invisible to the page until the end.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from hromada.jobs.context import running_task_id
from hromada.jobs.models import Job


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    stage: str

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total > 0 else 0


def progress_file(task_id: str) -> Path:
    return Path(settings.DATA_DIR) / "jobs" / f"{task_id}.json"


def report_progress(done: int, total: int, *, stage: str = "") -> None:
    """Say how far the running task got. Outside a job (a command run by hand) it does nothing."""
    task_id = running_task_id.get()
    if task_id is None:
        return
    path = progress_file(task_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(
        json.dumps({"done": max(0, done), "total": max(0, total), "stage": stage[:200]})
    )
    os.replace(partial, path)  # the page never reads a half-written file


def read_progress(job: Job) -> Progress:
    """The last report of a running job; the row's final figures once it has ended."""
    if job.is_active:
        try:
            state = json.loads(progress_file(job.task_id).read_text())
            return Progress(int(state["done"]), int(state["total"]), str(state["stage"]))
        except (OSError, ValueError, KeyError, TypeError):
            return Progress(0, 0, "")
    return Progress(job.done, job.total, job.stage)


def keep_final_progress(task_id: str) -> dict[str, object]:
    """The last report, to store on the row when the job ends; the file is removed."""
    path = progress_file(task_id)
    try:
        state = json.loads(path.read_text())
        path.unlink(missing_ok=True)
        return {
            "done": max(0, int(state["done"])),
            "total": max(0, int(state["total"])),
            "stage": str(state["stage"])[:200],
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def report_result(url: str) -> None:
    """Name the page where the outcome of the running task can be seen."""
    task_id = running_task_id.get()
    if task_id is not None:
        Job.objects.filter(task_id=task_id).update(result_url=url[:300])
