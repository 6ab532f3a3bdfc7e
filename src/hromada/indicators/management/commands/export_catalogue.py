"""`hromada export_catalogue --format json|xlsx --output PATH`: the whole catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hromada.indicators.catalogue_exchange import FORMATS, to_json, to_xlsx
from hromada.indicators.catalogue_queries import current_catalogue


class Command(BaseCommand):
    help = "Export the indicator catalogue as JSON or XLSX, for another installation to import."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        catalogue = current_catalogue()
        writer = to_xlsx if options["format"] == "xlsx" else to_json
        output: Path = options["output"]
        output.write_bytes(writer(catalogue))
        self.stdout.write(
            f"{len(catalogue.indicators)} indicators in {len(catalogue.areas)} areas "
            f"written to {output}"
        )
