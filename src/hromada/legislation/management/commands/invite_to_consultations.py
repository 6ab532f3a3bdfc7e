"""`hromada invite_to_consultations [--loop --interval SECONDS]`: invitations of consultations
that opened since they were made (those opening the day they are made are invited at once)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hromada.legislation.consultations import send_due_invitations


class Command(BaseCommand):
    help = "Queue the e-mail invitations of consultations that have opened since they were made."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running, check regularly")
        parser.add_argument("--interval", type=int, default=3600, help="seconds between checks")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            self.stdout.write(f"consultations invited: {send_due_invitations()}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
