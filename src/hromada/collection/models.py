"""The yearly collection cycle: a Campaign asks, a Submission answers, every step is logged.

A campaign is a year's questionnaire (sections of base indicators) sent to a set of
hromadas. Each hromada's answers are a Submission whose state moves along
not started -> draft -> submitted -> (returned -> submitted)* -> verified -> published;
each move leaves a SubmissionEvent. The values themselves are Observations written through
hromada.indicators.actions.record_observations, so their history lives there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hromada.indicators.models import Indicator
from hromada.territories.models import Territory

DEFAULT_CHANGE_THRESHOLD = 0.5


def _localised(uk: str, en: str) -> str:
    return en if get_language() == "en" and en else uk


class Campaign(models.Model):
    year = models.PositiveSmallIntegerField(_("reporting year"))
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    reminder_days = models.JSONField(_("reminder days before the deadline"), default=list)
    all_members = models.BooleanField(_("all member hromadas report"), default=True)
    change_threshold = models.FloatField(
        _("year-over-year change that raises a warning"), default=DEFAULT_CHANGE_THRESHOLD
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self.name_uk, self.name_en)


class Section(models.Model):
    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(default=0)
    title_uk = models.CharField(_("title (Ukrainian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["campaign", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _localised(self.title_uk, self.title_en)


class Item(models.Model):
    """One question of the questionnaire: a base indicator, in a section, in an order."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    required = models.BooleanField(_("required"), default=True)
    help_uk = models.TextField(_("help (Ukrainian)"), blank=True)
    help_en = models.TextField(_("help (English)"), blank=True)
    change_threshold = models.FloatField(_("own change threshold"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "indicator"], name="unique_campaign_item")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.indicator_id}"

    @property
    def help(self) -> str:
        return _localised(self.help_uk, self.help_en)


class ValidationRule(models.Model):
    """An analyst's check over indicator codes, e.g. `education.pupils >= education.pupils_grade1`.

    The expression is true (1) when the data are fine; where it is false (0) the rule
    raises its message. Missing operands decide nothing (the formula engine gives NaN).
    """

    class Severity(models.TextChoices):
        ERROR = "error", _("error")
        WARNING = "warning", _("warning")

    expression = models.TextField(_("expression"))
    severity = models.CharField(
        _("severity"), max_length=8, choices=Severity.choices, default=Severity.ERROR
    )
    message_uk = models.CharField(_("message (Ukrainian)"), max_length=300)
    message_en = models.CharField(_("message (English)"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.expression

    @property
    def message(self) -> str:
        return _localised(self.message_uk, self.message_en)


class State(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    VERIFIED = "verified", _("verified")
    PUBLISHED = "published", _("published")


EDITABLE_STATES = (State.NOT_STARTED, State.DRAFT, State.RETURNED)


class Submission(models.Model):
    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="submissions")
    territory = models.ForeignKey(Territory, models.PROTECT, related_name="+")
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.NOT_STARTED
    )
    reopened = models.BooleanField(_("reopened after the deadline"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["campaign", "territory__name_uk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "territory"], name="unique_submission")
        ]
        indexes = [models.Index(fields=["campaign", "state"], name="submission_state")]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.territory_id}: {self.state}"


class ValueNote(models.Model):
    """What people said about one value of a submission: the official's comment (an
    explanation of a warning, or why the value is missing) and the reviewer's return note."""

    submission = models.ForeignKey(Submission, models.CASCADE, related_name="notes")
    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    return_note = models.TextField(_("reviewer's note"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator"], name="unique_value_note")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}/{self.indicator_id}"


class SubmissionEvent(models.Model):
    submission = models.ForeignKey(Submission, models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=12, choices=State.choices)
    to_state = models.CharField(max_length=12, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.from_state} → {self.to_state}"


class ReminderSent(models.Model):
    """One reminder e-mail round for one hromada, so a rerun never sends it twice."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="+")
    territory = models.ForeignKey(Territory, models.CASCADE, related_name="+")
    days_before = models.SmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "territory", "days_before"], name="unique_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.territory_id} -{self.days_before}d"
