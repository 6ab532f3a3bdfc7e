"""Who a registry person is in their hromada, read from the position they hold.

The registry keeps a free-text position ("Сільський голова", "секретар ради", ...); surveys
(respondents) and mailings (segments) ask for a role, and this is the one rule that maps
the position to it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PersonRole(models.TextChoices):
    HEAD = "head", _("head of the hromada")
    SECRETARY = "secretary", _("secretary of the council")


def in_role(role: str) -> Q:
    """People whose position says they hold `role` (a deputy head is not the head)."""
    if role == PersonRole.HEAD:
        return Q(position__icontains="голова") & ~Q(position__icontains="заступник")
    if role == PersonRole.SECRETARY:
        return Q(position__icontains="секретар")
    raise ValueError(f"unknown role {role!r}")
