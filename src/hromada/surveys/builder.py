"""A simple questionnaire built on a page, turned into an XLSForm workbook.

The page's rows become the survey sheet and their choices the choices sheet, so the form goes
through the same pyxform validation as an uploaded one; problems are placed by the question's
number on the page instead of the workbook's row.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.utils.translation import gettext as _

from hromada.surveys.questions import SELECT_MULTIPLE, SELECT_ONE, questions_of
from hromada.surveys.xlsform import Problem

SURVEY_HEADER = ["type", "name", "label::uk", "label::en", "required"]
CHOICES_HEADER = ["list_name", "name", "label::uk", "label::en"]
SELECTS = {"select_one", "select_multiple"}


@dataclass(frozen=True)
class PageQuestion:
    kind: str
    name: str
    label_uk: str
    label_en: str
    required: bool
    choices: str  # "yes = Так / Yes; no = Ні / No"


def _choices(text: str) -> list[tuple[str, str, str]]:
    """(name, Ukrainian label, English label) of each `name = Українська / English`."""
    found = []
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        name, _sep, labels = part.partition("=")
        uk, _slash, en = labels.partition("/")
        found.append((name.strip(), uk.strip() or name.strip(), en.strip()))
    return found


@dataclass(frozen=True)
class Built:
    data: bytes
    # Where each workbook row came from: (sheet, row) -> the question's number on the page.
    origins: dict[tuple[str, int], int]


def build_workbook(questions: list[PageQuestion]) -> Built:
    book = openpyxl.Workbook()
    survey = book.active
    if survey is None:  # a new workbook always has one sheet; this narrows the type
        survey = book.create_sheet()
    survey.title = "survey"
    survey.append(SURVEY_HEADER)
    choices = book.create_sheet("choices")
    choices.append(CHOICES_HEADER)
    origins: dict[tuple[str, int], int] = {}
    for number, question in enumerate(questions, start=1):
        kind = question.kind
        if kind in SELECTS:
            list_name = f"{question.name}_choices"
            kind = f"{kind} {list_name}"
            for name, uk, en in _choices(question.choices):
                choices.append([list_name, name, uk, en])
                origins[("choices", choices.max_row)] = number
        required = "yes" if question.required else ""
        survey.append([kind, question.name, question.label_uk, question.label_en, required])
        origins[("survey", survey.max_row)] = number
    if choices.max_row == 1:
        book.remove(choices)
    buffer = io.BytesIO()
    book.save(buffer)
    return Built(buffer.getvalue(), origins)


def on_the_page(problem: Problem, built: Built) -> str:
    """A workbook problem said in terms of the page: which question, not which row."""
    number = built.origins.get((problem.sheet, problem.row or 0))
    if number is None:
        return problem.message
    return _("Question %(number)s: %(message)s") % {"number": number, "message": problem.message}


# pyxform's type names back to the page's.
PAGE_KINDS = {
    "integer": "integer",
    "decimal": "decimal",
    "text": "text",
    "date": "date",
    SELECT_ONE: "select_one",
    SELECT_MULTIPLE: "select_multiple",
}


def page_rows(definition: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The rows of the page that make this questionnaire again, to change it and save a new
    version; None when it uses what the page cannot show (relevance, constraints, groups,
    calculations, notes, hints or indicator bindings), which only a workbook can change."""
    rows = []
    for question in questions_of(definition):
        plain = not (
            question.relevant
            or question.constraint
            or question.calculation
            or question.indicator
            or question.group
            or any(question.hint.values())
        )
        if question.kind not in PAGE_KINDS or not plain:
            return None
        choices = "; ".join(
            f"{c.name} = {c.label.get('uk', '')} / {c.label.get('en', '')}".rstrip(" /")
            for c in question.choices
        )
        rows.append(
            {
                "kind": PAGE_KINDS[question.kind],
                "name": question.name,
                "label_uk": question.label.get("uk", ""),
                "label_en": question.label.get("en", ""),
                "required": question.required,
                "choices": choices,
            }
        )
    return rows
