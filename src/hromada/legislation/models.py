"""Legislative work: bills and their stages, who follows what, the association's positions.

Bills come from the Rada's open data (or are added by hand for drafts that are not in the Rada
yet); each change of stage is a dated BillStage row in the fixed vocabulary of `stages.Stage`,
with the Rada's own title kept. Positions are the association's published stance on a bill,
with the letters that carried it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hromada.legislation.stages import Stage
from hromada.lib.languages import in_language


def search_text(*parts: str) -> str:
    """One lower-case string to search in: the databases' LIKE ignores case only for Latin."""
    text = " ".join(part for part in parts if part)
    return " ".join(text.lower().replace("’", "'").replace("ʼ", "'").split())


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
    search_text = models.TextField(editable=False, blank=True)
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
