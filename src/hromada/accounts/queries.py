"""What the "My account" page shows: the role, its scope, and where the work is."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.accounts.models import Role, User
from hromada.territories.models import Territory


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class MyAccount:
    user: User
    role: str
    role_label: str
    territory: Territory | None
    scope: str
    links: list[Link] = field(default_factory=list)


def my_account(user: User) -> MyAccount:
    role = permissions.role_of(user)
    territory = permissions.scope_of(user)
    return MyAccount(
        user=user,
        role=role,
        role_label=str(Role(role).label) if role else _("Member of the public"),
        territory=territory,
        scope=_scope(role, territory),
        links=_links(user, territory),
    )


def _scope(role: str, territory: Territory | None) -> str:
    if territory is not None and role == Role.OFFICIAL:
        return _("Hromada: %(name)s") % {"name": territory.name}
    if territory is not None and role == Role.COORDINATOR:
        return _("Oblast: %(name)s") % {"name": territory.name}
    if role in {Role.ANALYST, Role.ADMINISTRATOR}:
        return _("The whole country")
    return _("No area of responsibility")


def _links(user: User, territory: Territory | None) -> list[Link]:
    links: list[Link] = []
    if territory is not None:
        detail = reverse("territories:detail", kwargs={"code": territory.code})
        links.append(Link(territory.name, detail, _("public page")))
        if territory.level == "hromada" and permissions.can_view_private_hromada(user, territory):
            workspace = reverse("members:workspace", kwargs={"code": territory.code})
            links.append(Link(_("Workspace of the hromada"), workspace, _("for members only")))
    if permissions.has_country_scope(user):
        links.append(Link(_("All territories"), reverse("territories:browse")))
    if permissions.can_access_admin(user):
        links.append(Link(_("Administration"), reverse("admin:index"), _("users and registries")))
    return links
