"""A membership's history as the registry shows it: read from the one audit log."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hromada.audit.display import AuditLine, Vocabulary, readable
from hromada.audit.queries import history_of
from hromada.members.models import Membership, MembershipStatus

HISTORY_LENGTH = 20

VOCABULARY = Vocabulary(
    actions={
        "members.membership.admit": _("Admitted to the association"),
        "members.membership.change_status": _("Status changed"),
        "members.membership.update": _("Details corrected"),
        "members.membership.admin_change": _("Changed in the administration"),
    },
    fields={
        "status": _("Status"),
        "effective_on": _("Effective on"),
        "joined_on": _("Joined on"),
        "decision": _("Decision"),
        "note": _("Note"),
    },
    choices={"status": MembershipStatus},
)


def membership_history(membership: Membership) -> list[AuditLine]:
    """The newest changes of one membership, with translated actions and statuses."""
    entries = history_of(Membership._meta.label_lower, str(membership.pk))[:HISTORY_LENGTH]
    return readable(entries, VOCABULARY)
