"""Government dialogue: meetings where the association spoke, and people's deputies."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.legislation.models.bills import Bill
from hromada.legislation.models.positions import Position


class BodyKind(models.TextChoices):
    CABINET = "cabinet", _("Cabinet of Ministers")
    GOVERNMENT_COMMITTEE = "gov_committee", _("government committee")
    RADA_COMMITTEE = "rada_committee", _("Rada committee")
    PRESIDENT = "president", _("President's office")
    MINISTRY = "ministry", _("ministry")


class GovernmentMeeting(models.Model):
    """A meeting with government where the association's representatives spoke."""

    body_kind = models.CharField(_("kind of body"), max_length=20, choices=BodyKind.choices)
    body = models.CharField(_("body"), max_length=300)
    held_on = models.DateField(_("held on"))
    representatives = models.TextField(_("the association's representatives"))
    outcome = models.TextField(_("outcome"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("government meeting")
        verbose_name_plural = _("government meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.body} {self.held_on}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(GovernmentMeeting, models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("agenda item"), max_length=300)
    bill = models.ForeignKey(
        Bill, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("bill")
    )
    position = models.ForeignKey(
        Position,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("position voiced"),
    )
    voiced = models.TextField(_("what the association said"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agenda_item_order_once")
        ]

    def __str__(self) -> str:
        return self.title


class MP(models.Model):
    """A people's deputy from the Rada's MP open data; `in_group` marks the inter-faction group
    "for local self-government"."""

    rada_id = models.CharField(_("Rada's id"), max_length=40, unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    faction = models.CharField(_("faction or group"), max_length=300, blank=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    district = models.CharField(_("electoral district"), max_length=40, blank=True)
    in_group = models.BooleanField(_("member of the inter-faction group"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("people's deputy")
        verbose_name_plural = _("people's deputies")
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return self.full_name
