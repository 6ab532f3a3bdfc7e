"""Releases: the only way verified values become public.

A Release is a dated, named event (preliminary or final) announced in advance with a
scheduled date and, once published, holding `history_mark`: the newest ObservationHistory
row it includes. The values "as of a release" (its vintage) are the latest history row of
each key up to that mark, so a published figure can be reproduced after later revisions.
A per-release snapshot (rank tables, aggregates) can be keyed by the release's id.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    class Kind(models.TextChoices):
        PRELIMINARY = "preliminary", _("preliminary")
        FINAL = "final", _("final")

    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    note_uk = models.TextField(_("note (Ukrainian)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    campaign = models.ForeignKey(
        "collection.Campaign",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="releases",
        verbose_name=_("campaign"),
    )
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    scheduled_on = models.DateField(_("scheduled for"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The newest ObservationHistory id included: what the public saw at this release.
    history_mark = models.BigIntegerField(null=True, blank=True)
    new_count = models.PositiveIntegerField(_("new values"), default=0)
    revised_count = models.PositiveIntegerField(_("revised values"), default=0)
    withdrawn_count = models.PositiveIntegerField(_("withdrawn values"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["-published_at", "-scheduled_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_year__lte=models.F("last_year")),
                name="release_years_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_uk

    @property
    def note(self) -> str:
        return self.note_en if get_language() == "en" and self.note_en else self.note_uk

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def years_label(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"
