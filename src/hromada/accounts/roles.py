"""The roles a user can play and the level of territory each scoped role works in.

Kept apart from the models so that `permissions` (which decides from the role) and `models`
(whose User asks `permissions` whether it may use the admin) import it without a cycle.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.territories.models import Level


class Role(models.TextChoices):
    OFFICIAL = "official", _("Hromada official")
    COORDINATOR = "coordinator", _("Regional coordinator")
    ANALYST = "analyst", _("Analyst")
    ADMINISTRATOR = "administrator", _("Administrator")


# The level of the territory a scoped role works in; other roles work country-wide.
SCOPE_LEVEL: dict[str, str] = {Role.OFFICIAL: Level.HROMADA, Role.COORDINATOR: Level.OBLAST}
