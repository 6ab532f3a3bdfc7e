"""The territorial spine: the KATOTTG hierarchy of Ukraine.

oblast (or a city with special status) > raion > hromada > settlement, plus city districts.
Codes are never deleted: a code that vanishes from a newer codifier gets `valid_to`.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    OBLAST = "oblast", _("Oblast")
    RAION = "raion", _("Raion")
    HROMADA = "hromada", _("Hromada")
    SETTLEMENT = "settlement", _("Settlement")
    DISTRICT = "district", _("City district")


class Category(models.TextChoices):
    """Category letters exactly as the codifier prints them."""

    OBLAST = "O", _("Oblast or the Autonomous Republic of Crimea")
    SPECIAL_CITY = "K", _("City with special status")
    RAION = "P", _("Raion")
    HROMADA = "H", _("Territorial hromada")
    CITY = "M", _("City")
    SETTLEMENT = "X", pgettext_lazy("codifier category", "Settlement")
    VILLAGE = "C", _("Village")
    URBAN_SETTLEMENT = "T", _("Urban-type settlement")
    CITY_DISTRICT = "B", _("City district")


class HromadaType(models.TextChoices):
    CITY = "city", _("city hromada")
    SETTLEMENT = "settlement", _("settlement hromada")
    VILLAGE = "village", _("village hromada")


class TerritoryQuerySet(models.QuerySet["Territory"]):
    def valid(self) -> TerritoryQuerySet:
        return self.filter(valid_to__isnull=True)

    def hromadas(self) -> TerritoryQuerySet:
        """Territorial communities: hromadas and the two cities with special status."""
        return self.filter(level=Level.HROMADA)

    def oblasts(self) -> TerritoryQuerySet:
        return self.filter(level=Level.OBLAST)


class Territory(models.Model):
    code = models.CharField(_("KATOTTG code"), max_length=19, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    category = models.CharField(_("category"), max_length=1, choices=Category.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children"
    )
    # Denormalised so that "everything in this oblast / raion" is one indexed filter.
    oblast = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", db_index=True
    )
    raion = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="+")
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    # Lower-cased uk and en names and the code with apostrophes unified, for search.
    search_text = models.CharField(max_length=500, db_index=True, editable=False)
    hromada_type = models.CharField(
        _("hromada type"), max_length=10, choices=HromadaType.choices, blank=True
    )
    centre = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("administrative centre"),
    )
    is_crimea = models.BooleanField(
        _("Crimea or Sevastopol"), default=False, help_text=_("Outside the mainland registry.")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects: ClassVar[TerritoryQuerySet] = TerritoryQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "name_uk"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, falling back to Ukrainian."""
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_uk

    @property
    def is_valid(self) -> bool:
        return self.valid_to is None


class TerritoryBoundary(models.Model):
    """A simplified polygon for the web, kept apart so territory lists never load it."""

    territory = models.OneToOneField(Territory, models.CASCADE, related_name="boundary")
    geometry = models.JSONField(_("GeoJSON geometry"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("boundary")
        verbose_name_plural = _("boundaries")

    def __str__(self) -> str:
        return str(self.territory)


class WarStatus(models.TextChoices):
    OCCUPIED = "occupied", _("temporarily occupied")
    HOSTILITIES = "hostilities", _("area of hostilities")


class TerritoryStatus(models.Model):
    """A wartime status of a territory over a period; later modules use it to explain gaps."""

    territory = models.ForeignKey(Territory, models.CASCADE, related_name="statuses")
    status = models.CharField(_("status"), max_length=12, choices=WarStatus.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Who recorded and who last changed the status; empty when it came from a file import.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("wartime status")
        verbose_name_plural = _("wartime statuses")
        ordering = ["territory", "start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "status", "start_date"], name="unique_territory_status_start"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="territory_status_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory}: {self.get_status_display()}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()


class CodifierImport(models.Model):
    """One run of the codifier import: what file, and what it changed."""

    file_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    retired = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d})"


class FormerName(models.Model):
    """A name a territory was known by before a codifier renamed it (e.g. the 2024
    renamings). Files from elsewhere still use old names; matching by name needs them."""

    territory = models.ForeignKey(Territory, models.CASCADE, related_name="former_names")
    name_uk = models.CharField(_("former name (Ukrainian)"), max_length=200)
    replaced_on = models.DateField(_("replaced on"), null=True, blank=True)

    objects: ClassVar[models.Manager[FormerName]] = models.Manager()

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["territory", "name_uk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "name_uk"], name="unique_former_name")
        ]

    def __str__(self) -> str:
        return f"{self.name_uk} → {self.territory}"
