"""Every change to the registry: atomic, permission-checked, and leaving an audit row.

`by` is the user who acts. `None` means the operator at the command line (a trusted shell
account, as for every management command); web pages and the admin always pass the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.members.models import (
    Dues,
    Membership,
    MembershipChange,
    MembershipStatus,
    Person,
    RegionalBranch,
    Section,
)
from hromada.territories.models import Level, Territory

MEMBERSHIP_FIELDS = ("joined_on", "decision", "note")
BRANCH_FIELDS = ("oblast", "name_uk", "name_en", "address", "email", "phone")
PERSON_FIELDS = ("full_name", "position", "hromada", "email", "phone", "consent", "consent_on")
SECTION_FIELDS = (
    "code",
    "name_uk",
    "name_en",
    "description_uk",
    "description_en",
    "order",
    "is_active",
)


def require_manager(by: User | None) -> None:
    if by is not None and not permissions.can_manage_members(by):
        raise PermissionDenied(_("Only the association's analysts manage the member registry."))


def _not_in_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | Decimal):
        return str(value)
    if isinstance(value, Territory):
        return value.code
    return value


@transaction.atomic
def admit_member(
    territory: Territory,
    *,
    joined_on: dt.date,
    decision: str = "",
    note: str = "",
    by: User | None,
) -> Membership:
    require_manager(by)
    if territory.level != Level.HROMADA:
        raise ValidationError({"territory": _("Only a hromada can be a member.")})
    if Membership.objects.filter(territory=territory).exists():
        raise ValidationError(
            {"territory": _("This hromada already has a membership; change its status instead.")}
        )
    _not_in_future(joined_on, "joined_on")
    membership = Membership.objects.create(
        territory=territory, joined_on=joined_on, decision=decision, note=note
    )
    MembershipChange.objects.create(
        membership=membership,
        new_status=MembershipStatus.ACTIVE,
        effective_on=joined_on,
        reason=decision,
        changed_by=by,
    )
    record_audit(
        action="members.membership.admit",
        obj=membership,
        by=by,
        changes={"status": (None, MembershipStatus.ACTIVE), "joined_on": (None, joined_on)},
        reason=decision,
    )
    return membership


ALLOWED_CHANGES = {
    MembershipStatus.ACTIVE: {MembershipStatus.SUSPENDED, MembershipStatus.LEFT},
    MembershipStatus.SUSPENDED: {MembershipStatus.ACTIVE, MembershipStatus.LEFT},
    MembershipStatus.LEFT: {MembershipStatus.ACTIVE},
}


@transaction.atomic
def change_membership_status(
    membership: Membership,
    *,
    status: str,
    on: dt.date,
    reason: str,
    by: User | None,
) -> MembershipChange:
    """Suspend, reinstate, or record that a member left; the old status stays in history."""
    require_manager(by)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    old = MembershipStatus(membership.status)
    new = MembershipStatus(status)
    if new not in ALLOWED_CHANGES[old]:
        raise ValidationError(
            {
                "status": _("A membership cannot change from “%(old)s” to “%(new)s”.")
                % {"old": old.label, "new": new.label}
            }
        )
    _not_in_future(on, "on")
    if on < membership.joined_on:
        raise ValidationError({"on": _("The date is before the hromada joined.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    membership.status = new
    membership.left_on = on if new == MembershipStatus.LEFT else None
    membership.save(update_fields=["status", "left_on", "updated_at"])
    change = MembershipChange.objects.create(
        membership=membership,
        old_status=old,
        new_status=new,
        effective_on=on,
        reason=reason,
        changed_by=by,
    )
    record_audit(
        action="members.membership.change_status",
        obj=membership,
        by=by,
        changes={"status": (old, new), "effective_on": (None, on)},
        reason=reason,
    )
    return change


@transaction.atomic
def record_dues(
    membership: Membership,
    *,
    year: int,
    amount: Decimal,
    paid_on: dt.date | None = None,
    by: User | None,
) -> Dues:
    """Set a year's dues (creating or correcting them)."""
    require_manager(by)
    if amount < 0:
        raise ValidationError({"amount": _("Dues cannot be negative.")})
    if paid_on is not None:
        _not_in_future(paid_on, "paid_on")
    dues = Dues.objects.select_for_update().filter(membership=membership, year=year).first()
    old: dict[str, object] = {"amount": dues.amount, "paid_on": dues.paid_on} if dues else {}
    if dues is None:
        dues = Dues(membership=membership, year=year)
    dues.amount = amount
    dues.paid_on = paid_on
    dues.save()
    record_audit(
        action="members.dues.record",
        obj=dues,
        by=by,
        changes={"amount": (old.get("amount"), amount), "paid_on": (old.get("paid_on"), paid_on)},
    )
    return dues


