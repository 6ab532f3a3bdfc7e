"""`hromada import_values FILE`: check a CSV/XLSX file of values and record it, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.accounts import permissions
from hromada.dataio.actions import KEEP_STATUS, chosen_status, import_file
from hromada.dataio.columns import MappingError, read_mapping_file, rule_from
from hromada.dataio.convert import Options
from hromada.dataio.models import ColumnMapping
from hromada.dataio.reports import describe_changes
from hromada.indicators.models import Status
from hromada.lib.progress import ProgressBar

SHOWN = 20


class Command(BaseCommand):
    help = "Import indicator values from a CSV or XLSX file (long or wide format)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, help="year of a wide file without a year column")
        parser.add_argument("--mapping", type=Path, help="JSON or CSV: column, indicator, factor")
        parser.add_argument("--mapping-name", help="a mapping saved on the import page")
        parser.add_argument(
            "--status",
            choices=[KEEP_STATUS, *Status.values],
            default=KEEP_STATUS,
            help="status of every imported value; by default each stored value keeps its own "
            "(published stays published) and new values are drafts",
        )
        parser.add_argument("--user", help="username recorded as the importer (an analyst)")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        chosen = Options(year=options["year"], rules=self._rules(options))
        user = self._user(options["user"])
        bar = ProgressBar(self.stderr.write, self.stderr.flush)
        if user is not None and not permissions.is_analyst(user):
            raise CommandError(f"{user.username} is not an analyst")
        report = import_file(
            path,
            by=user,
            options=chosen,
            status=chosen_status(options["status"]),
            dry_run=options["dry_run"],
            progress=bar,
        )
        bar.close()
        if not report.ok:
            for problem in report.problems[:SHOWN]:
                where = f"row {problem.row}" + (
                    f", column {problem.column}" if problem.column else ""
                )
                value = f" {problem.value!r}" if problem.value else ""
                self.stderr.write(f"{where}:{value} {problem.reason}")
            raise CommandError(
                f"{report.problem_count} problem(s) in {path.name}; nothing was written"
            )
        for problem in report.unusual.shown[:SHOWN]:
            self.stdout.write(
                f"unusual, row {problem.row}, column {problem.column}: "
                f"{problem.value!r} {problem.reason}"
            )
        if report.unusual.count:
            self.stdout.write(f"{report.unusual.count} unusual value(s), imported as they are")
        if report.dry_run:
            for line in describe_changes(report.changed_examples[:SHOWN]):
                territory = line.territory.code if line.territory else "?"
                indicator = line.indicator.code if line.indicator else "?"
                self.stdout.write(
                    f"changed: {territory} {indicator} {line.year} {line.sex or 'total'}: "
                    f"{line.old} -> {line.new}"
                )
            self.stdout.write(
                f"public values: {report.public_changed} would change and stay published, "
                f"{report.public_withdrawn} would be withdrawn (status lowered), "
                f"{report.public_added} would become public"
            )
        verb = "would import" if report.dry_run else "imported"
        batch = f" as batch {report.batch.pk}" if report.batch else ""
        self.stdout.write(
            f"{verb} {report.total} values from {path.name}{batch}: {report.new} new, "
            f"{report.changed} changed, {report.unchanged} unchanged"
        )

    def _rules(self, options: dict[str, Any]) -> list[Any]:
        try:
            if options["mapping"]:
                return read_mapping_file(options["mapping"])
            if options["mapping_name"]:
                saved = ColumnMapping.objects.filter(name=options["mapping_name"]).first()
                if saved is None:
                    raise CommandError(f"no saved mapping named {options['mapping_name']!r}")
                return [rule_from(entry) for entry in saved.rules]
        except MappingError as error:
            raise CommandError(f"mapping: {error}") from error
        return []

    @staticmethod
    def _user(username: str | None) -> Any:
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        return user
