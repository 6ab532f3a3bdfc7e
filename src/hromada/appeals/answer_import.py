"""Answers of bodies read from a spreadsheet (CSV or XLSX): checked whole, shown as a
preview, then recorded all together or not at all, with one audit entry.

One row is one answer. A row names its letter by the letter number shown on the site
(`letter`), or by the outgoing number and the body's code (`outgoing_number` + `body`).
The other columns: `received_on` (a date cell, 31.12.2026 or 2026-12-31),
`incoming_number`, `outcome` (solved / partly / refused / redirected, or their names in
Ukrainian or English), `redirected_to` (a body's code, for a redirect) and `summary`.
The file of open letters from the import page has all these columns filled in but the
answer, so it can be filled and sent back.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from hromada.appeals import access
from hromada.appeals.actions import _queue_feedback_requests, _save_answer, check_answer
from hromada.appeals.models import Answer, Body, Dispatch, Outcome
from hromada.audit.actions import record_audit
from hromada.lib.file_limits import limit_message
from hromada.lib.tabular import TabularError, Value, open_table

COLUMNS = (
    "letter",
    "body",
    "outgoing_number",
    "sent_on",
    "received_on",
    "incoming_number",
    "outcome",
    "redirected_to",
    "summary",
)
REQUIRED = ("received_on", "outcome", "summary")
_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class PlannedAnswer:
    row: int
    dispatch: Dispatch
    received_on: dt.date
    incoming_number: str
    outcome: str
    redirected_to: Body | None
    summary: str

    @property
    def outcome_label(self) -> str:
        return str(Outcome(self.outcome).label)


@dataclass
class AnswerPlan:
    answers: list[PlannedAnswer] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.answers) and not self.problems


def _outcome_names() -> dict[str, str]:
    """Every way a file may write an outcome: its code, and its name in both languages."""
    names: dict[str, str] = {}
    for value in Outcome.values:
        names[value] = value
        for language in ("uk", "en"):
            with translation.override(language):
                names[str(Outcome(value).label).casefold()] = value
    return names


def _date(value: Value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.fullmatch(str(value).strip())
    if not match:
        return None
    day, month, year = (
        match.group(1, 2, 3) if match.group(1) else tuple(reversed(match.group(4, 5, 6)))
    )
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _text(value: Value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _file_problem(error: TabularError) -> str:
    passed = limit_message(error)
    if passed is not None:
        return passed
    return {
        TabularError.UNSUPPORTED: _("This kind of file is not supported; use CSV or XLSX."),
        TabularError.UNDECODABLE: _(
            "The file is neither UTF-8 nor Windows-1251 text; save it as CSV UTF-8 or XLSX."
        ),
        TabularError.EMPTY: _("The file is empty."),
        TabularError.DUPLICATE_COLUMN: _("Some columns have the same name: %(names)s.")
        % {"names": error.detail},
    }.get(error.code, _("The file cannot be read: %(detail)s") % {"detail": error.detail})


def plan_answers(source: IO[bytes], *, name: str, by: Any) -> AnswerPlan:
    """Read and check every row; nothing is written. Each problem names its row and column."""
    if not access.can_manage(by):
        raise PermissionDenied(_("Only the association's analysts take problems to government."))
    plan = AnswerPlan()
    try:
        table = open_table(source, name=name)
    except TabularError as error:
        plan.problems.append(RowProblem(error.row, "", _file_problem(error)))
        return plan
    missing = [c for c in REQUIRED if c not in table.columns]
    if "letter" not in table.columns and not {"outgoing_number", "body"} <= set(table.columns):
        missing.insert(0, "letter")
    if missing:
        plan.problems.append(
            RowProblem(
                1,
                ", ".join(missing),
                _("The file lacks the columns %(columns)s; expected: %(expected)s.")
                % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)},
            )
        )
        return plan
    bodies = {body.code: body for body in Body.objects.all()}
    outcomes = _outcome_names()
    rows = list(table)  # bounded by the file limits of hromada.lib.tabular
    letters = _Letters.of(rows, bodies)
    seen: dict[int, int] = {}
    for number, row in rows:
        found = _plan_row(number, row, letters, outcomes, plan)
        if found is None:
            continue
        if found.dispatch.pk in seen:
            plan.problems.append(
                RowProblem(
                    number,
                    "letter",
                    _("The same letter is answered in row %(row)s too.")
                    % {"row": seen[found.dispatch.pk]},
                )
            )
            continue
        seen[found.dispatch.pk] = number
        plan.answers.append(found)
    if not plan.answers and not plan.problems:
        plan.problems.append(RowProblem(0, "", _("The file has no answers.")))
    return plan


@dataclass
class _Letters:
    """The letters a file names, read in three queries whatever its length."""

    bodies: dict[str, Body]
    by_id: dict[int, Dispatch]
    by_number: dict[tuple[str, str], list[Dispatch]]
    answered: set[int]

    @classmethod
    def of(cls, rows: list[tuple[int, dict[str, Value]]], bodies: dict[str, Body]) -> _Letters:
        ids = {int(t) for _n, row in rows if (t := _text(row.get("letter", ""))).isdigit()}
        numbers = {_text(row.get("outgoing_number", "")) for _n, row in rows} - {""}
        letters = Dispatch.objects.select_related("problem", "body")
        by_id = letters.in_bulk(ids) if ids else {}
        by_number: dict[tuple[str, str], list[Dispatch]] = {}
        if numbers:
            for letter in letters.filter(outgoing_number__in=numbers).order_by("pk"):
                by_number.setdefault((letter.outgoing_number, letter.body.code), []).append(letter)
        found = set(by_id) | {d.pk for group in by_number.values() for d in group}
        answered = set(
            Answer.objects.filter(dispatch_id__in=found).values_list("dispatch_id", flat=True)
        )
        return cls(bodies, by_id, by_number, answered)


def _find_letter(
    number: int, row: dict[str, Value], letters: _Letters, plan: AnswerPlan
) -> Dispatch | None:
    letter_id = _text(row.get("letter", ""))
    if letter_id:
        found = letters.by_id.get(int(letter_id)) if letter_id.isdigit() else None
        if found is None:
            plan.problems.append(
                RowProblem(number, "letter", _("There is no letter № %(id)s.") % {"id": letter_id})
            )
        return found
    outgoing, code = _text(row.get("outgoing_number", "")), _text(row.get("body", ""))
    if not outgoing or code not in letters.bodies:
        plan.problems.append(
            RowProblem(
                number,
                "letter",
                _("Give the letter number, or the outgoing number and a known body code."),
            )
        )
        return None
    matches = letters.by_number.get((outgoing, code), [])
    if len(matches) != 1:
        message = (
            _("No letter № %(number)s to %(body)s was sent.")
            if not matches
            else _("Several letters № %(number)s went to %(body)s; give the letter number.")
        )
        plan.problems.append(
            RowProblem(number, "outgoing_number", message % {"number": outgoing, "body": code})
        )
        return None
    return matches[0]


def _plan_row(
    number: int,
    row: dict[str, Value],
    letters: _Letters,
    outcomes: dict[str, str],
    plan: AnswerPlan,
) -> PlannedAnswer | None:
    bodies = letters.bodies
    before = len(plan.problems)
    dispatch = _find_letter(number, row, letters, plan)
    received_on = _date(row.get("received_on", ""))
    if received_on is None:
        plan.problems.append(
            RowProblem(
                number,
                "received_on",
                _("“%(value)s” is not a date; write 31.12.2026 or 2026-12-31.")
                % {"value": _text(row.get("received_on", ""))},
            )
        )
    outcome = outcomes.get(_text(row.get("outcome", "")).casefold())
    if outcome is None:
        plan.problems.append(
            RowProblem(
                number,
                "outcome",
                _("“%(value)s” is not an outcome; write one of: %(choices)s.")
                % {"value": _text(row.get("outcome", "")), "choices": ", ".join(Outcome.values)},
            )
        )
    target_code = _text(row.get("redirected_to", ""))
    redirected_to = bodies.get(target_code) if target_code else None
    if target_code and redirected_to is None:
        plan.problems.append(
            RowProblem(
                number,
                "redirected_to",
                _("There is no body with the code “%(code)s”.") % {"code": target_code},
            )
        )
    summary = _text(row.get("summary", ""))
    if not summary:
        plan.problems.append(RowProblem(number, "summary", _("Write what the body answered.")))
    if len(plan.problems) > before or dispatch is None or received_on is None or not outcome:
        return None
    try:
        check_answer(
            dispatch,
            received_on=received_on,
            outcome=outcome,
            redirected_to=redirected_to,
            answered=dispatch.pk in letters.answered,
        )
    except ValidationError as error:
        column = "redirected_to" if outcome == Outcome.REDIRECTED else "letter"
        if received_on < dispatch.sent_on:
            column = "received_on"
        plan.problems.append(RowProblem(number, column, " ".join(error.messages)))
        return None
    return PlannedAnswer(
        number,
        dispatch,
        received_on,
        _text(row.get("incoming_number", ""))[:60],
        outcome,
        redirected_to if outcome == Outcome.REDIRECTED else None,
        summary,
    )


def apply_answers(source: IO[bytes], *, name: str, by: Any) -> AnswerPlan:
    """Check the file again and record all its answers in one transaction, or none."""
    plan = plan_answers(source, name=name, by=by)
    if not plan.ok:
        return plan
    with transaction.atomic():
        # Locked re-reads: an answer recorded meanwhile by someone else is refused here.
        ids = [item.dispatch.pk for item in plan.answers]
        locked = (
            Dispatch.objects.select_for_update(of=("self",))
            .select_related("problem", "body")
            .in_bulk(ids)
        )
        for item in plan.answers:
            fresh = locked[item.dispatch.pk]
            try:
                _save_answer(
                    fresh,
                    by=by,
                    received_on=item.received_on,
                    summary=item.summary,
                    outcome=item.outcome,
                    incoming_number=item.incoming_number,
                    redirected_to=item.redirected_to,
                )
            except ValidationError as error:
                transaction.set_rollback(True)
                return AnswerPlan([], [RowProblem(item.row, "letter", " ".join(error.messages))])
        counts = {value: sum(a.outcome == value for a in plan.answers) for value in Outcome.values}
        record_audit(
            action="appeals.answer.import",
            by=by,
            object_type="appeals.answer",
            object_repr=_("%(count)s answers from %(name)s")
            % {"count": len(plan.answers), "name": name[:100]},
            changes={"answers": (0, len(plan.answers))},
            reason=", ".join(f"{k}: {v}" for k, v in counts.items() if v),
        )
        problem_ids = sorted({item.dispatch.problem_id for item in plan.answers})
        for problem_id in problem_ids:
            transaction.on_commit(
                lambda problem_id=problem_id: _queue_feedback_requests(problem_id, by)  # type: ignore[misc]
            )
    return plan
