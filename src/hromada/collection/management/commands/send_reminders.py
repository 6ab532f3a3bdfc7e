"""`hromada send_reminders [--loop --interval SECONDS]`: e-mail officials before deadlines."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hromada.collection.reminder_actions import send_reminders


class Command(BaseCommand):
    help = "Send the reminders due today to officials of hromadas that have not submitted."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running, check regularly")
        parser.add_argument("--interval", type=int, default=3600, help="seconds between checks")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            count = send_reminders()
            self.stdout.write(f"reminders sent: {count}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
