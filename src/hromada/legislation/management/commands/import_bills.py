"""`hromada import_bills FILE [FILE ...]`: bring bills up to date from the Rada's open data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.accounts.models import User
from hromada.legislation.actions import import_bills


class Command(BaseCommand):
    help = (
        "Import bills from the Rada's open data files: bills_main, bills_executives and "
        "bills_initiators (CSV) or billinfo (JSON). Idempotent by bill number."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--by", required=True, help="username of the analyst importing")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["by"]).first()
        if user is None:
            raise CommandError(f"No user named {options['by']!r}.")
        files = []
        for path in options["files"]:
            if not path.is_file():
                raise CommandError(f"{path}: no such file.")
            files.append((path.name, path.read_bytes()))
        summary = import_bills(files, by=user)
        if not summary.ok:
            for problem in summary.problems[:50]:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(summary.problems)} problems; nothing was imported.")
        self.stdout.write(
            f"{len(summary.new)} new, {len(summary.updated)} updated, {summary.unchanged} "
            f"unchanged, {summary.new_stages} new stages, {summary.alerts} alerts"
        )
