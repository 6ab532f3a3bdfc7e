"""Turning an uploaded XLSForm workbook into a stored form definition, or into clear problems.

pyxform reads and validates the workbook and gives the JSON form definition. Then the rules of
this product are checked on top: the question types a hromada can answer here, no repeats,
expressions inside the supported subset (hromada.surveys.expressions), and indicator codes that
exist. Every problem names the sheet, the row and the column, in the user's language.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from pyxform.errors import PyXFormError  # type: ignore[import-untyped]
from pyxform.xls2json import workbook_to_json  # type: ignore[import-untyped]
from pyxform.xls2json_backends import get_xlsform  # type: ignore[import-untyped]

from hromada.indicators.models import Indicator
from hromada.surveys import expressions
from hromada.surveys.questions import (
    ANSWERED,
    INDICATOR_BIND,
    NUMERIC,
    SELECT_MULTIPLE,
    SELECT_ONE,
    questions_of,
    texts,
    walk,
)

MAX_BYTES = 5 * 1024 * 1024
ROW_IN_MESSAGE = re.compile(r"\[row\s*:\s*(\d+)\]")
SHEET_AND_COLUMN = re.compile(r"On the '(\w+)' sheet, the '([^']+)' value")
EXPRESSION_COLUMNS = {
    "constraint": "constraint",
    "relevant": "relevant",
    "calculate": "calculation",
}


@dataclass(frozen=True)
class Problem:
    """One mistake in the workbook, and where it is."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    @property
    def place(self) -> str:
        if self.sheet and self.row and self.column:
            return _("Sheet “%(sheet)s”, row %(row)s, column %(column)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "column": self.column,
            }
        if self.sheet and self.row:
            return _("Sheet “%(sheet)s”, row %(row)s") % {"sheet": self.sheet, "row": self.row}
        if self.sheet:
            return _("Sheet “%(sheet)s”") % {"sheet": self.sheet}
        return ""

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class XLSFormError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Layout:
    """Where things are in the workbook as a person sees it: header letters, question rows."""

    columns: dict[str, dict[str, str]]  # sheet -> header -> "D (relevant)"
    rows: dict[str, int]  # question name -> row on the survey sheet

    def column(self, sheet: str, header: str) -> str:
        return self.columns.get(sheet, {}).get(header.lower(), header)

    def first_column(self, sheet: str, prefix: str) -> str:
        """The first column whose header starts with `prefix` (`label`, `label::uk`, …)."""
        found = (name for name in self.columns.get(sheet, {}) if name.startswith(prefix))
        return self.column(sheet, next(found, prefix))


def _layout(data: bytes) -> Layout:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    columns: dict[str, dict[str, str]] = {}
    rows: dict[str, int] = {}
    try:
        for sheet in book.worksheets:
            lines = sheet.iter_rows(values_only=True)
            header = [str(cell or "").strip() for cell in next(lines, ())]
            columns[sheet.title.lower()] = {
                name.lower(): f"{get_column_letter(index)} ({name})"
                for index, name in enumerate(header, start=1)
                if name
            }
            if sheet.title.lower() != "survey" or "name" not in header:
                continue
            at = header.index("name")
            for number, line in enumerate(lines, start=2):
                if at < len(line) and line[at] is not None:
                    rows.setdefault(str(line[at]).strip(), number)
    finally:
        book.close()
    return Layout(columns, rows)


# pyxform's English messages for the common mistakes, as sentences in the user's language.
KNOWN: list[tuple[re.Pattern[str], Any]] = [
    (
        re.compile(r"the 'name' value '([^']*)' is invalid\. Questions, groups"),
        lambda m: (
            _("The name “%(name)s” is used twice; every question needs its own name.")
            % {"name": m.group(1)}
        ),
    ),
    (
        re.compile(r"Names must begin with a letter"),
        lambda m: _(
            "A name must begin with a letter or an underscore and hold only letters, digits, "
            "underscores, hyphens and full stops."
        ),
    ),
    (
        re.compile(r"Choice names must be unique"),
        lambda m: _("This choice name is used twice in the same list."),
    ),
    (
        re.compile(
            r"Choice names with spaces cannot be added to multiple choice selects\. "
            r"See \[(.*)\] in \[(.*)\]"
        ),
        lambda m: (
            _(
                "A choice of a multiple-choice list cannot have spaces in its name: "
                "“%(name)s” in the list “%(list)s”."
            )
            % {"name": m.group(1), "list": m.group(2)}
        ),
    ),
    (
        re.compile(r"Unmatched 'begin_(group|repeat)'.*name '([^']*)'"),
        lambda m: (
            _("The group “%(name)s” is opened here but never closed with end_group.")
            % {"name": m.group(2)}
        ),
    ),
    (
        re.compile(r"Unmatched 'end_(group|repeat)'"),
        lambda m: _("This end_group closes a group that was never opened."),
    ),
    (
        re.compile(r"List name not in choices sheet: (\S+)"),
        lambda m: (
            _("The choice list “%(name)s” is not on the choices sheet.") % {"name": m.group(1)}
        ),
    ),
    (
        re.compile(r"There should be a choices sheet"),
        lambda m: _(
            "The form uses a choice list, but the workbook has no choices sheet with the "
            "columns list_name, name and label."
        ),
    ),
    (
        re.compile(r"You must have a sheet named 'survey'"),
        lambda m: _("The workbook has no sheet named survey."),
    ),
    (
        re.compile(r"required column headers were not found: '(\w+)'"),
        lambda m: _("The column “%(column)s” is missing.") % {"column": m.group(1)},
    ),
    (
        re.compile(r"Question or group with no name"),
        lambda m: _("This row has a type but no name."),
    ),
    (
        re.compile(r"Could not find the name '([^']*)'"),
        lambda m: (
            _("The expression refers to ${%(name)s}, but no question has that name.")
            % {"name": m.group(1)}
        ),
    ),
]


