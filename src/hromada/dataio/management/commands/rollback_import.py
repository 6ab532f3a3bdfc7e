"""`hromada rollback_import BATCH_ID`: undo one import as a whole."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.dataio.actions import rollback_import
from hromada.indicators.models import ImportBatch
from hromada.indicators.rollback import RollbackRefused


class Command(BaseCommand):
    help = "Roll back an import batch: restore the values it changed, remove those it created."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("batch_id", type=int)
        parser.add_argument("--user", help="username recorded as the one who rolled back")

    def handle(self, *args: Any, **options: Any) -> None:
        batch = ImportBatch.objects.filter(pk=options["batch_id"]).first()
        if batch is None:
            raise CommandError(f"no import batch {options['batch_id']}")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no user {options['user']!r}")
        try:
            undone = rollback_import(batch, by=user)
        except RollbackRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"rolled back batch {batch.pk} ({batch.file_name}): {undone} values")
