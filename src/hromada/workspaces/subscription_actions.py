"""Changing what a person receives, and sending the digest.

Opt-outs are changed by the person through a signed link (holding it is the permission: it
was sent to their address); the digest is started by analysts.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.audit.actions import record_audit
from hromada.jobs.actions import start_job
from hromada.jobs.models import Job
from hromada.workspaces import digest
from hromada.workspaces.models import OptOut, Topic
from hromada.workspaces.tasks import send_weekly_digest


def set_topics(token: str, wanted: set[str]) -> list[str]:
    """Keep the topics in `wanted`, stop the others; returns the topics now stopped."""
    holder = digest.read_token(token)
    if holder is None:
        raise PermissionDenied(_("This subscription link is broken or forged."))
    unknown = wanted - set(Topic.values)
    if unknown:
        raise ValidationError(
            _("Unknown topics: %(topics)s.") % {"topics": ", ".join(sorted(unknown))}
        )
    person = holder.person
    with transaction.atomic():
        before = sorted(OptOut.objects.filter(person=person).values_list("topic", flat=True))
        stopped = sorted(set(Topic.values) - wanted)
        OptOut.objects.filter(person=person).exclude(topic__in=stopped).delete()
        for topic in stopped:
            OptOut.objects.get_or_create(person=person, topic=topic)
        record_audit(
            action="workspaces.subscription.update",
            obj=person,
            changes={"opt_outs": (before, stopped)},
            reason=_("changed through the subscription link"),
        )
    return stopped


def start_digest(segment: digest.Segment, *, by: Any) -> Job:
    if not permissions.is_analyst(by):
        raise PermissionDenied(_("Only analysts send the digest."))
    return start_job(
        send_weekly_digest,
        segment.oblast,
        segment.section,
        segment.role,
        segment.member_status,
        by=by,
        label=_("Weekly digest"),
    )
