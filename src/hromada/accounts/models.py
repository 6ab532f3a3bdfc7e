"""Users of Hromada and the one role each of them plays."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICIAL = "official", _("Hromada official")
    COORDINATOR = "coordinator", _("Regional coordinator")
    ANALYST = "analyst", _("Analyst")
    ADMINISTRATOR = "administrator", _("Administrator")


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
