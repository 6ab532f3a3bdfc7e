"""Filling in answers: one field from the web form (autosave), or many from a workbook.

Values are written as drafts through record_observations (the one write path, with
history); comments go to ValueNote. Entry is open while the submission is editable and
the campaign is open, or after an analyst reopened it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.collection.errors import CollectionError
from hromada.collection.models import EDITABLE_STATES, Campaign, State, Submission, ValueNote
from hromada.collection.permissions import can_enter
from hromada.collection.transitions import move
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Indicator, Missing, Observation, ObservationHistory


@dataclass(frozen=True)
class Answer:
    indicator: Indicator
    value: float | None
    missing: str
    comment: str
    sex: str = ""  # "f" or "m": the value for women or for men of a by-sex indicator


def entry_open(submission: Submission, today: Any = None) -> bool:
    campaign: Campaign = submission.campaign
    today = today or timezone.localdate()
    if submission.state not in EDITABLE_STATES:
        return False
    return submission.reopened or campaign.opens_on <= today <= campaign.closes_on


def check_can_edit(submission: Submission, by: Any) -> None:
    if not can_enter(by, submission.territory):
        raise PermissionDenied
    if not entry_open(submission):
        raise CollectionError(_("This questionnaire is closed for changes."))


def _store(submission: Submission, answers: list[Answer], *, by: Any, reason: str) -> None:
    year = submission.campaign.year
    inputs = [
        ValueInput(
            submission.territory_id,
            a.indicator.pk,
            year,
            a.sex if a.indicator.by_sex else "",
            a.value,
            "" if a.value is not None else (a.missing or Missing.NOT_REPORTED),
        )
        for a in answers
        if a.value is not None or a.missing
    ]
    record_observations(inputs, by=by, reason=reason, status="draft")
    notes = {n.indicator_id: n for n in submission.notes.all()}
    for answer in answers:
        if answer.sex:
            continue  # the comment belongs to the indicator, given with its total
        note = notes.get(answer.indicator.pk)
        if note is None and answer.comment:
            ValueNote.objects.create(
                submission=submission, indicator=answer.indicator, comment=answer.comment
            )
        elif note is not None and note.comment != answer.comment:
            note.comment = answer.comment
            note.save(update_fields=["comment"])
    if submission.state == State.NOT_STARTED:
        move(submission, State.DRAFT, by=by)


def _clear(submission: Submission, indicator: Indicator, *, by: Any, sex: str = "") -> None:
    """An emptied field: the stored draft becomes 'not reported' so the gap is explicit."""
    record_observations(
        [ValueInput(submission.territory_id, indicator.pk, submission.campaign.year, sex, None,
                    Missing.NOT_REPORTED)],
        by=by, reason=ObservationHistory.Reason.FORM, status="draft",
    )  # fmt: skip


@transaction.atomic
def save_answer(submission: Submission, answer: Answer, *, by: Any) -> None:
    """Autosave of one field of the web form."""
    check_can_edit(submission, by)
    if not submission.campaign.items.filter(indicator=answer.indicator).exists():
        raise PermissionDenied
    if answer.sex and not answer.indicator.by_sex:
        raise PermissionDenied
    if answer.value is None and not answer.missing:
        if not answer.sex and (
            submission.notes.filter(indicator=answer.indicator).exists() or answer.comment
        ):
            _store(submission, [answer], by=by, reason=ObservationHistory.Reason.FORM)
        if _has_value(submission, answer.indicator, answer.sex):
            _clear(submission, answer.indicator, by=by, sex=answer.sex)
        return
    _store(submission, [answer], by=by, reason=ObservationHistory.Reason.FORM)


@transaction.atomic
def save_answer_parts(submission: Submission, answers: list[Answer], *, by: Any) -> None:
    """Autosave of one field with the values for women and men beside it, all or nothing."""
    for answer in answers:
        save_answer(submission, answer, by=by)


def _has_value(submission: Submission, indicator: Indicator, sex: str = "") -> bool:
    return Observation.all_objects.filter(
        territory_id=submission.territory_id,
        indicator=indicator,
        year=submission.campaign.year,
        sex=sex,
        value__isnull=False,
    ).exists()


@transaction.atomic
def save_answers(
    submission: Submission,
    answers: list[Answer],
    *,
    by: Any,
    reason: str = ObservationHistory.Reason.IMPORT,
) -> None:
    """Many answers at once (a workbook upload, or `reason` API for the write API); the
    caller has validated them."""
    check_can_edit(submission, by)
    _store(submission, answers, by=by, reason=reason)
