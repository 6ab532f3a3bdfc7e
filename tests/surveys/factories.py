"""Small XLSForm workbooks written with openpyxl, and a wave ready to answer."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl

from hromada.surveys import actions
from hromada.surveys.models import Survey, Wave
from tests.members.factories import make_membership, make_person

Rows = list[list[Any]]

SURVEY: Rows = [
    ["type", "name", "label::Ukrainian (uk)", "label::English (en)", "hint::uk", "required",
     "constraint", "constraint_message::uk", "relevant", "calculation", "bind::hromada:indicator"],
    ["integer", "staff", "Скільки працівників у ЦНАП?", "How many staff work at the ASC?",
     "Кількість осіб", "yes", ". >= 0 and . < 1000", "Від 0 до 999", "", "", ""],
    ["select_one yn", "has_online", "Чи є онлайн-послуги?", "Are there online services?",
     "", "yes", "", "", "", "", ""],
    ["begin_group", "online", "Онлайн", "Online", "", "", "", "", "${has_online} = 'yes'", "", ""],
    ["select_multiple svc", "services", "Які послуги?", "Which services?", "", "yes", "", "",
     "", "", ""],
    ["end_group", "", "", "", "", "", "", "", "", "", ""],
    ["decimal", "share", "Частка онлайн-заяв, %", "Share of online applications, %", "", "",
     ". <= 100", "", "", "", ""],
    ["date", "opened", "Дата відкриття", "Opening date", "", "", "", "", "", "", ""],
    ["text", "comment", "Коментар", "Comment", "", "", "", "", "", "", ""],
    ["calculate", "double_staff", "", "", "", "", "", "", "", "${staff} * 2", ""],
]  # fmt: skip
CHOICES: Rows = [
    ["list_name", "name", "label::Ukrainian (uk)", "label::English (en)"],
    ["yn", "yes", "Так", "Yes"],
    ["yn", "no", "Ні", "No"],
    ["svc", "passport", "Паспорти", "Passports"],
    ["svc", "land", "Земля", "Land"],
]
SETTINGS: Rows = [["form_title", "version"], ["Послуги ЦНАП", "2026"]]


def workbook(
    survey: Rows, choices: Rows | None = CHOICES, settings: Rows | None = SETTINGS
) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    for title, rows in (("choices", choices), ("settings", settings)):
        if rows:
            extra = book.create_sheet(title)
            for row in rows:
                extra.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_column(rows: Rows, header: str, values: dict[str, str]) -> Rows:
    """The survey rows with the column filled for the named questions (added if missing)."""
    head = list(rows[0]) if header in rows[0] else [*rows[0], header]
    at = head.index(header)
    out = [head]
    for row in rows[1:]:
        line = [*row, *[""] * (len(head) - len(row))]
        line[at] = values.get(str(row[1]), line[at])
        out.append(line)
    return out


def make_survey(analyst: Any, code: str = "cnap") -> Survey:
    survey = actions.create_survey(
        actions.SurveySpec(code=code, title_uk="Послуги ЦНАП", title_en="ASC services"),
        by=analyst,
    )
    actions.upload_form(survey, "cnap.xlsx", workbook(SURVEY), by=analyst)
    return survey


def make_member(hromada: Any, email: str = "head@example.org") -> Any:
    make_membership(hromada)
    return make_person(
        hromada, full_name="Петренко Ганна", position="сільський голова", email=email
    )


def open_wave(survey: Survey, analyst: Any, oblast: Any, **changes: Any) -> Wave:
    fields: dict[str, Any] = {
        "year": 2026,
        "closes_on": dt.date(2026, 12, 31),
        "mode": "closed",
        "panel_kind": "oblast",
        "panel_value": oblast.code,
        "role": "head",
        **changes,
    }
    return actions.open_wave(survey, actions.WaveSpec(**fields), by=analyst).wave


ANSWERS = {
    "staff": "12",
    "has_online": "yes",
    "services": "passport land",
    "share": "40,5",
    "opened": "2020-03-01",
    "comment": '=HYPERLINK("http://x")',
}
