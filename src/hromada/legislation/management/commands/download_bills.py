"""`hromada download_bills [--now] [--loop --interval SECONDS]`: the Rada's files, on schedule.

Queues the download task for the worker (or, with --now, runs it here). With --loop it queues
it again every interval: cron or a systemd timer can run it once instead.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from hromada.jobs.actions import start_job
from hromada.legislation.download import download_and_import
from hromada.legislation.tasks import download_rada_files


class Command(BaseCommand):
    help = "Download the Rada's bill files from HROMADA_RADA_BILLS_URLS and import them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="run here instead of queueing")
        parser.add_argument("--loop", action="store_true", help="keep running, queue regularly")
        parser.add_argument("--interval", type=int, default=6 * 3600, help="seconds between runs")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.RADA_BILLS_URLS:
            raise CommandError("HROMADA_RADA_BILLS_URLS is empty: no addresses to download from.")
        while True:
            if options["now"]:
                result = download_and_import()
                self.stdout.write(result.describe())
                if result.failures or (result.summary and not result.summary.ok):
                    raise CommandError("the download or the import failed")
            else:
                job = start_job(
                    download_rada_files, by=None, label=gettext("Download of the Rada's bill files")
                )
                self.stdout.write(f"queued job {job.pk}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
