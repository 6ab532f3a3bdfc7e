"""Consultations of members on a bill: the draft's articles and members' comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hromada.legislation.models.bills import Bill
from hromada.legislation.models.positions import Position


class Audience(models.TextChoices):
    ALL = "all", _("all member hromadas")
    SECTION = "section", _("one professional section")
    OBLAST = "oblast", _("member hromadas of one oblast")


class Consultation(models.Model):
    """Members asked about a bill's articles between two dates, then consolidated by analysts."""

    bill = models.ForeignKey(
        Bill, models.PROTECT, related_name="consultations", verbose_name=_("bill")
    )
    title = models.CharField(_("title"), max_length=300)
    question = models.TextField(_("what the association asks"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    audience = models.CharField(
        _("addressed to"), max_length=10, choices=Audience.choices, default=Audience.ALL
    )
    section = models.ForeignKey(
        "members.Section",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("section"),
    )
    oblast = models.ForeignKey(
        "territories.Territory",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oblast"),
    )
    position = models.ForeignKey(
        Position,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("consolidated into"),
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-closes_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(audience="all", section__isnull=True, oblast__isnull=True)
                    | models.Q(audience="section", section__isnull=False, oblast__isnull=True)
                    | models.Q(audience="oblast", oblast__isnull=False, section__isnull=True)
                ),
                name="consultation_names_its_audience",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Article(models.Model):
    """One article or provision of the draft, shown to members to comment on."""

    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="articles")
    order = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("article or provision"), max_length=200)
    text = models.TextField(_("text of the draft"))

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "order"], name="article_order_once")
        ]

    def __str__(self) -> str:
        return self.label


class Opinion(models.TextChoices):
    SUPPORT = "support", pgettext_lazy("opinion on an article", "support")
    OBJECT = "object", pgettext_lazy("opinion on an article", "object")
    WORDING = "wording", pgettext_lazy("opinion on an article", "propose other wording")


class Comment(models.Model):
    """A member's comment on one article, made on behalf of their hromada."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("author")
    )
    hromada = models.ForeignKey(
        "territories.Territory", models.PROTECT, related_name="+", verbose_name=_("hromada")
    )
    opinion = models.CharField(_("opinion"), max_length=10, choices=Opinion.choices)
    text = models.TextField(_("comment"), blank=True)
    wording = models.TextField(_("proposed wording"), blank=True)
    taken_into_account = models.BooleanField(_("taken into the position"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.article} {self.opinion}"
