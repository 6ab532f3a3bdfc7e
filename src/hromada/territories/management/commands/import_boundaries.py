"""`hromada import_boundaries PATH`: load simplified polygons keyed by KATOTTG code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hromada.territories.actions import import_boundaries
from hromada.territories.problems import ImportRejected


class Command(BaseCommand):
    help = (
        "Import territory boundaries from a GeoJSON FeatureCollection whose features carry "
        "the KATOTTG code in a property. Unknown codes fail the import unless skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--code-property", default="katottg", help="default: katottg")
        parser.add_argument(
            "--skip-unknown", action="store_true", help="import the rest when codes are unknown"
        )
        parser.add_argument(
            "--round", type=int, dest="decimals", help="round coordinates to this many decimals"
        )
        parser.add_argument("--source", default="", help="source note (default: file name)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = import_boundaries(
                options["path"],
                code_property=options["code_property"],
                skip_unknown=options["skip_unknown"],
                decimals=options["decimals"],
                source=options["source"],
            )
        except FileNotFoundError as error:
            raise CommandError(_("No such file: %(path)s") % {"path": error.filename}) from None
        except ImportRejected as rejected:
            for line in rejected.listing():
                self.stderr.write(line)
            raise CommandError(rejected.summary()) from None
        for index, code in result.unknown:
            self.stderr.write(
                _("Skipped feature %(index)s: no territory has the code %(code)s.")
                % {"index": index, "code": code}
            )
        self.stdout.write(
            _("Boundaries: %(created)s new, %(updated)s replaced, %(skipped)s skipped.")
            % {
                "created": result.created,
                "updated": result.updated,
                "skipped": len(result.unknown),
            }
        )
