"""Who may read which observations. Every page and export reads values through here."""

from __future__ import annotations

from typing import Any

from hromada.accounts import permissions
from hromada.indicators.models import Observation, ObservationQuerySet, Publication


def visible_observations(user: Any) -> ObservationQuerySet:
    """Published values for everyone, plus unpublished ones within the user's scope."""
    return Observation.all_objects.visible_to(user)


def may_see_unpublished(user: Any) -> bool:
    return permissions.unpublished_scope(user) is not None


def published_version() -> int:
    """The current published data version (0 before anything was published)."""
    return Publication.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
