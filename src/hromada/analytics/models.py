"""Peer groups an analyst defines: a rule over hromada attributes, or a saved list.

The built-in groups (same type, same population band, same oblast, all members, all
hromadas) are not stored: they follow from the territories and are resolved in peers.py.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hromada.territories.models import Territory


class PeerGroup(models.Model):
    class Kind(models.TextChoices):
        RULE = "rule", _("rule")
        LIST = "list", _("saved list")

    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.RULE)
    # Rule groups: every non-empty condition must hold (AND); values within one are OR.
    hromada_types = models.JSONField(_("hromada types"), default=list, blank=True)
    bands = models.JSONField(_("population bands"), default=list, blank=True)
    oblasts: models.ManyToManyField[Territory, Any] = models.ManyToManyField(
        Territory, blank=True, related_name="+", verbose_name=_("oblasts")
    )
    members_only = models.BooleanField(_("association members only"), default=False)
    # Saved lists: exactly these hromadas.
    hromadas: models.ManyToManyField[Territory, Any] = models.ManyToManyField(
        Territory, blank=True, related_name="+", verbose_name=_("hromadas")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects: ClassVar[models.Manager[PeerGroup]] = models.Manager()

    class Meta:
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")
        ordering = ["name_uk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_uk

    @property
    def key(self) -> str:
        return f"g{self.pk}"
