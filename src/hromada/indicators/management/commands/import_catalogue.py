"""`hromada import_catalogue PATH`: import a JSON or XLSX catalogue, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.indicators.catalogue_actions import apply_catalogue
from hromada.indicators.catalogue_exchange import read_catalogue_file
from hromada.indicators.catalogue_spec import CatalogueError
from hromada.indicators.models import IndicatorVersion


class Command(BaseCommand):
    help = "Import an indicator catalogue (.json or .xlsx) exported by Hromada."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            catalogue = read_catalogue_file(path.name, path.read_bytes())
            summary = apply_catalogue(
                catalogue,
                by=None,
                reason=f"import_catalogue {path.name}",
                origin=IndicatorVersion.Origin.IMPORT,
            )
        except CatalogueError as error:
            raise CommandError(f"nothing imported; the file has problems:\n{error}") from None
        self.stdout.write(
            f"{path.name}: {summary.created} new, {summary.updated} changed, "
            f"{summary.unchanged} unchanged indicators; {summary.areas_created} new areas"
        )
