"""The states a submission may move between, and the one function that moves it (with its
audit row). Callers (the workflow actions) check who may ask for the move."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.collection.errors import CollectionError
from hromada.collection.models import State, Submission, SubmissionEvent

ALLOWED: dict[str, set[str]] = {
    State.NOT_STARTED: {State.DRAFT},
    State.DRAFT: {State.SUBMITTED},
    State.SUBMITTED: {State.RETURNED, State.VERIFIED},
    State.RETURNED: {State.SUBMITTED, State.DRAFT},
    State.VERIFIED: {State.PUBLISHED, State.RETURNED},
    State.PUBLISHED: set(),
}


def move(submission: Submission, to: str, *, by: User | None, comment: str = "") -> SubmissionEvent:
    old = submission.state
    if to not in ALLOWED[old]:
        raise CollectionError(
            _("A submission that is %(old)s cannot become %(new)s.")
            % {"old": State(old).label, "new": State(to).label}
        )
    submission.state = to
    submission.save(update_fields=["state", "updated_at"])
    user = by if getattr(by, "pk", None) else None
    record_audit(
        action=f"collection.submission.{_verb(old, to)}",
        obj=submission,
        by=user,
        changes={"state": (old, to)},
        reason=comment,
    )
    return SubmissionEvent.objects.create(
        submission=submission, from_state=old, to_state=to, by=user, comment=comment
    )


def _verb(old: str, to: str) -> str:
    """The audit verb of a move: what the person did, not only where the state went."""
    if to == State.DRAFT:
        return "start" if old == State.NOT_STARTED else "edit"
    return {
        State.SUBMITTED: "submit",
        State.RETURNED: "return",
        State.VERIFIED: "verify",
        State.PUBLISHED: "publish",
    }[State(to)]
