"""Every change to users and their roles goes through these functions."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import transaction

from hromada.accounts import permissions
from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.territories.models import Territory


@dataclass(frozen=True)
class NewUser:
    user: User
    password: str
    password_was_generated: bool


def generate_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def create_user(
    username: str,
    *,
    role: str,
    territory: Territory | None = None,
    email: str = "",
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    by: User | None = None,
) -> NewUser:
    """Create a user in a role. `by` is the administrator doing it; None means the command line.

    Raises ValidationError when the username is taken, the e-mail is malformed, the territory
    does not fit the role, or the given password is too weak.
    """
    if by is not None and not permissions.can_manage_users(by):
        raise PermissionDenied
    user = User(
        username=username,
        role=role,
        territory=territory,
        email=email,
        first_name=first_name,
        last_name=last_name,
    )
    user.full_clean(exclude=["password"])
    generated = password is None
    chosen = generate_password() if password is None else password
    if not generated:
        validate_password(chosen, user)
    user.set_password(chosen)
    user.save()
    record_audit(
        action="accounts.user.create",
        obj=user,
        by=by,
        changes={"role": ("", role), "territory": (None, territory)},
    )
    return NewUser(user=user, password=chosen, password_was_generated=generated)


@transaction.atomic
def grant_role(
    user: User, *, role: str, territory: Territory | None, by: User | None, reason: str = ""
) -> User:
    """Give a user a role and its territory (or take the role away with role="").

    Raises ValidationError when the territory does not fit the role.
    """
    if by is not None and not permissions.can_manage_users(by):
        raise PermissionDenied
    locked = (
        User.objects.select_for_update(of=("self",)).select_related("territory").get(pk=user.pk)
    )
    old_role, old_territory = locked.role, locked.territory
    user.role, user.territory = role, territory
    user.full_clean(exclude=["password"])
    user.save(update_fields=["role", "territory"])
    record_audit(
        action="accounts.user.grant_role",
        obj=user,
        by=by,
        changes={"role": (old_role, role), "territory": (old_territory, territory)},
        reason=reason,
    )
    return user