def _from_pyxform(error: PyXFormError, layout: Layout) -> Problem:
    text = str(error)
    context = getattr(error, "context", {}) or {}
    row_match = ROW_IN_MESSAGE.search(text)
    row = (
        int(context["row"]) if "row" in context else int(row_match.group(1)) if row_match else None
    )
    place = SHEET_AND_COLUMN.search(text)
    sheet = str(context.get("sheet") or (place.group(1) if place else "survey" if row else ""))
    header = str(context.get("column") or (place.group(2) if place else ""))
    for pattern, sentence in KNOWN:
        match = pattern.search(text)
        if match:
            message = sentence(match)
            break
    else:
        detail = ROW_IN_MESSAGE.sub("", text).strip()
        message = _("pyxform found a mistake: %(detail)s") % {"detail": detail}
    column = layout.column(sheet, header) if header else ""
    return Problem(message, sheet, row, column)


def _convert(data: bytes, layout: Layout) -> dict[str, Any]:
    try:
        workbook = get_xlsform(data, file_type=".xlsx")
        definition: dict[str, Any] = workbook_to_json(
            workbook, form_name="data", fallback_form_name="data", warnings=[]
        )
    except PyXFormError as error:
        raise XLSFormError([_from_pyxform(error, layout)]) from error
    return definition


def _check_element(element: dict[str, Any], layout: Layout) -> list[Problem]:
    name = str(element.get("name", ""))
    row = layout.rows.get(name)
    kind = str(element.get("type", ""))
    type_column = layout.column("survey", "type")
    if kind == "repeat":
        message = _("Repeats are not supported here; ask the same questions once per hromada.")
        return [Problem(message, "survey", row, type_column)]
    if kind not in ANSWERED | {"calculate", "group", "note"}:
        message = _(
            "The type “%(type)s” is not supported here. Use integer, decimal, text, date, "
            "select_one, select_multiple, calculate, note or a group."
        ) % {"type": kind}
        return [Problem(message, "survey", row, type_column)]
    if row is None and name.endswith("_other") and name[: -len("_other")] in layout.rows:
        message = _(
            "“or_other” is not supported here; add an “other” choice to the list and a text "
            "question shown when it is selected."
        )
        return [Problem(message, "survey", layout.rows[name[: -len("_other")]], type_column)]
    if kind in {SELECT_ONE, SELECT_MULTIPLE} and not element.get("choices"):
        message = _(
            "Choice lists from files are not supported here; put the choices on the choices sheet."
        )
        return [Problem(message, "survey", row, type_column)]
    problems = []
    if kind in ANSWERED and not any(texts(element.get("label", "")).values()):
        label_column = layout.first_column("survey", "label")
        problems.append(Problem(_("This question has no label."), "survey", row, label_column))
    bind = element.get("bind", {})
    for key, header in EXPRESSION_COLUMNS.items():
        text = str(bind.get(key, "")).strip()
        if not text:
            continue
        try:
            expressions.parse(text)
        except expressions.ExpressionError as error:
            message = _(
                "The expression “%(expression)s” uses “%(part)s”, which is not supported. "
                "Use comparisons, and, or, not(), selected(), ${name} and numbers."
            ) % {"expression": text, "part": error.detail}
            problems.append(Problem(message, "survey", row, layout.column("survey", header)))
    return problems


def _check_indicators(definition: dict[str, Any], layout: Layout) -> list[Problem]:
    bound = {q.name: q for q in questions_of(definition) if q.indicator}
    known = set(
        Indicator.objects.filter(code__in={q.indicator for q in bound.values()}).values_list(
            "code", flat=True
        )
    )
    problems = []
    column = layout.column("survey", f"bind::{INDICATOR_BIND}")
    for name, question in bound.items():
        row = layout.rows.get(name)
        if question.indicator not in known:
            message = _("There is no indicator with the code “%(code)s” in the catalogue.") % {
                "code": question.indicator
            }
            problems.append(Problem(message, "survey", row, column))
        elif question.kind not in NUMERIC:
            message = _("Only integer and decimal questions can be bound to an indicator.")
            problems.append(Problem(message, "survey", row, column))
    return problems


def read_xlsform(data: bytes) -> dict[str, Any]:
    """The form definition of an XLSForm workbook; XLSFormError lists every problem found."""
    if len(data) > MAX_BYTES:
        raise XLSFormError([Problem(_("The file is larger than 5 MB."))])
    try:
        layout = _layout(data)
    except Exception as error:  # openpyxl raises many kinds on a broken or foreign file
        logging.getLogger(__name__).info("unreadable XLSForm: %s", error)
        raise XLSFormError([Problem(_("The file is not an Excel workbook (.xlsx)."))]) from error
    definition = _convert(data, layout)
    problems = [
        problem
        for element, _relevant, _group in walk(definition.get("children", []))
        for problem in _check_element(element, layout)
    ]
    problems += _check_indicators(definition, layout)
    if not [q for q in questions_of(definition) if q.is_answered]:
        problems.append(Problem(_("The form has no questions."), "survey"))
    if problems:
        raise XLSFormError(problems)
    return definition
