"""Background tasks of the import: a large confirmed file is applied by `hromada worker`."""

from __future__ import annotations

from django_tasks import task

from hromada.dataio import jobs
from hromada.dataio.models import ImportJob


@task()
def apply_import(import_job_id: int) -> str:
    """Apply one queued import; a job already taken by another worker is left alone."""
    job = jobs.claim(import_job_id)
    if job is None:
        return "skipped"
    try:
        return jobs.run_job(job).state
    except Exception as error:
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportJob.State.FAILED, result={"message": str(error)[:500]}
        )
        raise
