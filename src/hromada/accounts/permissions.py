"""The one place that decides who may see and do what.

Views, the admin, commands and (later) the API ask these functions; none of them looks at
`user.role` directly. Roles: an official is scoped to one hromada, a regional coordinator
to one oblast, analysts and administrators work country-wide; anonymous visitors are the
public.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hromada.accounts.roles import Role
from hromada.territories.models import Territory, TerritoryQuerySet


def unpublished_scope(user: Any) -> Q | None:
    """The territories whose unpublished values the user may see (a filter on `territory` of
    any model that has one); Q() for all of them, None for none at all."""
    role = role_of(user)
    if role in {Role.ANALYST, Role.ADMINISTRATOR}:
        return Q()
    if role == Role.COORDINATOR and user.territory_id:
        return Q(territory__oblast_id=user.territory_id)
    if role == Role.OFFICIAL and user.territory_id:
        return Q(territory_id=user.territory_id)
    return None


def role_of(user: Any) -> str:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ""
    if user.is_superuser:
        return Role.ADMINISTRATOR
    return str(user.role or "")


def is_association_staff(user: Any) -> bool:
    """Coordinators, analysts and administrators: the people who work for the association."""
    return role_of(user) in {Role.COORDINATOR, Role.ANALYST, Role.ADMINISTRATOR}


def is_analyst(user: Any) -> bool:
    return role_of(user) in {Role.ANALYST, Role.ADMINISTRATOR}


def is_administrator(user: Any) -> bool:
    return role_of(user) == Role.ADMINISTRATOR


def has_country_scope(user: Any) -> bool:
    """Analysts and administrators: every territory of the country is within their reach."""
    return role_of(user) in {Role.ANALYST, Role.ADMINISTRATOR}


def scope_of(user: Any) -> Territory | None:
    """The one territory a scoped role works in: an official's hromada, a coordinator's oblast."""
    if role_of(user) in {Role.OFFICIAL, Role.COORDINATOR}:
        territory: Territory | None = user.territory
        return territory
    return None


def covers(user: Any, territory: Territory) -> bool:
    """Whether the territory lies within the user's area of responsibility."""
    role = role_of(user)
    if role in {Role.ANALYST, Role.ADMINISTRATOR}:
        return True
    if role == Role.COORDINATOR:
        return user.territory_id is not None and territory.oblast_id == user.territory_id
    if role == Role.OFFICIAL:
        return user.territory_id is not None and territory.pk == user.territory_id
    return False


def can_view_private_hromada(user: Any, territory: Territory) -> bool:
    """A hromada's own workspace: its officials, its oblast's coordinator, analysts."""
    return covers(user, territory)


def can_view_contacts(user: Any) -> bool:
    """Personal data of officials and contacts is for the association's staff only."""
    return is_association_staff(user)


def can_manage_members(user: Any) -> bool:
    return is_analyst(user)


def can_edit_territory_status(user: Any) -> bool:
    return is_analyst(user)


def can_read_audit_log(user: Any) -> bool:
    """The whole audit log names people and unpublished changes: analysts and administrators."""
    return is_analyst(user)


def can_see_all_jobs(user: Any) -> bool:
    """Analysts see every background job; everyone else sees the jobs they started."""
    return is_analyst(user)


def covered_territories(user: Any, territories: TerritoryQuerySet) -> TerritoryQuerySet:
    """The part of `territories` that `covers` admits, as one filter for lists."""
    role = role_of(user)
    if role in {Role.ANALYST, Role.ADMINISTRATOR}:
        return territories
    if role == Role.COORDINATOR and user.territory_id is not None:
        return territories.filter(oblast_id=user.territory_id)
    if role == Role.OFFICIAL and user.territory_id is not None:
        return territories.filter(pk=user.territory_id)
    return territories.none()


def can_access_admin(user: Any) -> bool:
    """Django's admin is for administrators only, whatever `is_staff` says."""
    return is_administrator(user)


def can_manage_users(user: Any) -> bool:
    """Create users, give them roles and territories."""
    return is_administrator(user)
