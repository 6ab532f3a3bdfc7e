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

from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.collection.errors import CollectionError
from hromada.collection.models import EDITABLE_STATES, Campaign, State, Submission, ValueNote
from hromada.collection.permissions import can_enter
from hromada.collection.transitions import move
from hromada.indicators.actions import (
    CreatedMeanwhile,
    ValueInput,
    lock_values,
    record_observations,
)
from hromada.indicators.models import (
    Indicator,
    Missing,
    Observation,
    ObservationHistory,
    Status,
)
from hromada.lib import locking


@dataclass(frozen=True)
class Answer:
    indicator: Indicator
    value: float | None
    missing: str
    comment: str
    sex: str = ""  # "f" or "m": the value for women or for men of a by-sex indicator


@dataclass(frozen=True)
class FieldValue:
    """One stored value of a form field: its total (sex "") or its part for women or men."""

    sex: str
    value: float | None
    missing: str
    status: str = ""


@dataclass(frozen=True)
class SavedField:
    """An autosaved field; `version` is what the form sends back with its next autosave."""

    version: str


class ValueChanged(CollectionError):
    """Someone else changed the field after the page showed it; nothing was saved."""

    def __init__(self, saved: list[FieldValue], version: str) -> None:
        super().__init__(
            _("Someone else changed this value after you opened the page; yours was not saved.")
        )
        self.saved = saved
        self.version = version


# Values a reviewer has already seen: typing over them makes them drafts to review again.
REVIEWED = (Status.SUBMITTED, Status.VERIFIED)


class NeedsConfirmation(CollectionError):
    """The field holds a submitted or verified value: saving would make it a draft again.
    Nothing was saved; the person confirms and saves again, or leaves the value alone."""

    def __init__(self, status: str) -> None:
        if status == Status.VERIFIED:
            message = _(
                "This value has been verified. If you change it, it becomes a draft again "
                "and the coordinator has to verify it once more."
            )
        else:
            message = _(
                "This value has been submitted for review. If you change it, it becomes a "
                "draft again and has to be submitted once more."
            )
        super().__init__(message)
        self.status = status


def version_of(values: list[tuple[float | None, str]]) -> str:
    """The field's stored state (total first, then women, men) as a short text the page keeps
    and sends back, so a save can tell whether the value changed under the person typing."""
    return ";".join(f"{'' if v is None else repr(float(v))}/{missing}" for v, missing in values)


def entry_open(submission: Submission, today: Any = None) -> bool:
    campaign: Campaign = submission.campaign
    today = today or timezone.localdate()
    if submission.state not in EDITABLE_STATES:
        return False
    return submission.reopened or campaign.opens_on <= today <= campaign.closes_on


def check_can_edit(submission: Submission, by: User | None) -> None:
    if not can_enter(by, submission.territory):
        raise PermissionDenied
    if not entry_open(submission):
        raise CollectionError(_("This questionnaire is closed for changes."))


def refuse_published(submission: Submission, indicator_ids: set[int]) -> None:
    """Entry never touches a published value: saving a draft over it would withdraw it from
    the public without a reason. Published values change only by an analyst's correction."""
    published = (
        Observation.all_objects.filter(
            territory_id=submission.territory_id,
            year=submission.campaign.year,
            indicator_id__in=indicator_ids,
            status=Status.PUBLISHED,
        )
        .order_by("indicator__code")
        .values_list("indicator__code", flat=True)
        .distinct()
    )
    codes = list(published)
    if codes:
        raise CollectionError(
            _(
                "The values for %(year)s of %(codes)s are already published: they can be "
                "changed only by an analyst's correction with a reason."
            )
            % {"year": submission.campaign.year, "codes": ", ".join(codes)},
            codes,
        )


def _store(
    submission: Submission,
    answers: list[Answer],
    *,
    by: User | None,
    reason: str,
    refuse_created_meanwhile: bool = False,
) -> None:
    year = submission.campaign.year
    refuse_published(submission, {a.indicator.pk for a in answers})
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
    record_observations(
        inputs,
        by=by,
        reason=reason,
        status="draft",
        refuse_created_meanwhile=refuse_created_meanwhile,
    )
    notes = {n.indicator_id: n for n in submission.notes.all()}
    comments: dict[str, tuple[object, object]] = {}
    for answer in answers:
        if answer.sex:
            continue  # the comment belongs to the indicator, given with its total
        note = notes.get(answer.indicator.pk)
        if note is None and answer.comment:
            ValueNote.objects.create(
                submission=submission, indicator=answer.indicator, comment=answer.comment
            )
            comments[answer.indicator.code] = ("", answer.comment)
        elif note is not None and note.comment != answer.comment:
            comments[answer.indicator.code] = (note.comment, answer.comment)
            note.comment = answer.comment
            note.save(update_fields=["comment"])
    if comments:
        record_audit(
            action="collection.submission.comment", obj=submission, by=by, changes=comments
        )
    if submission.state == State.NOT_STARTED:
        move(submission, State.DRAFT, by=by)


