"""Thin collection-specific wrappers over hromada.accounts.permissions (the one place that
decides); each is a combination of the functions there."""

from __future__ import annotations

from typing import Any

from hromada.accounts import permissions
from hromada.territories.models import Territory


def can_manage_campaigns(user: Any) -> bool:
    return permissions.is_analyst(user)


def can_enter(user: Any, territory: Territory) -> bool:
    """Fill in a hromada's answers: its officials, its oblast's coordinator, analysts."""
    return permissions.covers(user, territory)


def can_review(user: Any, territory: Territory) -> bool:
    """Return or verify: the coordinator of the hromada's oblast, or an analyst."""
    return permissions.is_association_staff(user) and permissions.covers(user, territory)


def can_publish(user: Any) -> bool:
    return permissions.is_analyst(user)


def can_see_progress(user: Any) -> bool:
    return permissions.is_association_staff(user)
