"""The answers of a wave as a CSV, XLSX or JSON file, written by a background task.

Cells are formula-safe: a text cell beginning with = + - @ (or a tab or carriage return) gets
a leading apostrophe, so a spreadsheet shows it as text instead of running it. Numbers stay
numbers. An anonymous wave's file has no hromada column at all.
"""

from __future__ import annotations

import csv
import json
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
from django.conf import settings

from hromada.lib.cells import safe_cell
from hromada.surveys.models import Wave
from hromada.surveys.questions import NUMERIC, Question, questions_of

Cell = str | int | float
NAME_PATTERN = r"[a-z0-9_-]+\.(csv|xlsx|json)"


def safe_text(text: str) -> str:
    return str(safe_cell(text))


def _number(text: str) -> float | int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


def folder() -> Path:
    return Path(settings.DATA_DIR) / "surveys" / "exports"


def rows(wave: Wave, *, spreadsheet: bool = True) -> Iterator[list[Cell]]:
    """The header, then one row per submitted response; text made formula-safe for
    spreadsheets (CSV, XLSX) and left as written for JSON."""
    text_cell: Callable[[str], str] = safe_text if spreadsheet else str

    def cell(question: Question, text: str) -> Cell:
        number = _number(text) if question.kind in NUMERIC and text else None
        return text_cell(text) if number is None else number

    questions = [q for q in questions_of(wave.form.definition) if q.is_answered or q.is_calculation]
    place: list[Cell] = ["oblast", "hromada_type"]
    yield (
        ([] if wave.is_anonymous else ["hromada_code", "hromada"])
        + place
        + ["submitted_on"]
        + [q.name for q in questions]
    )
    responses = wave.responses.select_related("hromada", "oblast").order_by("submitted_on", "pk")
    for response in responses.iterator(chunk_size=2000):
        who = []
        if not wave.is_anonymous and response.hromada is not None:
            who = [response.hromada.code, text_cell(response.hromada.name_uk)]
        oblast = text_cell(response.oblast.name_uk) if response.oblast else ""
        answers = [cell(q, str(response.answers.get(q.name, ""))) for q in questions]
        yield [*who, oblast, response.hromada_type, response.submitted_on.isoformat(), *answers]


def _write_json(wave: Wave, path: Path, total: int, progress: Callable[..., None]) -> None:
    """A JSON array of objects, one per response, written as it is read."""
    lines = rows(wave, spreadsheet=False)
    header = [str(cell) for cell in next(lines)]
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for number, row in enumerate(lines):
            handle.write(",\n" if number else "\n")
            handle.write(json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False))
            if number % 1000 == 0:
                progress(number, total, stage="JSON")
        handle.write("\n]\n")


def write(wave: Wave, file_format: str, progress: Callable[..., None]) -> str:
    """Write the file and return its name (random, so names cannot be guessed)."""
    folder().mkdir(parents=True, exist_ok=True)
    name = f"{wave.survey.code}-{wave.year}-{secrets.token_hex(8)}.{file_format}".lower()
    total = wave.responses.count()
    path = folder() / name
    if file_format == "json":
        _write_json(wave, path, total, progress)
    elif file_format == "csv":
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle, delimiter=";")
            for number, row in enumerate(rows(wave)):
                writer.writerow(row)
                if number % 1000 == 0:
                    progress(number, total, stage="CSV")
    else:
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("answers")
        for number, row in enumerate(rows(wave)):
            sheet.append(row)
            if number % 1000 == 0:
                progress(number, total, stage="XLSX")
        book.save(path)
    progress(total, total, stage=file_format.upper())
    return name
