"""Bills and their dated stages, the subjects they are tagged with, and who follows what.

Bills come from the Rada's open data (or are added by hand for drafts that are not in the Rada
yet); each change of stage is a dated BillStage row in the fixed vocabulary of `stages.Stage`,
with the Rada's own title kept. A Watch is something a person follows; an Alert is a new bill
or stage that matched one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.legislation.stages import Stage
from hromada.lib.languages import in_language
from hromada.territories.search import normalise


def search_text(*parts: str) -> str:
    """One lower-case string to search in, every apostrophe variant made one: the databases'
    LIKE ignores case only for Latin, and the full-text index (legislation/search.py) reads it."""
    return normalise(" ".join(part for part in parts if part))


class Subject(models.Model):
    """A subject of legislation (local budgets, land, education, ...), followed by sections."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    sections = models.ManyToManyField(
        "members.Section",
        blank=True,
        related_name="legislative_subjects",
        verbose_name=_("sections"),
    )

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_uk, self.name_en)


class BillSource(models.TextChoices):
    RADA = "rada", _("Verkhovna Rada open data")
    MANUAL = "manual", _("added by an analyst")


class Bill(models.Model):
    number = models.CharField(_("number"), max_length=40, unique=True)
    rada_id = models.CharField(_("Rada's id"), max_length=40, blank=True, db_index=True)
    title = models.TextField(_("title"))
    kind = models.CharField(_("kind"), max_length=200, blank=True)
    rubric = models.CharField(_("rubric"), max_length=300, blank=True)
    rada_subject = models.CharField(_("subject in the Rada's data"), max_length=300, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    convocation = models.PositiveSmallIntegerField(_("convocation"), null=True, blank=True)
    main_committee = models.CharField(_("main committee"), max_length=300, blank=True)
    initiators = models.JSONField(_("initiators"), default=list, blank=True)
    url = models.URLField(_("page in the Rada"), max_length=500, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.REGISTERED
    )
    stage_title = models.CharField(_("stage as the Rada names it"), max_length=300, blank=True)
    stage_on = models.DateField(_("stage since"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=BillSource.choices, default=BillSource.RADA
    )
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="bills", verbose_name=_("subjects")
    )
    sections = models.ManyToManyField(
        "members.Section", blank=True, related_name="bills", verbose_name=_("sections")
    )
    # What search reads (legislation/search.py): the number, title and headings, and the text
    # of the drafts members were consulted on (consultations' titles, questions, articles).
    search_text = models.TextField(editable=False, blank=True)
    search_body = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        ordering = ["-registered_on", "-pk"]

    def __str__(self) -> str:
        return f"№ {self.number}"

    def refresh_search_text(self) -> None:
        self.search_text = search_text(
            self.number, self.title, self.rubric, self.rada_subject, self.main_committee
        )


class BillStage(models.Model):
    """One dated event in a bill's life: the Rada's phase title and the stage it means."""

    bill = models.ForeignKey(Bill, models.CASCADE, related_name="stages")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    title = models.CharField(_("as the Rada names it"), max_length=300, blank=True)
    happened_on = models.DateField(_("date"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stage of a bill")
        verbose_name_plural = _("stages of bills")
        ordering = ["happened_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bill", "stage", "title", "happened_on"], name="bill_stage_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bill} {self.stage} {self.happened_on}"


class Watch(models.Model):
    """What a person follows: one bill, a subject, a section's bills, or a keyword."""

    class Kind(models.TextChoices):
        BILL = "bill", _("a bill")
        SUBJECT = "subject", _("a subject")
        SECTION = "section", _("a section's bills")
        KEYWORD = "keyword", _("a keyword")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="watches")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    bill = models.ForeignKey(Bill, models.CASCADE, null=True, blank=True, related_name="+")
    subject = models.ForeignKey(Subject, models.CASCADE, null=True, blank=True, related_name="+")
    section = models.ForeignKey(
        "members.Section", models.CASCADE, null=True, blank=True, related_name="+"
    )
    keyword = models.CharField(_("keyword"), max_length=100, blank=True)
    by_email = models.BooleanField(_("also by e-mail"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("followed item")
        verbose_name_plural = _("followed items")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="bill", bill__isnull=False)
                    | models.Q(kind="subject", subject__isnull=False)
                    | models.Q(kind="section", section__isnull=False)
                    | (models.Q(kind="keyword") & ~models.Q(keyword=""))
                ),
                name="watch_names_what_it_follows",
            ),
            # Each thing is followed once per user: one partial constraint per kind, which
            # SQLite enforces too (it has no NULLS NOT DISTINCT).
            *(
                models.UniqueConstraint(
                    fields=["user", target],
                    condition=models.Q(kind=kind),
                    name=f"watch_once_per_{kind}",
                )
                for kind, target in (
                    ("bill", "bill"),
                    ("subject", "subject"),
                    ("section", "section"),
                    ("keyword", "keyword"),
                )
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"


class Alert(models.Model):
    """A new bill or a new stage that matched something a person follows."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    bill = models.ForeignKey(Bill, models.CASCADE, related_name="+")
    event = models.ForeignKey(BillStage, models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    wants_email = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One alert per user, bill and stage, and one for the bill itself (no stage):
            # two partial constraints, which SQLite enforces too (it has no NULLS NOT DISTINCT).
            models.UniqueConstraint(
                fields=["user", "bill", "event"],
                condition=models.Q(event__isnull=False),
                name="alert_once",
            ),
            models.UniqueConstraint(
                fields=["user", "bill"],
                condition=models.Q(event__isnull=True),
                name="alert_once_without_stage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.bill}"
