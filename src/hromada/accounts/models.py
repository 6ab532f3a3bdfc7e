"""Users of Hromada and the one role each of them plays."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.accounts.permissions import is_administrator
from hromada.accounts.roles import SCOPE_LEVEL, Role
from hromada.territories.models import Level, Territory

__all__ = ["SCOPE_LEVEL", "Role", "User", "scope_error"]


class User(AbstractUser):
    """A person who signs in. The role and its territory decide what they may see and do.

    An official's territory is their hromada; a coordinator's is their oblast; analysts and
    administrators work country-wide and have none. A user with no role is a registered
    member of the public.
    """

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    territory = models.ForeignKey(
        "territories.Territory",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("territory of responsibility"),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=["official", "coordinator"])
                | models.Q(territory__isnull=False),
                name="scoped_roles_have_a_territory",
            )
        ]

    def clean(self) -> None:
        super().clean()
        message = scope_error(self.role, self.territory)
        if message:
            raise ValidationError({"territory": message})

    def has_perm(self, perm: str, obj: models.Model | None = None) -> bool:
        """Administrators may do everything in the admin, like Django's superusers."""
        return is_administrator(self) or super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return is_administrator(self) or super().has_module_perms(app_label)


def scope_error(role: str, territory: Territory | None) -> str:
    """Why this territory cannot go with this role; empty when they fit together."""
    level = SCOPE_LEVEL.get(role)
    if level is None:
        if territory is None:
            return ""
        return str(_("Only hromada officials and regional coordinators have a territory."))
    if territory is None:
        return str(_("Choose the territory this role is responsible for."))
    if territory.level == level:
        return ""
    if level == Level.HROMADA:
        return str(
            _("A hromada official needs a hromada; %(name)s is not a hromada.")
            % {"name": territory.name}
        )
    return str(
        _("A regional coordinator needs an oblast; %(name)s is not an oblast.")
        % {"name": territory.name}
    )