@transaction.atomic
def mark_dues_paid(dues: Dues, *, paid_on: dt.date, by: User | None) -> Dues:
    require_manager(by)
    _not_in_future(paid_on, "paid_on")
    old = dues.paid_on
    dues.paid_on = paid_on
    dues.save(update_fields=["paid_on"])
    record_audit(
        action="members.dues.mark_paid", obj=dues, by=by, changes={"paid_on": (old, paid_on)}
    )
    return dues


def _check_person(fields: dict[str, Any]) -> None:
    hromada = fields.get("hromada")
    if hromada is not None and hromada.level != Level.HROMADA:
        raise ValidationError({"hromada": _("Choose a hromada, not another kind of territory.")})
    if fields.get("consent") and fields.get("consent_on") is None:
        fields["consent_on"] = timezone.localdate()
    if not fields.get("consent"):
        fields["consent_on"] = None


@transaction.atomic
def create_person(*, by: User | None, sections: Iterable[Section] = (), **fields: Any) -> Person:
    """Add an official or contact; `fields` are among PERSON_FIELDS."""
    require_manager(by)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    _check_person(fields)
    person = Person(**fields)
    person.full_clean(exclude=["sections"])
    person.save()
    person.sections.set(list(sections))
    record_audit(
        action="members.person.create",
        obj=person,
        by=by,
        changes={k: (None, _plain(v)) for k, v in fields.items()},
    )
    return person


@transaction.atomic
def update_person(
    person: Person, *, by: User | None, sections: Iterable[Section] | None = None, **fields: Any
) -> Person:
    require_manager(by)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    merged = {name: getattr(person, name) for name in PERSON_FIELDS} | fields
    _check_person(merged)
    changes: dict[str, tuple[object, object]] = {
        name: (_plain(getattr(person, name)), _plain(value))
        for name, value in merged.items()
        if getattr(person, name) != value
    }
    for name, value in merged.items():
        setattr(person, name, value)
    person.full_clean(exclude=["sections"])
    person.save()
    if sections is not None:
        chosen = list(sections)
        old_codes = sorted(person.sections.values_list("code", flat=True))
        person.sections.set(chosen)
        new_codes = sorted(s.code for s in chosen)
        if old_codes != new_codes:
            changes["sections"] = (old_codes, new_codes)
    record_audit(action="members.person.update", obj=person, by=by, changes=changes)
    return person


def _save_fields(
    obj: Any, allowed: tuple[str, ...], fields: dict[str, Any]
) -> dict[str, tuple[object, object]]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changes = {
        name: (_plain(getattr(obj, name)), _plain(value))
        for name, value in fields.items()
        if getattr(obj, name) != value
    }
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return changes


@transaction.atomic
def save_section(section: Section, *, by: User | None, **fields: Any) -> Section:
    """Create (an unsaved `section`) or edit a professional section."""
    require_manager(by)
    action = "members.section.update" if section.pk else "members.section.create"
    changes = _save_fields(section, SECTION_FIELDS, fields)
    record_audit(action=action, obj=section, by=by, changes=changes)
    return section


@transaction.atomic
def save_branch(branch: RegionalBranch, *, by: User | None, **fields: Any) -> RegionalBranch:
    """Create (an unsaved `branch`) or edit a regional branch."""
    require_manager(by)
    action = "members.branch.update" if branch.pk else "members.branch.create"
    changes = _save_fields(branch, BRANCH_FIELDS, fields)
    record_audit(action=action, obj=branch, by=by, changes=changes)
    return branch


@transaction.atomic
def update_membership_details(
    membership: Membership, *, by: User | None, **fields: Any
) -> Membership:
    """Correct the date of joining, the decision or the note; the status has its own action."""
    require_manager(by)
    if "joined_on" in fields:
        _not_in_future(fields["joined_on"], "joined_on")
    changes = _save_fields(membership, MEMBERSHIP_FIELDS, fields)
    record_audit(action="members.membership.update", obj=membership, by=by, changes=changes)
    return membership
