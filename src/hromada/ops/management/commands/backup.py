"""`hromada backup [--output FILE]`: the database and the data folder's files in one archive."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from hromada.ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a backup archive of the database and the uploaded files."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--output", type=Path, help="Archive to write (default: DATA_DIR/backups/…)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = create_backup(options["output"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "Backup of the %(engine)s database and the data files (%(files)d) "
                "written to %(path)s "
                "(%(size)d bytes)."
            )
            % {
                "engine": result.engine,
                "files": result.files,
                "path": result.path,
                "size": result.size,
            }
        )
