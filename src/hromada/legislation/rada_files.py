"""Reading the Rada's open data on bills: `bills_main`, `bills_executives`, `bills_initiators`
(CSV, as published for each convocation) and `billinfo` (JSON, one object per bill with its
current phase and, in the full file, the passings through stages).

Only the columns named below are read; others are ignored, so a newer file with more columns
still imports. Every problem names the file, the row and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from hromada.legislation.stages import Stage, classify

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 200_000

MAIN_COLUMNS = (
    "bill_id",
    "number",
    "title",
    "name",
    "registrationDate",
    "type",
    "rubric",
    "subject",
    "currentPhase_title",
    "currentPhase_date",
    "convocation",
    "uri",
    "url",
)


@dataclass(frozen=True)
class Problem:
    file: str
    row: int  # 0 for the whole file
    column: str
    message: str

    def __str__(self) -> str:
        if self.row:
            return _("%(file)s, row %(row)s, column “%(column)s”: %(message)s") % {
                "file": self.file,
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return f"{self.file}: {self.message}"


@dataclass(frozen=True)
class StageEvent:
    stage: Stage
    title: str
    happened_on: dt.date


@dataclass
class BillRow:
    number: str
    title: str
    rada_id: str = ""
    kind: str = ""
    rubric: str = ""
    subject: str = ""
    registered_on: dt.date | None = None
    convocation: int | None = None
    url: str = ""
    events: list[StageEvent] = field(default_factory=list)


@dataclass
class RadaData:
    bills: list[BillRow] = field(default_factory=list)
    committees: dict[str, str] = field(default_factory=dict)  # rada bill_id -> main committee
    initiators: dict[str, list[str]] = field(default_factory=dict)  # rada bill_id -> people
    problems: list[Problem] = field(default_factory=list)


def parse_date(text: str) -> dt.date | None:
    """Dates as the Rada writes them: ISO (with or without a time) or DD.MM.YYYY."""
    value = text.strip()
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value[:10], pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(value)


def read_files(files: list[tuple[str, bytes]]) -> RadaData:
    data = RadaData()
    for name, content in files:
        if len(content) > MAX_FILE_BYTES:
            data.problems.append(
                Problem(name, 0, "", _("The file is larger than %(mb)s MB.") % {"mb": 100})
            )
            continue
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            data.problems.append(Problem(name, 0, "", _("The file is not UTF-8 text.")))
            continue
        if text.lstrip().startswith(("[", "{")):
            _read_billinfo(name, text, data)
        else:
            _read_csv(name, text, data)
    return data


def _read_csv(name: str, text: str, data: RadaData) -> None:
    reader = csv.DictReader(io.StringIO(text))
    header = set(reader.fieldnames or [])
    if "number" in header:
        kind = "main"
    elif "department" in header and "bill_id" in header:
        kind = "executives"
    elif "person" in header and "bill_id" in header:
        kind = "initiators"
    else:
        data.problems.append(
            Problem(
                name,
                0,
                "",
                _(
                    "This is not one of the Rada's bill files: bills_main needs the column "
                    "“number”, bills_executives “bill_id” and “department”, bills_initiators "
                    "“bill_id” and “person”."
                ),
            )
        )
        return
    for index, row in enumerate(reader, start=2):
        if index > MAX_ROWS + 1:
            data.problems.append(
                Problem(name, index, "", _("More than %(n)s rows.") % {"n": MAX_ROWS})
            )
            return
        clean = {key: (value or "").strip() for key, value in row.items() if key}
        if kind == "main":
            bill = _bill_from(name, index, clean, data.problems)
            if bill is not None:
                data.bills.append(bill)
        elif kind == "executives":
            if clean.get("type", "mainExecutive") == "mainExecutive" and clean.get("department"):
                data.committees[clean["bill_id"]] = clean["department"]
        else:
            person = clean.get("person") or clean.get("organization", "")
            if person:
                data.initiators.setdefault(clean["bill_id"], []).append(person)


def _bill_from(
    name: str, row: int, values: dict[str, str], problems: list[Problem]
) -> BillRow | None:
    number = values.get("number", "")
    title = values.get("title") or values.get("name", "")
    if not number:
        problems.append(Problem(name, row, "number", _("The bill has no number.")))
        return None
    if not title:
        problems.append(Problem(name, row, "title", _("The bill has no title.")))
        return None
    dates: dict[str, dt.date | None] = {}
    for column in ("registrationDate", "currentPhase_date"):
        try:
            dates[column] = parse_date(values.get(column, ""))
        except ValueError:
            problems.append(
                Problem(
                    name,
                    row,
                    column,
                    _("“%(value)s” is not a date (YYYY-MM-DD or DD.MM.YYYY).")
                    % {"value": values[column]},
                )
            )
            return None
    convocation = values.get("convocation", "")
    bill = BillRow(
        number=number[:40],
        title=title,
        rada_id=values.get("bill_id", "")[:40],
        kind=values.get("type", "")[:200],
        rubric=values.get("rubric", "")[:300],
        subject=values.get("subject", "")[:300],
        registered_on=dates["registrationDate"],
        convocation=int(convocation) if convocation.isdigit() else None,
        url=(values.get("uri") or values.get("url", ""))[:500],
    )
    phase = values.get("currentPhase_title", "")
    happened_on = dates["currentPhase_date"] or dates["registrationDate"]
    if phase and happened_on:
        bill.events.append(StageEvent(classify(phase), phase[:300], happened_on))
    return bill


def _read_billinfo(name: str, text: str, data: RadaData) -> None:
    try:
        items: Any = json.loads(text)
    except ValueError as error:
        data.problems.append(
            Problem(name, 0, "", _("The JSON cannot be read: %(error)s") % {"error": error})
        )
        return
    if isinstance(items, dict):
        items = items.get("bills") or items.get("items") or [items]
    if not isinstance(items, list):
        data.problems.append(Problem(name, 0, "", _("The JSON holds no list of bills.")))
        return
    for index, item in enumerate(items[:MAX_ROWS], start=1):
        if not isinstance(item, dict):
            data.problems.append(Problem(name, index, "", _("This item is not a bill object.")))
            continue
        phase = item.get("currentPhase") or {}
        values = {
            "bill_id": str(item.get("id") or item.get("bill_id") or ""),
            "number": str(item.get("registrationNumber") or item.get("number") or ""),
            "title": str(item.get("name") or item.get("title") or ""),
            "registrationDate": str(item.get("registrationDate") or ""),
            "type": str(item.get("type") or ""),
            "rubric": str(item.get("rubric") or ""),
            "subject": str(item.get("subject") or ""),
            "currentPhase_title": str(phase.get("title", "") if isinstance(phase, dict) else ""),
            "currentPhase_date": str(phase.get("date", "") if isinstance(phase, dict) else ""),
            "convocation": str(
                item.get("registrationConvocation") or item.get("convocation") or ""
            ),
            "url": str(item.get("url") or ""),
        }
        bill = _bill_from(name, index, values, data.problems)
        if bill is None:
            continue
        for passing in item.get("passings") or []:
            event = _event(passing)
            if event is not None and event not in bill.events:
                bill.events.append(event)
        executive = item.get("mainExecutive") or {}
        if isinstance(executive, dict) and executive.get("department"):
            data.committees[values["bill_id"]] = str(executive["department"])
        people = [
            str(p.get("person") or p.get("organization") or "")
            for p in item.get("initiators") or []
            if isinstance(p, dict)
        ]
        if any(people):
            data.initiators[values["bill_id"]] = [p for p in people if p]
        data.bills.append(bill)


def _event(passing: object) -> StageEvent | None:
    if not isinstance(passing, dict):
        return None
    title = str(passing.get("title") or "")
    try:
        happened_on = parse_date(str(passing.get("date") or ""))
    except ValueError:
        return None
    if not title or happened_on is None:
        return None
    return StageEvent(classify(title), title[:300], happened_on)
