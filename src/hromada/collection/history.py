"""The collection's audit trail as its pages show it, read from the one audit log."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hromada.audit.display import AuditLine, Vocabulary, readable
from hromada.audit.queries import done_by
from hromada.collection.models import State, ValidationRule
from hromada.indicators.actions import VALUES_AUDIT_PREFIX
from hromada.indicators.models import Status

VOCABULARY = Vocabulary(
    actions={
        "collection.submission.start": _("Started filling in"),
        "collection.submission.edit": _("Resumed editing"),
        "collection.submission.submit": _("Submitted"),
        "collection.submission.return": _("Returned for correction"),
        "collection.submission.verify": _("Verified"),
        "collection.submission.publish": _("Published"),
        "collection.submission.reopen": _("Reopened"),
        "collection.submission.comment": _("Commented on values"),
        "collection.campaign.create": _("Campaign created"),
        "collection.campaign.update": _("Campaign changed"),
        "collection.campaign.remind": _("Reminders sent"),
        "collection.value.back_to_draft": _("A reviewed value was changed and became a draft"),
        "collection.rule.create": _("Validation rule created"),
        "indicators.observation.form": _("Values entered in the form"),
        "indicators.observation.import": _("Values uploaded from a file"),
        "indicators.observation.api": _("Values sent through the API"),
        "indicators.observation.workflow": _("Status of the values changed"),
        "indicators.observation.correction": _("Published value corrected"),
    },
    fields={
        "state": _("State"),
        "status": _("Status of the values"),
        "new": _("New values"),
        "changed": _("Changed values"),
        "reopened": _("Reopened"),
        "values": _("Values"),
        "indicator": _("Indicator"),
        "expression": _("Expression"),
        "severity": _("Severity"),
    },
    choices={"state": State, "status": Status, "severity": ValidationRule.Severity},
)


def audit_of_user(user_id: int, limit: int) -> list[AuditLine]:
    """The newest workflow steps and value changes of one user, in the reader's language."""
    entries = done_by(user_id, ("collection.", VALUES_AUDIT_PREFIX))[:limit]
    return readable(entries, VOCABULARY)
