"""`hromada import_former_names FILE`: names an older codifier edition gives to renamed hromadas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hromada.territories.actions import import_former_names
from hromada.territories.problems import ImportRejected


class Command(BaseCommand):
    help = (
        "Record the former names of renamed hromadas from an older codifier edition kept as a "
        "table with a KATOTTG code column and a name column (katottg_koatuu_map.csv)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        try:
            planned = import_former_names(path)
        except ImportRejected as rejected:
            for line in rejected.listing():
                self.stderr.write(line)
            raise CommandError(rejected.summary()) from None
        self.stdout.write(
            _("%(file)s: %(added)s former names recorded, %(known)s already known.")
            % {"file": path.name, "added": len(planned.names), "known": planned.already}
        )
