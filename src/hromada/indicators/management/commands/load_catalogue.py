"""`hromada load_catalogue [--path DIR]`: write the seed catalogue (idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.indicators.catalogue_actions import apply_catalogue
from hromada.indicators.catalogue_seed import SEED_DIR, read_seed
from hromada.indicators.catalogue_spec import CatalogueError
from hromada.indicators.models import IndicatorVersion


class Command(BaseCommand):
    help = "Load the indicator catalogue from the seed TOML files (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path", type=Path, default=SEED_DIR, help="folder of .toml files (or one file)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            summary = apply_catalogue(
                read_seed(path),
                by=None,
                reason=f"load_catalogue {path.name}",
                origin=IndicatorVersion.Origin.SEED,
            )
        except CatalogueError as error:
            raise CommandError(f"nothing written; the catalogue has problems:\n{error}") from None
        self.stdout.write(
            f"catalogue loaded from {path}: {summary.created} new, {summary.updated} changed, "
            f"{summary.unchanged} unchanged indicators; {summary.areas_created} new areas"
        )
