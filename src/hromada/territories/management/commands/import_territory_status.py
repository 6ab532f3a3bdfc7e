"""`hromada import_territory_status PATH`: load wartime statuses from CSV or XLSX."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hromada.territories.actions import FULL_SCALE_INVASION, import_statuses
from hromada.territories.problems import ImportRejected


class Command(BaseCommand):
    help = (
        "Import wartime statuses (occupied / hostilities) of territories from a CSV or XLSX "
        "file, keyed by KATOTTG code. All rows or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--start-date",
            type=dt.date.fromisoformat,
            default=FULL_SCALE_INVASION,
            help="start of the periods for files without start dates (default 2022-02-24)",
        )
        parser.add_argument("--by", default="", help="username recorded as the author")

    def handle(self, *args: Any, **options: Any) -> None:
        by = None
        if options["by"]:
            by = get_user_model().objects.filter(username=options["by"]).first()
            if by is None:
                raise CommandError(_("No user %(name)s.") % {"name": options["by"]})
        try:
            result = import_statuses(options["path"], default_start=options["start_date"], by=by)
        except FileNotFoundError as error:
            raise CommandError(_("No such file: %(path)s") % {"path": error.filename}) from None
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        except ImportRejected as rejected:
            for line in rejected.listing():
                self.stderr.write(line)
            raise CommandError(rejected.summary()) from None
        self.stdout.write(
            _("Wartime statuses: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
            % vars(result)
        )
