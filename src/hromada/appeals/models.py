"""Members' problems taken to government: a problem raised by one hromada and joined by others,
letters to bodies with deadlines in working days, answers, redirects and the members' feedback.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.lib.languages import in_language


class BodyKind(models.TextChoices):
    CABINET = "cabinet", _("the Cabinet of Ministers")
    MINISTRY = "ministry", _("ministry")
    AGENCY = "agency", _("central agency")
    RADA_COMMITTEE = "rada_committee", _("committee of the Verkhovna Rada")
    PRESIDENT = "president", _("the Office of the President")
    OTHER = "other", _("other body")


class Body(models.Model):
    """A government body the association writes to."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    deadline_days = models.PositiveSmallIntegerField(_("days to answer (working days)"), default=20)

    class Meta:
        verbose_name = _("government body")
        verbose_name_plural = _("government bodies")
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_uk, self.name_en)


class ProblemState(models.TextChoices):
    NEW = "new", _("new")
    IN_WORK = "in_work", _("being prepared")
    SENT = "sent", _("sent to government")
    ANSWERED = "answered", _("answered")
    SOLVED = "solved", _("solved")
    UNSOLVED = "unsolved", _("closed without a solution")
    MERGED = "merged", _("merged into another problem")


class Problem(models.Model):
    title = models.CharField(_("what the problem is"), max_length=300)
    description = models.TextField(_("details"))
    since = models.DateField(_("since when"), null=True, blank=True)
    legal_act = models.CharField(_("the legal act concerned"), max_length=300, blank=True)
    hromada = models.ForeignKey(
        "territories.Territory",
        models.PROTECT,
        related_name="+",
        verbose_name=_("raised by hromada"),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    section = models.ForeignKey(
        "members.Section",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("section"),
    )
    tags = models.CharField(_("subjects (comma-separated)"), max_length=300, blank=True)
    evidence_indicator = models.ForeignKey(
        "indicators.Indicator",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indicator that measures it"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ProblemState.choices, default=ProblemState.NEW
    )
    merged_into = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="merged"
    )
    is_public = models.BooleanField(_("published"), default=False)
    public_summary = models.TextField(_("summary for the public (no personal data)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["-raised_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    """A hromada that has the problem: the one that raised it, and each that joined."""

    class Feedback(models.TextChoices):
        SOLVED = "solved", _("solved for us")
        PARTLY = "partly", _("partly solved")
        NOT_SOLVED = "not_solved", _("not solved for us")

    problem = models.ForeignKey(Problem, models.CASCADE, related_name="participations")
    hromada = models.ForeignKey("territories.Territory", models.PROTECT, related_name="+")
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    details = models.TextField(_("how it affects us"), blank=True)
    feedback = models.CharField(
        _("is it solved?"), max_length=10, choices=Feedback.choices, blank=True
    )
    feedback_at = models.DateTimeField(null=True, blank=True)
    feedback_asked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("hromada with the problem")
        verbose_name_plural = _("hromadas with the problem")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["problem", "hromada"], name="participation_once")
        ]

    def __str__(self) -> str:
        return f"{self.problem} / {self.hromada}"


class Dispatch(models.Model):
    """One letter about a problem to one body, with its legal deadline in working days."""

    problem = models.ForeignKey(Problem, models.CASCADE, related_name="dispatches")
    body = models.ForeignKey(
        Body, models.PROTECT, related_name="dispatches", verbose_name=_("body")
    )
    sent_on = models.DateField(_("sent on"))
    outgoing_number = models.CharField(_("outgoing number"), max_length=60, blank=True)
    deadline = models.DateField(_("answer due by"))
    letter = models.FileField(_("letter"), upload_to="appeals/letters/", blank=True)
    redirected_from = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("redirected from"),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_reminder_on = models.DateField(_("last reminder"), null=True, blank=True)
    template = models.ForeignKey(
        "LetterTemplate",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("letter template version"),
    )

    class Meta:
        verbose_name = _("letter to a body")
        verbose_name_plural = _("letters to bodies")
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.body} {self.sent_on}"


class Outcome(models.TextChoices):
    SOLVED = "solved", _("solved")
    PARTLY = "partly", _("partly solved")
    REFUSED = "refused", _("refused")
    REDIRECTED = "redirected", _("redirected to another body")


class Answer(models.Model):
    dispatch = models.OneToOneField(Dispatch, models.CASCADE, related_name="answer")
    received_on = models.DateField(_("received on"))
    incoming_number = models.CharField(_("their number"), max_length=60, blank=True)
    summary = models.TextField(_("what they answered"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    redirected_to = models.ForeignKey(
        Body,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("redirected to"),
    )
    document = models.FileField(_("the answer (PDF)"), upload_to="appeals/answers/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="redirected") | models.Q(redirected_to__isnull=False),
                name="answer_redirect_names_the_body",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dispatch} → {self.outcome}"

    @property
    def on_time(self) -> bool:
        return self.received_on <= self.dispatch.deadline


class EvidenceFile(models.Model):
    """A file that shows the problem: for the problem as a whole (participation empty) or
    for one hromada that has it. Stored 0600 under MEDIA_ROOT and served only through a
    view that checks who may see the problem."""

    problem = models.ForeignKey(Problem, models.CASCADE, related_name="files")
    participation = models.ForeignKey(
        Participation,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("hromada"),
    )
    title = models.CharField(_("what the file shows"), max_length=300)
    file = models.FileField(_("file"), upload_to="appeals/evidence/")
    file_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size, bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class LetterTemplate(models.Model):
    """One version of the text letters to bodies are made from. Editing saves a new version;
    the newest is used, and each letter keeps the version it was made from."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text = models.TextField(_("text of the letter"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter template versions")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version}"
