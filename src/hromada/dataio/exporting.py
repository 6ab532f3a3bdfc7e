"""Write observations as CSV, JSON, JSON-stat 2.0 or XLSX without holding them in memory.

Rows come from `values_list(...).iterator()`; CSV and JSON are generators of text pieces for
a StreamingHttpResponse or a file; XLSX goes through openpyxl's write-only mode.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.db.models import QuerySet
from django.utils.translation import get_language

from hromada.indicators.models import Observation
from hromada.lib.cells import safe_row
from hromada.lib.decimals import at_decimals, plain_text

CHUNK = 5000
XLSX_SHEET_ROWS = 1_000_000
COLUMNS = [
    "territory_code",
    "territory_name",
    "indicator_code",
    "indicator_name",
    "unit",
    "year",
    "sex",
    "value",
    "missing",
    "status",
]
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    "jsonstat": ("application/json", "json"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
Record = tuple[str, str, str, str, str, int, str, float | None, str, str]


def records(observations: QuerySet[Observation]) -> Iterator[Record]:
    """One flat tuple per observation, names in the active language (Ukrainian fallback);
    the value at its indicator's decimals, as it was entered (no float noise)."""
    english = get_language() == "en"
    rows = observations.values_list(
        "territory__code",
        "territory__name_uk",
        "territory__name_en",
        "indicator__code",
        "indicator__name_uk",
        "indicator__name_en",
        "indicator__unit",
        "indicator__decimals",
        "year",
        "sex",
        "value",
        "missing",
        "status",
    )
    for (
        t_code,
        t_uk,
        t_en,
        i_code,
        i_uk,
        i_en,
        unit,
        decimals,
        year,
        sex,
        value,
        missing,
        status,
    ) in rows.iterator(chunk_size=CHUNK):
        yield (
            t_code,
            (t_en if english and t_en else t_uk),
            i_code,
            (i_en if english and i_en else i_uk),
            unit,
            year,
            sex,
            at_decimals(value, decimals),
            missing,
            status,
        )


def _cells(record: Record) -> list[object]:
    cells: list[object] = list(record)
    value = record[7]
    # The value is already at its decimals: the shortest text of that float is the decimal.
    cells[7] = "" if value is None else plain_text(value, 15)
    return safe_row(cells)


def csv_chunks(observations: QuerySet[Observation], *, excel: bool = False) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if excel else "\n")
    writer.writerow(COLUMNS)
    prefix = "\ufeff" if excel else ""
    for count, record in enumerate(records(observations), 1):
        writer.writerow(_cells(record))
        if count % 1000 == 0:
            yield prefix + buffer.getvalue()
            prefix = ""
            buffer.seek(0)
            buffer.truncate()
    yield prefix + buffer.getvalue()


def json_chunks(observations: QuerySet[Observation]) -> Iterator[str]:
    yield '{"columns": ' + json.dumps(COLUMNS) + ', "observations": ['
    separator = "\n"
    for record in records(observations):
        yield separator + json.dumps(dict(zip(COLUMNS, record, strict=True)), ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def write_xlsx(observations: QuerySet[Observation], target: Path | IO[bytes]) -> None:
    """An XLSX file in write-only mode; past a million rows the values go on to a new sheet."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet: Any = None
    for count, record in enumerate(records(observations)):
        if count % XLSX_SHEET_ROWS == 0:
            sheet = book.create_sheet(f"values{count // XLSX_SHEET_ROWS + 1}")
            sheet.append(COLUMNS)
        sheet.append(safe_row(record))
    if sheet is None:
        book.create_sheet("values1").append(COLUMNS)
    book.save(target)


def write_text(chunks: Iterator[str], handle: IO[str]) -> None:
    for chunk in chunks:
        handle.write(chunk)
