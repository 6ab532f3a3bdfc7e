"""Who may read which observations. Every page and export reads values through here."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from hromada.accounts import permissions
from hromada.accounts.models import Role
from hromada.indicators.models import Observation, Publication, Status


def unpublished_scope(user: Any) -> Q | None:
    """The territories whose unpublished values the user may see; None for none at all."""
    role = permissions.role_of(user)
    if role in {Role.ANALYST, Role.ADMINISTRATOR}:
        return Q()
    if role == Role.COORDINATOR and user.territory_id:
        return Q(territory__oblast_id=user.territory_id)
    if role == Role.OFFICIAL and user.territory_id:
        return Q(territory_id=user.territory_id)
    return None


def visible_observations(user: Any) -> QuerySet[Observation]:
    """Published values for everyone, plus unpublished ones within the user's scope."""
    scope = unpublished_scope(user)
    if scope is None:
        return Observation.objects.all()
    if scope == Q():
        return Observation.all_objects.all()
    return Observation.all_objects.filter(Q(status=Status.PUBLISHED) | scope)


def may_see_unpublished(user: Any) -> bool:
    return unpublished_scope(user) is not None


def published_version() -> int:
    """The current published data version (0 before anything was published)."""
    return Publication.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
