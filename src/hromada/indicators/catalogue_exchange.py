"""Catalogue files that associations share: JSON and XLSX, both ways.

JSON: `{"format": "hromada-catalogue", "format_version": 1, "areas": [...], "indicators":
[...]}` with the field names of FILE_FIELDS and AREA_FIELDS. XLSX: a sheet `areas` and a
sheet `indicators`, a header row with the same field names, one row per item. Reading
collects every problem with its place (item or row number) before anything is written.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook

from hromada.indicators.catalogue_spec import (
    AREA_FIELDS,
    FILE_FIELDS,
    Catalogue,
    CatalogueError,
    Problem,
    read_area,
    read_indicator,
)
from hromada.lib.cells import restore_text, safe_row
from hromada.lib.file_limits import (
    RowGuard,
    check_archive,
    check_size,
    limit_message,
    upload_limits,
)
from hromada.lib.tabular import TabularError

FORMAT_NAME = "hromada-catalogue"
FORMAT_VERSION = 1
FORMATS = ("json", "xlsx")
CONTENT_TYPES = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MSG_NOT_JSON = _("This is not a JSON catalogue: %(reason)s")
MSG_NOT_XLSX = _("This is not an XLSX workbook: %(reason)s")
MSG_WRONG_FORMAT = _("The file is not a Hromada catalogue (format %(format)s).")
MSG_NO_SHEET = _("The workbook has no sheet named '%(sheet)s'.")
MSG_NO_COLUMN = _("The sheet '%(sheet)s' has no column '%(column)s'.")
MSG_EMPTY = _("The file contains no indicators.")
ITEM = _("%(list)s item %(number)s")
ROW = _("sheet %(sheet)s, row %(row)s")


def to_json(catalogue: Catalogue) -> bytes:
    document = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "areas": [{name: getattr(a, name) for name in AREA_FIELDS} for a in catalogue.areas],
        "indicators": [spec.as_row() for spec in catalogue.indicators],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def to_xlsx(catalogue: Catalogue) -> bytes:
    workbook = Workbook(write_only=True)
    areas = workbook.create_sheet("areas")
    areas.append(list(AREA_FIELDS))
    for area in catalogue.areas:
        areas.append(safe_row(getattr(area, name) for name in AREA_FIELDS))
    indicators = workbook.create_sheet("indicators")
    indicators.append(list(FILE_FIELDS))
    for spec in catalogue.indicators:
        indicators.append(safe_row(_cell(value) for value in spec.as_row().values()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    return "" if value is None else value


def _read(value: Any) -> Any:
    return restore_text(value) if isinstance(value, str) else value


def read_catalogue_file(name: str, content: bytes) -> Catalogue:
    """The catalogue in an uploaded or given file, by its suffix; raises CatalogueError.

    The upload limits hold (hromada.lib.file_limits): size, and for XLSX the unpacked size
    before anything is unpacked and the rows of each sheet as they are read."""
    limits = upload_limits()
    try:
        check_size(len(content), limits)
        if name.lower().endswith(".xlsx"):
            check_archive(io.BytesIO(content), limits)
    except TabularError as error:
        raise CatalogueError([Problem(name, limit_message(error) or str(error))]) from None
    if name.lower().endswith(".xlsx"):
        return from_xlsx(name, content)
    return from_json(name, content)


def from_json(name: str, content: bytes) -> Catalogue:
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CatalogueError([Problem(name, str(MSG_NOT_JSON % {"reason": error}))]) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        found = document.get("format") if isinstance(document, dict) else type(document).__name__
        raise CatalogueError([Problem(name, str(MSG_WRONG_FORMAT % {"format": found}))])
    areas = _items(document.get("areas"), name, "areas")
    indicators = _items(document.get("indicators"), name, "indicators")
    return _build(areas, indicators, name)


def _items(value: Any, name: str, key: str) -> list[tuple[str, Mapping[str, Any]]]:
    rows = value if isinstance(value, list) else []
    return [
        (f"{name}: {ITEM % {'list': key, 'number': number}}", row if isinstance(row, dict) else {})
        for number, row in enumerate(rows, start=1)
    ]


def from_xlsx(name: str, content: bytes) -> Catalogue:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken or foreign file
        raise CatalogueError([Problem(name, str(MSG_NOT_XLSX % {"reason": error}))]) from None
    problems: list[Problem] = []
    sheets: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for sheet, required in (("areas", ("code",)), ("indicators", ("code", "area"))):
        if sheet not in workbook.sheetnames:
            problems.append(Problem(name, str(MSG_NO_SHEET % {"sheet": sheet})))
            continue
        guarded = RowGuard(upload_limits()).rows(workbook[sheet].iter_rows(values_only=True))
        try:
            rows, missing = _sheet_rows(guarded, required)
        except TabularError as error:
            workbook.close()
            raise CatalogueError([Problem(name, limit_message(error) or str(error))]) from None
        problems += [
            Problem(name, str(MSG_NO_COLUMN % {"sheet": sheet, "column": column}))
            for column in missing
        ]
        sheets[sheet] = [
            (f"{name}: {ROW % {'sheet': sheet, 'row': number}}", row) for number, row in rows
        ]
    workbook.close()
    if problems:
        raise CatalogueError(problems)
    return _build(sheets["areas"], sheets["indicators"], name)


def _sheet_rows(
    rows: Iterable[tuple[Any, ...]], required: tuple[str, ...]
) -> tuple[list[tuple[int, dict[str, Any]]], list[str]]:
    iterator = iter(rows)
    header = [str(cell).strip() if cell is not None else "" for cell in next(iterator, ())]
    missing = [column for column in required if column not in header]
    found: list[tuple[int, dict[str, Any]]] = []
    for number, cells in enumerate(iterator, start=2):
        row = {key: _read(value) for key, value in zip(header, cells, strict=False) if key}
        if any(value not in (None, "") for value in row.values()):
            found.append((number, row))
    return found, missing


def _build(
    areas: list[tuple[str, Mapping[str, Any]]],
    indicators: list[tuple[str, Mapping[str, Any]]],
    name: str,
) -> Catalogue:
    catalogue = Catalogue()
    problems: list[Problem] = []
    for where, row in areas:
        area, found = read_area(row, where=where)
        problems += found
        if area is not None:
            catalogue.areas.append(area)
    for position, (where, row) in enumerate(indicators, start=1):
        spec, found = read_indicator(row, where=where, order=position * 10)
        problems += found
        if spec is not None:
            catalogue.indicators.append(spec)
    if not indicators:
        problems.append(Problem(name, str(MSG_EMPTY)))
    if problems:
        raise CatalogueError(problems)
    return catalogue
