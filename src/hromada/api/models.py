"""API tokens: a secret shown once, stored only as its SHA-256, with scopes and a scope."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.territories.models import Territory


class Scope(models.TextChoices):
    READ_DRAFTS = "read_drafts", _("read unpublished values")
    WRITE_DRAFTS = "write_drafts", _("write draft values")
    READ_SURVEY_ANSWERS = "read_survey_answers", _("read survey answers (analysts)")


class ApiToken(models.Model):
    """A token acts as its user. A hromada token is further limited to that one hromada."""

    name = models.CharField(_("name"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    hromada = models.ForeignKey(
        Territory,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hromada"),
    )
    scopes = models.JSONField(_("scopes"), default=list)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    user_id: int
    hromada_id: int | None
    objects: ClassVar[models.Manager[ApiToken]] = models.Manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def allows(self, scope: str) -> bool:
        return scope in self.scopes
