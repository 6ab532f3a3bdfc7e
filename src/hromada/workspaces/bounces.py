"""Addresses the mail provider cannot deliver to: reported through django-anymail's tracking
webhooks (bounces, spam complaints, refusals), skipped by the association's mailings, and
cleared by an analyst when the address is fixed.

The webhook is the provider's word, checked by anymail (the shared WEBHOOK_SECRET, and the
provider's own signature where it has one); this module only records what it reports.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.audit.actions import record_audit
from hromada.lib.ukrainian_order import sort_key
from hromada.members.models import Person
from hromada.workspaces.models import DeliveryProblem, Undeliverable

# anymail's normalised event types that mean "stop sending to this address".
STOPPING_EVENTS = {
    "bounced": DeliveryProblem.BOUNCED,
    "complained": DeliveryProblem.COMPLAINED,
    "rejected": DeliveryProblem.REJECTED,
    "unsubscribed": DeliveryProblem.UNSUBSCRIBED,
}


def normal_address(address: str) -> str:
    return address.strip().lower()


def record_report(
    *,
    event_type: str,
    address: str,
    provider: str = "",
    detail: str = "",
    at: dt.datetime | None = None,
) -> Undeliverable | None:
    """Mark the address for a stopping event; other events (delivered, opened, deferred)
    change nothing and return None. A repeated report counts up and keeps the first date."""
    problem = STOPPING_EVENTS.get(event_type)
    address = normal_address(address or "")
    if problem is None or not address:
        return None
    at = at or timezone.now()
    with transaction.atomic():
        row = Undeliverable.objects.select_for_update().filter(address=address).first()
        before = row.problem if row is not None else ""
        if row is None:
            row = Undeliverable(address=address, first_at=at, reports=0)
        row.problem = problem
        row.provider = provider[:40]
        row.detail = detail[:2000]
        row.last_at = max(at, row.last_at) if row.last_at else at
        row.reports += 1
        row.save()
        record_audit(
            action="workspaces.address.undeliverable",
            obj=row,
            changes={"problem": (before, problem)},
            reason=_("reported by the mail provider %(provider)s") % {"provider": provider},
        )
    return row


def clear(row: Undeliverable, *, by: Any) -> None:
    """The address works again (fixed, or the complaint withdrawn): mailings resume."""
    if not permissions.is_analyst(by):
        raise PermissionDenied(_("Only analysts clear undeliverable addresses."))
    with transaction.atomic():
        record_audit(
            action="workspaces.address.clear",
            obj=row,
            by=by,
            changes={"problem": (row.problem, "")},
        )
        row.delete()


def deliverable(people: QuerySet[Person]) -> QuerySet[Person]:
    """The people whose address no provider has reported as undeliverable."""
    return people.annotate(address_lower=Lower("email")).exclude(
        address_lower__in=Undeliverable.objects.values("address")
    )


def is_undeliverable(address: str) -> bool:
    return Undeliverable.objects.filter(address=normal_address(address)).exists()


def listing() -> list[tuple[Undeliverable, list[Person]]]:
    """Every undeliverable address with the registry people who have it, for analysts."""
    rows = list(Undeliverable.objects.all())
    people: dict[str, list[Person]] = {}
    holders = Person.objects.annotate(address_lower=Lower("email")).filter(
        address_lower__in=[row.address for row in rows]
    )
    for person in sorted(holders.select_related("hromada"), key=lambda p: sort_key(p.full_name)):
        people.setdefault(person.email.lower(), []).append(person)
    return [(row, people.get(row.address, [])) for row in rows]
