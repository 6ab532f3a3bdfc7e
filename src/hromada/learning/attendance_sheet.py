"""Attendance from a sheet (CSV or XLSX): read, check every cell, show what would change,
then write all of it or nothing.

The sheet has an e-mail column (`email`, `e-mail`, `пошта`) and one column per session, named
by the session's date (`2026-03-02` or `02.03.2026`) or its number in the programme (`1`,
`заняття 2`, `session 2`). Cells say present (`+`, `1`, `присутній`, `present`), absent (`-`,
`0`, `відсутній`, `absent`) or excused (`п`, `поважна`, `excused`); an empty cell changes
nothing. Other columns (a name, a note) are ignored. Row numbers are the spreadsheet's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.learning.models import Event, Presence, RegistrationState, Session
from hromada.lib.file_limits import limit_message
from hromada.lib.tabular import TabularError, open_table

EMAIL_COLUMNS = {"email", "e-mail", "пошта", "електронна пошта", "ел. пошта"}
WORDS = {
    Presence.PRESENT: {"+", "1", "так", "є", "присутній", "присутня", "present", "yes", "p"},
    Presence.ABSENT: {"-", "0", "ні", "немає", "відсутній", "відсутня", "absent", "no", "a"},
    Presence.EXCUSED: {"п", "поважна", "поважна причина", "excused", "e"},
}
_NUMBERED = re.compile(r"^(?:заняття|сесія|session)?\s*(\d{1,3})$")


@dataclass(frozen=True)
class SheetProblem:
    row: int
    column: str
    message: str


@dataclass
class SheetPlan:
    """What the sheet would change; nothing is written while `problems` is not empty."""

    marks: dict[int, dict[int, str]] = field(default_factory=dict)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    people: int = 0
    problems: list[SheetProblem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.new + self.changed


def _presence(text: str) -> str | None:
    word = " ".join(text.strip().lower().split())
    return next((presence for presence, words in WORDS.items() if word in words), None)


def _session_of(column: str, sessions: list[Session]) -> Session | None:
    name = column.strip().lower()
    number = _NUMBERED.match(name)
    if number:
        index = int(number.group(1))
        return sessions[index - 1] if 1 <= index <= len(sessions) else None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            day = dt.datetime.strptime(name, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
        same_day = [s for s in sessions if timezone.localtime(s.starts_at).date() == day]
        return same_day[0] if len(same_day) == 1 else None
    return None


def _file_message(error: TabularError) -> str:
    passed = limit_message(error)
    if passed is not None:
        return passed
    reasons = {
        TabularError.UNSUPPORTED: _("This kind of file is not supported; use CSV or XLSX."),
        TabularError.UNDECODABLE: _(
            "The file is neither UTF-8 nor Windows-1251 text; save it as CSV UTF-8 or XLSX."
        ),
        TabularError.EMPTY: _("The file is empty."),
        TabularError.DUPLICATE_COLUMN: _("Some columns have the same name: %(names)s.")
        % {"names": error.detail},
    }
    return reasons.get(error.code, _("The file cannot be read as a table."))


def read_sheet(event: Event, source: IO[bytes], *, name: str) -> SheetPlan:
    """Check the whole sheet against the event's sessions and confirmed participants."""
    plan = SheetPlan()
    try:
        table = open_table(source, name=name)
    except TabularError as error:
        plan.problems.append(SheetProblem(error.row, "", _file_message(error)))
        return plan
    sessions = list(event.sessions.all())
    email_column = next((c for c in table.columns if c.strip().lower() in EMAIL_COLUMNS), None)
    if email_column is None:
        plan.problems.append(
            SheetProblem(1, "", _("The sheet needs an e-mail column (email, e-mail or пошта)."))
        )
        return plan
    columns: dict[str, Session] = {}
    for column in table.columns:
        if column == email_column:
            continue
        session = _session_of(column, sessions)
        if session is not None:
            if session in columns.values():
                plan.problems.append(
                    SheetProblem(1, column, _("Two columns name the same session."))
                )
            columns[column] = session
    if not columns:
        plan.problems.append(
            SheetProblem(
                1,
                "",
                _(
                    "No column names a session of this event: use the session's date "
                    "(2026-03-02 or 02.03.2026) or its number (1, 2, …)."
                ),
            )
        )
        return plan
    confirmed = dict(
        event.registrations.filter(state=RegistrationState.CONFIRMED).values_list("email", "pk")
    )
    seen: dict[str, int] = {}
    for row, cells in table:
        _read_row(plan, row, cells, email_column, columns, confirmed, seen)
    plan.people = len(seen)
    _count(plan)
    return plan


def _read_row(
    plan: SheetPlan,
    row: int,
    cells: dict[str, Any],
    email_column: str,
    columns: dict[str, Session],
    confirmed: dict[str, int],
    seen: dict[str, int],
) -> None:
    email = str(cells.get(email_column, "")).strip().lower()
    if not email:
        plan.problems.append(SheetProblem(row, email_column, _("The e-mail is empty.")))
        return
    registration = confirmed.get(email)
    if registration is None:
        plan.problems.append(
            SheetProblem(
                row,
                email_column,
                _("%(email)s has no confirmed place in this event.") % {"email": email},
            )
        )
        return
    if email in seen:
        plan.problems.append(
            SheetProblem(
                row,
                email_column,
                _("%(email)s is already in row %(row)s.") % {"email": email, "row": seen[email]},
            )
        )
        return
    seen[email] = row
    for column, session in columns.items():
        text = str(cells.get(column, "")).strip()
        if not text:
            continue
        presence = _presence(text)
        if presence is None:
            plan.problems.append(
                SheetProblem(
                    row,
                    column,
                    _(
                        "“%(value)s” is not a presence: write + (present), - (absent) "
                        "or п (excused)."
                    )
                    % {"value": text[:40]},
                )
            )
            continue
        plan.marks.setdefault(session.pk, {})[registration] = presence


def _count(plan: SheetPlan) -> None:
    from hromada.learning.models import Attendance

    for session_id, marks in plan.marks.items():
        existing = dict(
            Attendance.objects.filter(session_id=session_id, registration_id__in=marks).values_list(
                "registration_id", "presence"
            )
        )
        for registration_id, presence in marks.items():
            before = existing.get(registration_id)
            if before is None:
                plan.new += 1
            elif before != presence:
                plan.changed += 1
            else:
                plan.unchanged += 1
