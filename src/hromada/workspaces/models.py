"""A section's own work: who chairs it, its meetings and its documents.

Membership of a section is `members.Person.sections`; this room adds only what the registry
does not hold.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from hromada.lib.languages import in_language


class Chair(models.Model):
    """A person who chairs a section; chairs manage its meetings and documents."""

    section = models.ForeignKey(
        "members.Section", models.CASCADE, related_name="+", verbose_name=_("section")
    )
    person = models.ForeignKey(
        "members.Person", models.CASCADE, related_name="+", verbose_name=_("person")
    )
    since = models.DateField(_("chairs since"))

    class Meta:
        verbose_name = _("section chair")
        verbose_name_plural = _("section chairs")
        ordering = ["since", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["section", "person"], name="one_chair_row_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.section}"


class Meeting(models.Model):
    section = models.ForeignKey(
        "members.Section", models.CASCADE, related_name="+", verbose_name=_("section")
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    agenda = models.TextField(_("agenda"))
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Unpublished meetings are seen by members only.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class StoredFile(models.Model):
    """A file kept in the database (section documents, project documents, news files): the
    bytes are only ever served through a permission check, and an upload is all-or-nothing."""

    title = models.CharField(_("title"), max_length=300)
    file_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size, bytes"))
    content = models.BinaryField(_("content"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


class Document(StoredFile):
    """A file of a section. The bytes live in the database so that internal documents are
    only ever served through a permission check, and an upload is all-or-nothing."""

    section = models.ForeignKey(
        "members.Section", models.CASCADE, related_name="+", verbose_name=_("section")
    )
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-pk"]


class NewsState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for moderation")
    PUBLISHED = "published", _("published")


class NewsItem(models.Model):
    """A news item by staff, a section or a branch. The body is HTML sanitised on save by
    the action; the English version is optional and falls back to the Ukrainian one."""

    title = models.CharField(_("title"), max_length=300)
    lead = models.TextField(_("lead"))
    body = models.TextField(_("body (HTML)"))
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    lead_en = models.TextField(_("lead (English)"), blank=True)
    body_en = models.TextField(_("body (English, HTML)"), blank=True)
    tags = models.CharField(_("tags (comma-separated)"), max_length=300, blank=True)
    section = models.ForeignKey(
        "members.Section",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("section"),
    )
    oblast = models.ForeignKey(
        "territories.Territory",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oblast"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=NewsState.choices, default=NewsState.DRAFT
    )
    publish_at = models.DateTimeField(_("published from"), null=True, blank=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-publish_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def _in_language(self, uk: str, en: str) -> str:
        return en if get_language() == "en" and self.title_en and en else uk

    @property
    def shown_title(self) -> str:
        return self._in_language(self.title, self.title_en)

    @property
    def shown_lead(self) -> str:
        return self._in_language(self.lead, self.lead_en)

    @property
    def shown_body(self) -> str:
        return self._in_language(self.body, self.body_en)

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class Topic(models.TextChoices):
    """What the weekly digest is made of; a person may stop any of them."""

    NEWS = "news", _("news of the association")
    LEGISLATION = "legislation", _("bills followed by your sections")
    COLLECTION = "collection", _("data collection deadlines")
    EVENTS = "events", _("training events")


class OptOut(models.Model):
    """A person's "no more of this topic". It belongs to the person, not to a list or segment,
    so redrawing segments (by oblast, section, role) never brings a topic back."""

    person = models.ForeignKey(
        "members.Person", models.CASCADE, related_name="+", verbose_name=_("person")
    )
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["person", "topic"], name="one_opt_out_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.person} − {self.topic}"


class DigestSent(models.Model):
    """One row per person and week: sending the same week's digest again skips them."""

    person = models.ForeignKey(
        "members.Person", models.CASCADE, related_name="+", verbose_name=_("person")
    )
    week = models.DateField(_("week starting"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(fields=["person", "week"], name="one_digest_per_week")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.week}"


class DeliveryProblem(models.TextChoices):
    BOUNCED = "bounced", _("bounced")
    COMPLAINED = "complained", _("marked as spam")
    REJECTED = "rejected", _("refused by the provider")
    UNSUBSCRIBED = "unsubscribed", _("unsubscribed at the provider")


class Undeliverable(models.Model):
    """An address the mail provider reported as bounced, complained about or refused. The
    association's mailings skip it until an analyst clears it (the address was fixed)."""

    address = models.EmailField(
        pgettext_lazy("undeliverable mail", "address"), unique=True
    )  # stored lower-case
    problem = models.CharField(
        pgettext_lazy("undeliverable mail", "problem"),
        max_length=12,
        choices=DeliveryProblem.choices,
    )
    provider = models.CharField(
        pgettext_lazy("undeliverable mail", "provider"), max_length=40, blank=True
    )
    detail = models.TextField(pgettext_lazy("undeliverable mail", "provider's words"), blank=True)
    first_at = models.DateTimeField(pgettext_lazy("undeliverable mail", "first reported"))
    last_at = models.DateTimeField(pgettext_lazy("undeliverable mail", "last reported"))
    reports = models.PositiveIntegerField(pgettext_lazy("undeliverable mail", "reports"), default=1)

    class Meta:
        verbose_name = _("undeliverable address")
        verbose_name_plural = _("undeliverable addresses")
        ordering = ["-last_at", "address"]

    def __str__(self) -> str:
        return self.address


class Affiliation(models.Model):
    """The association's membership of an international body (CEMR and others)."""

    name_uk = models.CharField(_("name (Ukrainian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=200, blank=True, help_text=_("e.g. full member, observer")
    )
    since = models.DateField(_("member since"), null=True, blank=True)
    until = models.DateField(_("member until"), null=True, blank=True)
    url = models.URLField(_("web site"), blank=True)
    note = models.TextField(_("what it gives the hromadas"), blank=True)

    class Meta:
        verbose_name = _("international membership")
        verbose_name_plural = _("international memberships")
        ordering = ["since", "name_uk"]

    def __str__(self) -> str:
        return self.acronym or self.name_uk

    @property
    def shown_name(self) -> str:
        return in_language(self.name_uk, self.name_en)


class Partner(models.Model):
    """An organisation the association works with: a partner or a funder of projects."""

    name_uk = models.CharField(_("name (Ukrainian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    url = models.URLField(_("web site"), blank=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name_uk"]

    def __str__(self) -> str:
        return self.name_uk

    @property
    def shown_name(self) -> str:
        return in_language(self.name_uk, self.name_en)


class Project(models.Model):
    """A partner project the association takes part in, with the hromadas involved; shown on
    the section, branch and hromada pages it touches once published."""

    title_uk = models.CharField(_("title (Ukrainian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary_uk = models.TextField(_("summary (Ukrainian)"))
    summary_en = models.TextField(_("summary (English)"), blank=True)
    programme = models.CharField(_("programme"), max_length=300, blank=True)
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="projects", verbose_name=_("partners")
    )
    funders = models.ManyToManyField(
        Partner, blank=True, related_name="funded_projects", verbose_name=_("funders")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    hromadas = models.ManyToManyField(
        "territories.Territory",
        blank=True,
        related_name="+",
        verbose_name=_("hromadas taking part"),
    )
    sections = models.ManyToManyField(
        "members.Section", blank=True, related_name="+", verbose_name=_("sections")
    )
    results = models.TextField(_("results"), blank=True)
    url = models.URLField(_("project's web site"), blank=True)
    news = models.ManyToManyField(
        NewsItem, blank=True, related_name="+", verbose_name=_("news about it")
    )
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partner project")
        verbose_name_plural = _("partner projects")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title_uk

    @property
    def shown_title(self) -> str:
        return in_language(self.title_uk, self.title_en)

    @property
    def shown_summary(self) -> str:
        return in_language(self.summary_uk, self.summary_en)


class ProjectDocument(StoredFile):
    """A project's file (report, agreement, publication); public with a published project."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="documents", verbose_name=_("project")
    )

    class Meta:
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
        ordering = ["-uploaded_at", "-pk"]


class SectionArea(models.Model):
    """An indicator area in a section's field (education for the education section, ...):
    its indicators are listed on the section's page with the latest release."""

    section = models.ForeignKey(
        "members.Section", models.CASCADE, related_name="+", verbose_name=_("section")
    )
    area = models.ForeignKey(
        "indicators.Area", models.CASCADE, related_name="+", verbose_name=_("indicator area")
    )

    class Meta:
        verbose_name = _("indicator area of a section")
        verbose_name_plural = _("indicator areas of sections")
        constraints = [
            models.UniqueConstraint(fields=["section", "area"], name="one_row_per_section_area")
        ]

    def __str__(self) -> str:
        return f"{self.section} · {self.area}"


class NewsFile(StoredFile):
    """An image or file of a news item, served with the item (the body may show an image by
    its address); stored in the database like section documents."""

    item = models.ForeignKey(
        NewsItem, models.CASCADE, related_name="files", verbose_name=_("news item")
    )

    class Meta:
        verbose_name = _("news file")
        verbose_name_plural = _("news files")
        ordering = ["uploaded_at", "pk"]

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
