"""Large imports run as jobs: queued by the confirm button, run by `hromada worker`.

The import job is a task of the one queue (`hromada.dataio.tasks.apply_import`); it also
claims its ImportJob with a conditional UPDATE (queued -> running), so the same import never
runs twice. Progress goes to `<upload>.progress` as JSON and to the jobs page: the import
holds one transaction until it is done on PostgreSQL, so only a file is visible to the page
while it runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.dataio import actions
from hromada.dataio.columns import rule_from
from hromada.dataio.convert import Options
from hromada.dataio.models import ImportJob, StagedUpload
from hromada.jobs.actions import start_job
from hromada.jobs.progress import report_progress, report_result

# Files up to this size are applied within the request; larger ones become a job.
SYNC_LIMIT_BYTES = 2 * 1024 * 1024


def options_of(staged: StagedUpload) -> Options:
    rules = [rule_from(entry) for entry in staged.options.get("rules") or []]
    year = staged.options.get("year")
    return Options(year=int(year) if year else None, rules=rules)


def runs_in_background(staged: StagedUpload) -> bool:
    return Path(staged.stored_path).stat().st_size > SYNC_LIMIT_BYTES


def queue_import(staged: StagedUpload, *, by: User) -> ImportJob:
    from hromada.dataio.tasks import apply_import

    actions.require_analyst(by)
    job = ImportJob.objects.create(staged=staged, file_name=staged.file_name, created_by=by)
    record_audit(action="dataio.import.queue", obj=job, by=by, object_repr=job.file_name)
    label = _("Import of %(file)s") % {"file": staged.file_name}
    start_job(apply_import, job.pk, by=by, label=label)
    job.refresh_from_db()
    return job


def progress_path(job: ImportJob) -> Path | None:
    return Path(f"{job.staged.stored_path}.progress") if job.staged else None


def progress_of(job: ImportJob) -> int:
    """Percent done: 0 while waiting, 100 when finished, else what the worker last wrote."""
    if job.state in {ImportJob.State.DONE, ImportJob.State.FAILED}:
        return 100
    path = progress_path(job)
    try:
        state = json.loads(path.read_text()) if path else {}
    except (OSError, ValueError):
        return 0
    total = int(state.get("total") or 0)
    return min(100, int(state.get("done") or 0) * 100 // total) if total else 0


def claim(job_id: int) -> ImportJob | None:
    """Take a waiting job for this worker, or None when it is gone or already taken."""
    claimed = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).update(
        state=ImportJob.State.RUNNING
    )
    return ImportJob.objects.select_related("staged").get(pk=job_id) if claimed else None


def run_job(job: ImportJob) -> ImportJob:
    staged = job.staged
    if staged is None:
        return _finish(job, ImportJob.State.FAILED, {"message": "the uploaded file is gone"})
    path = Path(f"{staged.stored_path}.progress")

    report_result(reverse("dataio:job", kwargs={"pk": job.pk}))

    def write_progress(stage: str, done: int, total: int) -> None:
        path.write_text(json.dumps({"stage": stage, "done": done, "total": total}))
        report_progress(done, total, stage=stage)

    report = actions.import_file(
        Path(staged.stored_path),
        by=job.created_by,
        options=options_of(staged),
        file_name=staged.file_name,
        status=actions.chosen_status(staged.options.get("status")),
        progress=write_progress,
    )
    result = {
        "new": report.new,
        "changed": report.changed,
        "unchanged": report.unchanged,
        "problems": report.problem_count,
    }
    if not report.ok:
        path.unlink(missing_ok=True)
        return _finish(job, ImportJob.State.FAILED, result)
    job.batch = report.batch
    path.unlink(missing_ok=True)
    job.staged = None
    job = _finish(job, ImportJob.State.DONE, result)
    actions.discard_upload(staged)
    return job


def _finish(job: ImportJob, state: str, result: dict[str, Any]) -> ImportJob:
    job.state, job.result, job.finished_at = state, result, timezone.now()
    job.save(update_fields=["state", "result", "finished_at", "batch", "staged"])
    return job
