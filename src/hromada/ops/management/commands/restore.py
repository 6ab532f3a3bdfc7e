"""`hromada restore ARCHIVE --yes`: replace the database and the data files with a backup's.

Stop the app servers and the worker first: the restore replaces what they are using.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from hromada.ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with those of a backup archive."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("archive", type=Path, help="A file written by `hromada backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Confirm that the current data is to be replaced."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError(
                _(
                    "Restoring replaces every record and uploaded file of this instance; "
                    "add --yes to go ahead."
                )
            )
        try:
            result = restore_backup(options["archive"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "Restored the %(engine)s database and the data files (%(files)d) "
                "of the backup made at "
                "%(created)s."
            )
            % {"engine": result.engine, "files": result.files, "created": result.created_at}
        )
