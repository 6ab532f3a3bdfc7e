"""`hromada worker`: the one background worker, running every queued task.

It is django-tasks-db's `db_worker` with the project's defaults, so the deploy docs and
`make demo` name one command.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from hromada.jobs.upkeep import run_upkeep
from hromada.ops.heartbeat import Heartbeat, beat, worker_identity


class Command(BaseCommand):
    help = "Run queued background jobs (imports, reports, e-mail) until stopped."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="Run what is queued now, then stop."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at the queue."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker_args = ["--interval", str(options["interval"]), "--no-startup-delay"]
        if options["batch"]:
            worker_args.append("--batch")
        worker_id = worker_identity()
        worker_args += ["--worker-id", worker_id]
        # Readiness (/readyz) asks whether a worker reported lately; it may be on another host.
        beat(worker_id)  # at once, so the site is ready as soon as a worker is
        run_upkeep()  # e.g. undo an import its previous run was killed in (dataio.applying)
        heartbeat = Heartbeat(worker_id, also=run_upkeep)
        heartbeat.start()
        try:
            call_command("db_worker", *worker_args, verbosity=options["verbosity"])
        finally:
            heartbeat.stop()
            heartbeat.join(timeout=5)
