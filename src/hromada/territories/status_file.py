"""Read a file of wartime statuses: one period of one territory per row.

The plain layout has the columns `code, status, start_date` and optionally `end_date,
source, note`; status is `occupied` or `hostilities`, dates are YYYY-MM-DD or DD.MM.YYYY.

The layout of the 2022 list of the Ministry of Reintegration as published by KSE
(`hromada_code, Status_war_sept, Status_war_sept_ext, deoccupation_date`, …) carries no
start dates, so every period starts on `default_start` (24 February 2022 unless given):
"occupied" becomes an occupation, ended when `deoccupation_date` names a period;
"deoccupied" an occupation ended at the close of that period (March-April → 30 April,
September-October → 31 October, November → 30 November 2022); "not occupied, in the war
zone" an open area of hostilities; "not occupied" no status at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from hromada.territories.models import WarStatus
from hromada.territories.problems import Problem, at_cell, in_file
from hromada.territories.search import as_code
from hromada.territories.tables import Grid

PLAIN_REQUIRED = ("code", "status", "start_date")
LEGACY_REQUIRED = ("hromada_code", "Status_war_sept", "deoccupation_date")
LEGACY_PERIOD_ENDS = {
    "march-april": dt.date(2022, 4, 30),
    "september-october": dt.date(2022, 10, 31),
    "november": dt.date(2022, 11, 30),
}
LEGACY_STATUSES = {
    "occupied": WarStatus.OCCUPIED,
    "deoccupied": WarStatus.OCCUPIED,
    "not occupied, in the war zone": WarStatus.HOSTILITIES,
    "not occupied": None,
}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


@dataclass(frozen=True)
class StatusRow:
    row: int
    code: str
    status: str
    start_date: dt.date
    end_date: dt.date | None
    source: str
    note: str
    code_column: str


def parse(
    grid: Grid, *, default_start: dt.date, source: str
) -> tuple[list[StatusRow], list[Problem]]:
    header = grid[0] if grid else []
    columns = {name.strip(): index for index, name in enumerate(header)}
    if all(name in columns for name in PLAIN_REQUIRED):
        read = _plain_row
    elif all(name in columns for name in LEGACY_REQUIRED):
        read = _legacy_row
    else:
        message = _("The first row must name the columns %(columns)s.") % {
            "columns": ", ".join(PLAIN_REQUIRED)
        }
        return [], [in_file(message)]
    rows: list[StatusRow] = []
    problems: list[Problem] = []
    for number, cells in enumerate(grid[1:], start=2):
        values = {name: (cells[i] if i < len(cells) else "") for name, i in columns.items()}
        if any(values.values()):
            row = read(number, values, problems, default_start, source)
            if row is not None:
                rows.append(row)
    return rows, problems


def _plain_row(
    number: int,
    values: dict[str, str],
    problems: list[Problem],
    default_start: dt.date,
    source: str,
) -> StatusRow | None:
    found = len(problems)
    code = _code(number, "code", values["code"], problems)
    status = values["status"].strip().lower()
    if status not in WarStatus.values:
        message = _("“%(value)s” is not a status; use %(choices)s.") % {
            "value": values["status"],
            "choices": ", ".join(WarStatus.values),
        }
        problems.append(at_cell(number, "status", message))
    start = _date(number, "start_date", values["start_date"], problems, required=True)
    end = _date(number, "end_date", values.get("end_date", ""), problems, required=False)
    if start and end and end < start:
        problems.append(at_cell(number, "end_date", _("the end comes before the start.")))
    if len(problems) > found or start is None:
        return None
    file_source = values.get("source", "").strip() or source
    note = values.get("note", "").strip()
    return StatusRow(number, code, status, start, end, file_source, note, "code")


def _legacy_row(
    number: int,
    values: dict[str, str],
    problems: list[Problem],
    default_start: dt.date,
    source: str,
) -> StatusRow | None:
    found = len(problems)
    code = _code(number, "hromada_code", values["hromada_code"], problems)
    label = values["Status_war_sept"].strip().lower()
    period = values["deoccupation_date"].strip()
    end = LEGACY_PERIOD_ENDS.get(period.lower())
    if label not in LEGACY_STATUSES:
        message = _("unknown value “%(value)s”.") % {"value": values["Status_war_sept"]}
        problems.append(at_cell(number, "Status_war_sept", message))
    if period not in ("", "0") and end is None:
        message = _("unknown period “%(value)s”.") % {"value": period}
        problems.append(at_cell(number, "deoccupation_date", message))
    elif label == "deoccupied" and end is None:
        message = _("a deoccupied hromada needs the period of its deoccupation.")
        problems.append(at_cell(number, "deoccupation_date", message))
    status = LEGACY_STATUSES.get(label)
    if len(problems) > found or status is None:
        return None
    detail = values.get("Status_war_sept_ext", "").strip() or label
    note = f"{detail}; deoccupation: {period}" if end else detail
    if status != WarStatus.OCCUPIED:
        end = None
    return StatusRow(number, code, status, default_start, end, source, note, "hromada_code")


def _code(number: int, column: str, value: str, problems: list[Problem]) -> str:
    code = as_code(value)
    if code is None:
        message = _("“%(value)s” is not a KATOTTG code (UA and 17 digits).") % {"value": value}
        problems.append(at_cell(number, column, message))
        return ""
    return code


def _date(
    number: int, column: str, value: str, problems: list[Problem], *, required: bool
) -> dt.date | None:
    value = value.strip()
    if not value:
        if required:
            problems.append(at_cell(number, column, _("a date is required.")))
        return None
    for date_format in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, date_format).date()  # noqa: DTZ007
        except ValueError:
            continue
    message = _("“%(value)s” is not a date (YYYY-MM-DD or DD.MM.YYYY).") % {"value": value}
    problems.append(at_cell(number, column, message))
    return None
