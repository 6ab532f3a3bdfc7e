"""`hromada import_members PATH`: load or update the member list from CSV or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.lib.tabular import TabularError, open_table
from hromada.members.importing import ImportRejected, describe_file_error, import_memberships


class Command(BaseCommand):
    help = "Import member hromadas from a CSV or XLSX file (all rows or none)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--by", default="", help="username recorded as the author")
        parser.add_argument("--dry-run", action="store_true", help="check the file only")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        by = None
        if options["by"]:
            by = get_user_model().objects.filter(username=options["by"]).first()
            if by is None:
                raise CommandError(_("No user %(name)s.") % {"name": options["by"]})
        try:
            table = open_table(path)
            result = import_memberships(table, by=by, source=path.name, dry_run=options["dry_run"])
        except FileNotFoundError as error:
            raise CommandError(_("No such file: %(path)s") % {"path": path}) from error
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        except TabularError as error:
            raise CommandError(describe_file_error(error)) from error
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            count = len(rejected.problems)
            raise CommandError(
                ngettext(
                    "%(count)s problem found; nothing was imported.",
                    "%(count)s problems found; nothing was imported.",
                    count,
                )
                % {"count": count}
            ) from None
        summary = _(
            "%(rows)s rows: %(created)s new members, %(updated)s updated, %(unchanged)s unchanged."
        ) % vars(result)
        if result.dry_run:
            summary = _("Checked only, nothing written. %(summary)s") % {"summary": summary}
        self.stdout.write(summary)
