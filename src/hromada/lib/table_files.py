"""Small tables as downloads (CSV with a BOM for Excel, or XLSX), for every room's pages.

One writer so every table gets the same encoding, the same file names and the
formula-injection guard of `hromada.lib.cells` on every cell, headers included.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook

from hromada.lib.cells import safe_row

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_response(
    name: str, file_format: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """The table as a downloadable CSV (UTF-8 with BOM for Excel) or XLSX file."""
    if file_format == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(safe_row(header))
        for row in rows:
            sheet.append(safe_row(row))
        buffer = io.BytesIO()
        book.save(buffer)
        body: bytes = buffer.getvalue()
    else:
        file_format = "csv"
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(safe_row(header))
        writer.writerows(safe_row(row) for row in rows)
        body = ("\ufeff" + text.getvalue()).encode("utf-8")
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