def _clear(submission: Submission, indicator: Indicator, *, by: User | None, sex: str = "") -> None:
    """An emptied field: the stored draft becomes 'not reported' so the gap is explicit."""
    refuse_published(submission, {indicator.pk})
    record_observations(
        [ValueInput(submission.territory_id, indicator.pk, submission.campaign.year, sex, None,
                    Missing.NOT_REPORTED)],
        by=by, reason=ObservationHistory.Reason.FORM, status="draft",
    )  # fmt: skip


@transaction.atomic
def save_answer(
    submission: Submission,
    answer: Answer,
    *,
    by: User | None,
    refuse_created_meanwhile: bool = False,
) -> None:
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
            _store(
                submission,
                [answer],
                by=by,
                reason=ObservationHistory.Reason.FORM,
                refuse_created_meanwhile=refuse_created_meanwhile,
            )
        if _has_value(submission, answer.indicator, answer.sex):
            _clear(submission, answer.indicator, by=by, sex=answer.sex)
        return
    _store(
        submission,
        [answer],
        by=by,
        reason=ObservationHistory.Reason.FORM,
        refuse_created_meanwhile=refuse_created_meanwhile,
    )


@transaction.atomic
def save_answer_parts(
    submission: Submission,
    answers: list[Answer],
    *,
    by: User | None,
    seen: str | None = None,
    confirmed: bool = False,
) -> SavedField:
    """Autosave of one field with the values for women and men beside it, all or nothing.

    `seen` is the field's version the page showed. When the stored values differ from it,
    someone else saved in between: ValueChanged says so with their values, instead of
    overwriting them unseen. The field's rows stay locked from that check to the commit.

    A change to a submitted or verified value makes it a draft again: NeedsConfirmation
    says so before anything is saved, unless `confirmed`; a confirmed change is audited.
    """
    check_can_edit(submission, by)
    indicator = answers[0].indicator
    # Another save of this field is waited for as long as it takes (it is short); behind an
    # import holding the field's rows the save gives way at once instead of risking a
    # deadlock that could cancel the import (hromada.lib.locking.wait_briefly).
    field = (submission.territory_id, indicator.pk, submission.campaign.year)
    locking.hold(locking.VALUES, [field])  # the same lock as lock_values takes
    locking.wait_briefly()
    stored = _field_values(submission, indicator)
    if seen is not None:
        version = version_of([(f.value, f.missing) for f in stored])
        if version != seen:
            raise ValueChanged(stored, version)
    reviewed = [f for f in stored if f.status in REVIEWED]
    # Any save writes the field as a draft (a comment too), so any save asks first.
    if reviewed and not confirmed:
        raise NeedsConfirmation(max(f.status for f in reviewed))
    try:
        for answer in answers:
            save_answer(submission, answer, by=by, refuse_created_meanwhile=seen is not None)
    except CreatedMeanwhile:
        # An import created the field after our check (it takes no per-field lock): the
        # person saw it empty, so they are shown its value instead of writing over it.
        stored = _field_values(submission, indicator)
        raise ValueChanged(stored, version_of([(f.value, f.missing) for f in stored])) from None
    saved = _field_values(submission, indicator)
    if reviewed and any(f.status == Status.DRAFT for f in saved):
        record_audit(
            action="collection.value.back_to_draft",
            obj=submission,
            by=by,
            changes={
                "indicator": (None, indicator.code),
                "status": (max(f.status for f in reviewed), Status.DRAFT),
            },
            reason=_("Changed by the hromada after review, confirmed by the person typing."),
        )
    return SavedField(version_of([(f.value, f.missing) for f in saved]))


def _field_values(submission: Submission, indicator: Indicator) -> list[FieldValue]:
    """The field's stored total and parts, locked against other writers until the commit."""
    sexes = ["", "f", "m"] if indicator.by_sex else [""]
    year = submission.campaign.year
    keys = [(submission.territory_id, indicator.pk, year, sex) for sex in sexes]
    stored = lock_values(keys)
    found = [stored.get(key) for key in keys]
    return [
        FieldValue(sex, s.value, s.missing, s.status) if s else FieldValue(sex, None, "")
        for sex, s in zip(sexes, found, strict=True)
    ]


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
    by: User | None,
    reason: str = ObservationHistory.Reason.IMPORT,
) -> None:
    """Many answers at once (a workbook upload, or `reason` API for the write API); the
    caller has validated them."""
    check_can_edit(submission, by)
    _store(submission, answers, by=by, reason=reason)
