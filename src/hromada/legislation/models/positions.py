"""The association's positions on bills, their versions and letters, and impact models.

A position is public once published; every change of its text keeps the earlier one as a
PositionVersion. An ImpactModel is a formula over the catalogue evaluated for every hromada
(one ImpactResult each).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hromada.legislation.models.bills import Bill, Subject


class Stance(models.TextChoices):
    SUPPORT = "support", _("support")
    AMEND = "amend", _("support with amendments")
    OPPOSE = "oppose", _("oppose")


class Position(models.Model):
    """The association's position on a bill (or a draft), public once published."""

    bill = models.ForeignKey(
        Bill,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("bill"),
    )
    title = models.CharField(_("title"), max_length=300)
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    summary = models.TextField(_("why, in short"))
    proposals = models.TextField(_("proposed wording"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="positions", verbose_name=_("subjects")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("the association's stance on a bill", "position")
        verbose_name_plural = _("positions")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_on is not None


class PositionVersion(models.Model):
    """The text of a position as it stood before each change: its history, kept whole."""

    position = models.ForeignKey(Position, models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    stance = models.CharField(max_length=10, choices=Stance.choices)
    title = models.CharField(max_length=300)
    summary = models.TextField()
    proposals = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["position", "version"], name="position_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.position} v{self.version}"


class Letter(models.Model):
    """A letter that carried a position to a body: the Rada committee, the Cabinet, a ministry."""

    position = models.ForeignKey(Position, models.CASCADE, related_name="letters")
    addressee = models.CharField(_("addressee"), max_length=300)
    sent_on = models.DateField(_("sent on"))
    outgoing_number = models.CharField(_("outgoing number"), max_length=60, blank=True)
    document = models.FileField(_("document"), upload_to="legislation/letters/", blank=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.addressee} {self.sent_on}"


class ImpactModel(models.Model):
    """A position's measured effect: a formula over the catalogue, evaluated per hromada."""

    position = models.OneToOneField(
        Position,
        models.CASCADE,
        related_name="impact",
        verbose_name=pgettext_lazy("the association's stance on a bill", "position"),
    )
    label = models.CharField(_("what is measured"), max_length=300)
    formula = models.TextField(_("formula over the catalogue"))
    year = models.PositiveSmallIntegerField(_("year of the statistics"))
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=0)
    assumptions = models.TextField(_("assumptions"))
    additive = models.BooleanField(
        _("figures add up (an amount, not a rate per resident)"),
        default=True,
        help_text=_("Totals by oblast and type are shown for amounts, averages for rates."),
    )
    computed_at = models.DateTimeField(null=True, blank=True)
    # What the figures were computed from: the Publication (the data version; 0: none yet)
    # and the analytics snapshot (a plain id: older snapshots are dropped; None: none ready).
    data_version = models.PositiveIntegerField(default=0)
    computed_snapshot = models.BigIntegerField(null=True, blank=True)
    # The engine's refusal when the figures could not follow newer statistics (an input left
    # the catalogue); the figures from before stay. Empty once a computation works.
    refresh_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("impact model")
        verbose_name_plural = _("impact models")

    def __str__(self) -> str:
        return self.label


class ImpactResult(models.Model):
    """One hromada's figure under an impact model (only hromadas with every input)."""

    model = models.ForeignKey(ImpactModel, models.CASCADE, related_name="results")
    territory = models.ForeignKey("territories.Territory", models.CASCADE, related_name="+")
    value = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "territory"], name="impact_result_once")
        ]
        indexes = [models.Index(fields=["territory", "model"])]

    def __str__(self) -> str:
        return f"{self.model} {self.territory_id} {self.value}"
