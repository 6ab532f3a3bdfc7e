"""Readable reports: the changes an import would make, and its problems as CSV or XLSX."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from hromada.dataio.convert import Problem
from hromada.indicators.actions import ChangedValue
from hromada.indicators.models import Indicator, Missing
from hromada.lib.cells import safe_row
from hromada.lib.decimals import display
from hromada.territories.models import Territory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_PROBLEMS = 100_000


@dataclass(frozen=True)
class ChangeLine:
    territory: Territory | None
    indicator: Indicator | None
    year: int
    sex: str
    old: str
    new: str


def _shown(value: float | None, missing: str, indicator: Indicator | None) -> str:
    """The value as the page shows numbers: at the indicator's decimals, grouped."""
    if value is not None:
        return display(value, indicator.decimals if indicator else 15)
    return str(Missing(missing).label) if missing else "—"


def describe_changes(changes: list[ChangedValue]) -> list[ChangeLine]:
    """Changes with their territory and indicator, in two queries whatever their number."""
    territories = Territory.objects.in_bulk({c.new.territory_id for c in changes})
    indicators = Indicator.objects.in_bulk({c.new.indicator_id for c in changes})
    lines = []
    for c in changes:
        indicator = indicators.get(c.new.indicator_id)
        lines.append(
            ChangeLine(
                territories.get(c.new.territory_id),
                indicator,
                c.new.year,
                c.new.sex,
                _shown(c.old_value, c.old_missing, indicator),
                _shown(c.new.value, c.new.missing, indicator),
            )
        )
    return lines


def _header() -> list[str]:
    return [_("Row"), _("Column"), _("Value"), _("Problem")]


def _cells(problem: Problem) -> list[object]:
    # The value and the column name come straight from the uploaded file.
    return safe_row([problem.row, problem.column, problem.value, problem.reason])


def _csv_lines(found: Iterable[Problem]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(_header())
    for count, problem in enumerate(found, 1):
        writer.writerow(_cells(problem))
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def problem_download(found: Iterable[Problem], kind: str, name: str) -> HttpResponseBase:
    if kind == "csv":
        response = StreamingHttpResponse(_csv_lines(found), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if kind != "xlsx":
        raise Http404
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Problems"))
    sheet.append(_header())
    # A workbook is built whole inside the request: bounded, while the CSV streams them all.
    for count, problem in enumerate(found, 1):
        if count > XLSX_PROBLEMS:
            shown = number_format(XLSX_PROBLEMS, use_l10n=True, force_grouping=True)
            note = _("Only the first %(count)s problems are listed; the CSV report has them all.")
            sheet.append(["", "", "", note % {"count": shown}])
            break
        sheet.append(_cells(problem))
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115  FileResponse closes it
    book.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX)
