"""Sociological surveys of members: a questionnaire (XLSForm), its waves, invitations, answers.

Anonymity is a property of the tables, not of the pages: in an anonymous wave a Response has
no invitation, no person and no hromada, only (if the wave allows it) the hromada's type and
oblast, and it keeps the day it was submitted, never the time. The invitation says that it was
answered; nothing says with which answer.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.lib.languages import in_language
from hromada.members.models import Person, Section
from hromada.territories.models import HromadaType, Territory


def new_token() -> str:
    """A personal link's secret: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


class SurveyKind(models.TextChoices):
    MEMBERS = "members", _("survey of members")
    # Made and run by the training room for one event (learning.evaluation): reached from
    # the event's page and the attendees' links, not listed among the members' surveys.
    TRAINING_EVALUATION = "training", _("training evaluation")


class Survey(models.Model):
    """A study: its questionnaire has versions, and it is run in waves."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=SurveyKind.choices, default=SurveyKind.MEMBERS
    )
    title_uk = models.CharField(_("title (Ukrainian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_uk = models.TextField(_("description (Ukrainian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_uk, self.title_en)

    @property
    def is_training_evaluation(self) -> bool:
        return self.kind == SurveyKind.TRAINING_EVALUATION


class FormVersion(models.Model):
    """One uploaded questionnaire: the form definition pyxform made of the XLSForm workbook."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    definition: models.JSONField[Any, Any] = models.JSONField(_("form definition"))
    file_name = models.CharField(_("file"), max_length=300)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["survey", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="unique_form_version"),
        ]

    def __str__(self) -> str:
        return f"{self.survey.code} v{self.number}"


class Mode(models.TextChoices):
    CLOSED = "closed", _("closed: answers are linked to the hromada")
    ANONYMOUS = "anonymous", _("anonymous: answers cannot be traced to a person")


class RespondentRole(models.TextChoices):
    HEAD = "head", _("head of the hromada")
    SECRETARY = "secretary", _("secretary of the council")
    SECTION_CONTACT = "section", _("contact of a section")
    NAMED = "named", _("the person named in the invitation")


class PanelKind(models.TextChoices):
    OBLAST = "oblast", _("members in an oblast")
    SECTION = "section", _("members with people in a section")
    HROMADA_TYPE = "type", _("members of a type")
    PEER_GROUP = "peers", _("members in a peer group")
    CODES = "codes", _("a list of KATOTTG codes")
    # Invitations addressed by another room to named people (the participants of a training
    # event): each carries that room's reference, several may come from one hromada.
    PEOPLE = "people", _("named people (e.g. the participants of an event)")


class WaveState(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Wave(models.Model):
    """One round of a survey: a questionnaire version, a year, a panel, a mode."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="waves")
    form = models.ForeignKey(FormVersion, models.PROTECT, related_name="waves")
    year = models.PositiveSmallIntegerField(_("year"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.CLOSED)
    keeps_place = models.BooleanField(
        _("anonymous answers keep the hromada's type and oblast"), default=True
    )
    prefill = models.BooleanField(_("pre-fill answers from the previous wave"), default=False)
    closes_on = models.DateField(_("deadline"))
    state = models.CharField(
        _("state"), max_length=10, choices=WaveState.choices, default=WaveState.OPEN
    )
    panel_kind = models.CharField(_("panel"), max_length=10, choices=PanelKind.choices)
    panel_value = models.TextField(_("panel choice"), blank=True)
    role = models.CharField(_("respondent"), max_length=10, choices=RespondentRole.choices)
    # The section of a section panel, and of the section contact who answers.
    section = models.ForeignKey(
        Section, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("section")
    )
    # Set when an analyst publishes the aggregated results of a closed wave: from then on
    # the wave, its response rates and its aggregated results are public in the API.
    results_published_on = models.DateField(_("results published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        ordering = ["survey", "-year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "year"], name="one_wave_per_survey_year"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} {self.year}"

    @property
    def is_anonymous(self) -> bool:
        return self.mode == Mode.ANONYMOUS

    @property
    def results_are_public(self) -> bool:
        return self.results_published_on is not None


class InvitationState(models.TextChoices):
    INVITED = "invited", _("invited")
    STARTED = "started", _("started")
    SUBMITTED = "submitted", _("submitted")


class Invitation(models.Model):
    """A personal link for one respondent of one hromada; in-progress answers live here."""

    wave = models.ForeignKey(Wave, models.CASCADE, related_name="invitations")
    hromada = models.ForeignKey(Territory, models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, models.SET_NULL, null=True, blank=True, related_name="+")
    email = models.EmailField(_("e-mail"), blank=True)
    # Empty for a panel's invitation (one per hromada). For a wave of named people it is the
    # inviting room's own key of the person ("learning.registration:12"), one per wave.
    reference = models.CharField(_("invited as"), max_length=80, blank=True)
    # The name the inviting room gave the person, for the greeting of the e-mails; a panel's
    # invitation greets its `person` instead.
    name = models.CharField(_("addressed to"), max_length=200, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=InvitationState.choices,
        default=InvitationState.INVITED,
        db_index=True,
    )
    draft: models.JSONField[Any, Any] = models.JSONField(_("answers in progress"), default=dict)
    sent_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["wave", "hromada__name_uk"]
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "hromada"],
                condition=models.Q(reference=""),
                name="one_invitation_per_hromada",
            ),
            models.UniqueConstraint(
                fields=["wave", "reference"],
                condition=~models.Q(reference=""),
                name="one_invitation_per_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wave}: {self.hromada_id}"


class ReviewState(models.TextChoices):
    RECEIVED = "received", _("received")
    HAS_ISSUES = "issues", _("has issues")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Response(models.Model):
    """A submitted questionnaire. Random key: the order of rows says nothing about who."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, models.CASCADE, related_name="responses")
    # Closed waves only; always empty in an anonymous wave.
    invitation = models.OneToOneField(
        Invitation, models.SET_NULL, null=True, blank=True, related_name="response"
    )
    hromada = models.ForeignKey(Territory, models.PROTECT, null=True, blank=True, related_name="+")
    # Anonymous waves that keep the place: only these two coarse facts.
    oblast = models.ForeignKey(Territory, models.PROTECT, null=True, blank=True, related_name="+")
    hromada_type = models.CharField(max_length=12, choices=HromadaType.choices, blank=True)
    answers: models.JSONField[Any, Any] = models.JSONField(_("answers"), default=dict)
    submitted_on = models.DateField(_("submitted on"))
    review = models.CharField(
        _("review"), max_length=10, choices=ReviewState.choices, default=ReviewState.RECEIVED
    )
    review_comment = models.TextField(_("review comment"), blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["wave", "submitted_on"]

    def __str__(self) -> str:
        return f"{self.wave}: {self.pk}"
