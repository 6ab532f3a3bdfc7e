"""`hromada import_worker [--loop]`: run the large imports confirmed on the import page."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hromada.dataio.jobs import next_job, run_job
from hromada.dataio.models import ImportJob


class Command(BaseCommand):
    help = "Run queued import jobs; with --loop keep waiting for new ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running, poll for jobs")
        parser.add_argument("--interval", type=float, default=2.0, help="seconds between polls")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            job = next_job()
            if job is not None:
                self._run(job)
            elif not options["loop"]:
                return
            else:
                time.sleep(options["interval"])

    def _run(self, job: ImportJob) -> None:
        try:
            job = run_job(job)
        except Exception as error:  # a failed job must not stop the worker
            ImportJob.objects.filter(pk=job.pk).update(
                state=ImportJob.State.FAILED, result={"message": str(error)[:500]}
            )
            self.stderr.write(f"job {job.pk} ({job.file_name}) failed: {error}")
            return
        self.stdout.write(f"job {job.pk} ({job.file_name}): {job.state} {job.result}")
