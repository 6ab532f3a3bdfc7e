"""A mark that this instance holds synthetic demo data, so every page can say so."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.indicators.models import Indicator
from hromada.territories.models import Territory


class DemoDataset(models.Model):
    built_at = models.DateTimeField(auto_now=True)
    seed = models.PositiveIntegerField(default=2012)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"demo (seed {self.seed})"


class PlantedError(models.Model):
    """A data error put into the demo on purpose, for the collection checks to find."""

    class Kind(models.TextChoices):
        UNIT_SLIP = "unit_slip", _("unit slip (UAH entered instead of thousand UAH)")
        SWAPPED = "swapped", _("values of two indicators swapped")
        PART_OVER_TOTAL = "part_over_total", _("part larger than its total")
        JUMP = "jump", _("sudden jump")
        NEGATIVE = "negative", _("negative count")

    territory = models.ForeignKey(Territory, models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=1, blank=True, default="")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    description = models.TextField()
    original_value = models.FloatField()
    planted_value = models.FloatField()

    class Meta:
        verbose_name = _("planted data error")
        verbose_name_plural = _("planted data errors")
        ordering = ["year", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "indicator", "year", "sex"], name="unique_planted_error"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.indicator_id}/{self.territory_id}/{self.year}"
