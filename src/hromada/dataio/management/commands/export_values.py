"""`hromada export_values --format csv|xlsx|json|jsonstat --output PATH`: write a filtered
export of the observations (all statuses unless --status is given)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hromada.dataio.exporting import FORMATS, csv_chunks, json_chunks, write_text, write_xlsx
from hromada.dataio.jsonstat import jsonstat_chunks
from hromada.dataio.queries import ExportFilter, filtered
from hromada.indicators.models import Observation, Status


class Command(BaseCommand):
    help = "Export observations to CSV, XLSX, JSON or JSON-stat 2.0, streamed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=sorted(FORMATS), default="csv")
        parser.add_argument("--indicator", action="append", default=[], metavar="CODE")
        parser.add_argument("--area", default="", metavar="CODE")
        parser.add_argument("--territory", action="append", default=[], metavar="CODE")
        parser.add_argument("--parent", default="", metavar="CODE", help="oblast or raion code")
        parser.add_argument("--year-from", type=int)
        parser.add_argument("--year-to", type=int)
        parser.add_argument("--status", choices=Status.values, default="")
        parser.add_argument("--excel", action="store_true", help="CSV with a BOM for Excel")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        chosen = ExportFilter(
            indicators=options["indicator"],
            area=options["area"],
            territories=options["territory"],
            parent=options["parent"],
            year_from=options["year_from"],
            year_to=options["year_to"],
            status=options["status"],
        )
        rows = filtered(Observation.all_objects.all(), chosen)
        output: Path = options["output"]
        kind = options["format"]
        if kind == "xlsx":
            write_xlsx(rows, output)
        else:
            chunks = {
                "csv": lambda: csv_chunks(rows, excel=options["excel"]),
                "json": lambda: json_chunks(rows),
                "jsonstat": lambda: jsonstat_chunks(rows),
            }[kind]()
            with output.open("w", encoding="utf-8", newline="") as handle:
                write_text(chunks, handle)
        self.stdout.write(f"exported {rows.count()} values to {output} ({kind})")
