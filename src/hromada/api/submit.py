"""Writing a hromada's answers through the API: the Excel upload's checks, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from hromada.api.problems import ApiError
from hromada.collection.entry_actions import Answer, entry_open, save_answers
from hromada.collection.errors import CollectionError
from hromada.collection.models import Submission
from hromada.collection.permissions import can_enter
from hromada.collection.validation.verdict import Answer as Checked
from hromada.collection.validation.verdict import check_answers
from hromada.indicators.models import Missing, ObservationHistory


@dataclass(frozen=True)
class Row:
    indicator: str
    value: float | None
    missing: str
    comment: str


@dataclass
class Saved:
    saved: int
    warnings: list[dict[str, Any]]


def _problem(index: int, indicator: str, message: str) -> dict[str, Any]:
    return {"index": index, "indicator": indicator, "message": message}


def _answers(
    submission: Submission, rows: list[Row]
) -> tuple[dict[str, tuple[int, Answer]], list[dict[str, Any]]]:
    items = submission.campaign.items.select_related("indicator")
    indicators = {item.indicator.code: item.indicator for item in items}
    answers: dict[str, tuple[int, Answer]] = {}
    problems: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        if row.indicator not in indicators:
            problems.append(_problem(index, row.indicator, "not in this campaign's questionnaire"))
        elif row.indicator in answers:
            problems.append(_problem(index, row.indicator, "given twice in this request"))
        elif row.missing and row.missing not in Missing.values:
            reasons = ", ".join(Missing.values)
            problems.append(_problem(index, row.indicator, f"missing must be one of: {reasons}"))
        else:
            missing = "" if row.value is not None else row.missing
            answer = Answer(indicators[row.indicator], row.value, missing, row.comment.strip())
            answers[row.indicator] = (index, answer)
    return answers, problems


@transaction.atomic
def submit_values(submission: Submission, rows: list[Row], *, by: Any) -> Saved:
    """Validate every row like the Excel upload does; store all of them or none.

    Raises PermissionDenied before looking at any row when `by` may not enter this hromada's
    answers (a validation message quotes stored values, which are not theirs to read),
    ApiError(422) with one entry per problem (index, indicator, message), or ApiError(409)
    when the questionnaire is closed."""
    if not can_enter(by, submission.territory):
        raise PermissionDenied("This token may not write this hromada's answers.")
    if not entry_open(submission):
        raise ApiError(409, "The questionnaire is closed for changes.")
    answers, problems = _answers(submission, rows)
    warnings: list[dict[str, Any]] = []
    if not problems:
        territory = submission.territory_id
        given = [
            Checked(territory, c, a.value, a.missing, a.comment) for c, (_i, a) in answers.items()
        ]
        verdict = check_answers(submission.campaign, given, territory_ids=[territory])
        unexplained = set(verdict.unexplained)
        for flag in verdict.flags:
            index, _answer = answers.get(flag.code, (-1, None))
            where = {"index": index if index >= 0 else None, "indicator": flag.code}
            if flag.is_error:
                problems.append({**where, "message": flag.message})
            elif flag in unexplained:
                warnings.append({**where, "message": flag.message})
    if problems:
        raise ApiError(
            422, "Nothing was saved: correct these rows and send again.", errors=problems
        )
    try:
        save_answers(
            submission,
            [answer for _index, answer in answers.values()],
            by=by,
            reason=ObservationHistory.Reason.API,
        )
    except CollectionError as error:  # e.g. a value already published
        raise ApiError(409, error.message) from error
    return Saved(len(answers), warnings)
