"""Moving a submission through review: submit, return, verify, publish, reopen, correct.

Each action is atomic, checks who asks, moves the state with an audit row
(SubmissionEvent), sets the values' status through record_observations (so every value
change is in ObservationHistory) and tells the people concerned by e-mail.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.collection import notify
from hromada.collection.entry_actions import check_can_edit
from hromada.collection.errors import CollectionError
from hromada.collection.models import State, Submission, ValueNote
from hromada.collection.permissions import can_publish, can_review
from hromada.collection.queries import submission_verdict
from hromada.collection.transitions import move
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Indicator, Observation, ObservationHistory, Status
from hromada.territories.models import Territory

WORKFLOW = ObservationHistory.Reason.WORKFLOW


def _set_status(submission: Submission, status: str, *, by: User | None, comment: str = "") -> int:
    campaign = submission.campaign
    rows = (
        Observation.all_objects.filter(
            territory_id=submission.territory_id,
            indicator_id__in=campaign.items.values("indicator_id"),
            year=campaign.year,
        )
        # A value published before (by another campaign or an import) stays published:
        # returning or verifying this submission must not withdraw it without a reason.
        .exclude(status=Status.PUBLISHED)
        .values_list("indicator_id", "sex", "value", "missing")
    )
    # The total and the values for women and men of a by-sex indicator move together.
    inputs = [
        ValueInput(submission.territory_id, indicator_id, campaign.year, sex, value, missing)
        for indicator_id, sex, value, missing in rows
    ]
    summary = record_observations(inputs, by=by, reason=WORKFLOW, status=status, comment=comment)
    return summary.changed + summary.new


@transaction.atomic
def submit_submission(submission: Submission, *, by: User | None, comment: str = "") -> None:
    """Errors block; every warning needs a comment on its value."""
    check_can_edit(submission, by)
    verdict = submission_verdict(submission)
    errors = [f"{f.code}: {f.message}" for f in verdict.errors]
    unexplained = [f"{f.code}: {f.message}" for f in verdict.unexplained]
    if errors:
        raise CollectionError(_("Correct the errors before submitting."), errors)
    if unexplained:
        raise CollectionError(_("Explain each warning in the value's comment."), unexplained)
    _set_status(submission, "submitted", by=by, comment=comment)
    move(submission, State.SUBMITTED, by=by, comment=comment)
    submission.reopened = False
    submission.save(update_fields=["reopened"])
    notify.send("submitted", notify.coordinators_of(submission), {"submission": submission})


@transaction.atomic
def return_submission(
    submission: Submission, *, by: User | None, notes: dict[int, str], comment: str = ""
) -> None:
    """Send back for correction, with a note on each value to look at."""
    if not can_review(by, submission.territory):
        raise PermissionDenied
    notes = {pk: text.strip() for pk, text in notes.items() if text.strip()}
    if not notes and not comment.strip():
        raise CollectionError(_("Say what to correct: a note on a value or a comment."))
    valid = set(submission.campaign.items.values_list("indicator_id", flat=True))
    submission.notes.update(return_note="")
    for indicator_id, text in notes.items():
        if indicator_id not in valid:
            raise PermissionDenied
        ValueNote.objects.update_or_create(
            submission=submission, indicator_id=indicator_id, defaults={"return_note": text}
        )
    _set_status(submission, "draft", by=by, comment=comment)
    move(submission, State.RETURNED, by=by, comment=comment)
    notify.send("returned", notify.officials_of(submission), {"submission": submission,
                "comment": comment, "notes": _named(notes)})  # fmt: skip


def _named(notes: dict[int, str]) -> list[tuple[Indicator, str]]:
    indicators = Indicator.objects.in_bulk(list(notes))
    return [(indicators[pk], text) for pk, text in notes.items()]


@transaction.atomic
def verify_submission(submission: Submission, *, by: User | None, comment: str = "") -> None:
    if not can_review(by, submission.territory):
        raise PermissionDenied
    _set_status(submission, "verified", by=by, comment=comment)
    move(submission, State.VERIFIED, by=by, comment=comment)
    notify.send("verified", notify.officials_of(submission), {"submission": submission})


@transaction.atomic
def publish_submission(submission: Submission, *, by: User | None, comment: str = "") -> int:
    """Make the values public; the published data version moves on."""
    if not can_publish(by):
        raise PermissionDenied
    if submission.state != State.VERIFIED:
        raise CollectionError(_("Only a verified submission can be published."))
    count = _set_status(submission, "published", by=by, comment=comment)
    move(submission, State.PUBLISHED, by=by, comment=comment)
    recipients = notify.officials_of(submission) + notify.coordinators_of(submission)
    notify.send("published", recipients, {"submission": submission})
    return count


@transaction.atomic
def reopen_submission(submission: Submission, *, by: User | None, comment: str = "") -> None:
    """Let a hromada enter data after the deadline (or again after submitting)."""
    if not can_publish(by):
        raise PermissionDenied
    if submission.state in (State.SUBMITTED, State.VERIFIED):
        _set_status(submission, "draft", by=by, comment=comment)
        move(submission, State.RETURNED, by=by, comment=comment or _("reopened"))
    was_reopened = submission.reopened
    submission.reopened = True
    submission.save(update_fields=["reopened"])
    record_audit(
        action="collection.submission.reopen",
        obj=submission,
        by=by,
        changes={"reopened": (was_reopened, True)},
        reason=comment,
    )


@transaction.atomic
def correct_published_value(
    territory: Territory, indicator: Indicator, year: int, value: float | None, *,
    missing: str = "", reason: str, by: User | None,
) -> None:  # fmt: skip
    """An analyst's correction of a published value; the old one stays in history."""
    if not can_publish(by):
        raise PermissionDenied
    if not reason.strip():
        raise CollectionError(_("A correction needs a reason."))
    if value is None and not missing:
        raise CollectionError(_("Enter the corrected value or why it is missing."))
    item = ValueInput(
        territory.pk, indicator.pk, year, "", value, "" if value is not None else missing
    )
    record_observations(
        [item], by=by, reason=ObservationHistory.Reason.CORRECTION, status="published",
        comment=reason.strip(),
    )  # fmt: skip
