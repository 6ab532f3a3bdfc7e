"""The statistical spine: what is measured (Indicator) and the values (Observation).

An observation is one narrow fact: (territory, indicator, year, sex) -> value. A value that
is not there is stored as an explicit, typed gap, never as 0. Every change of a value leaves
an ObservationHistory row.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hromada.accounts import permissions
from hromada.territories.models import Territory


class Area(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_uk = models.TextField(_("description (Ukrainian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_uk


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("higher is better")
    LOWER_IS_BETTER = "lower", _("lower is better")
    NEUTRAL = "neutral", _("neutral")


class Aggregation(models.TextChoices):
    SUM = "sum", _("sum")
    WEIGHTED_MEAN = "weighted_mean", _("population-weighted mean")
    NONE = "none", _("not aggregated")


class ComparePer(models.TextChoices):
    """How a count or total that grows with the hromada's size is made comparable:
    divided by the population of the same year, per 1,000 residents, or per km² of area.
    Ratios, shares, indices and per-resident indicators are comparable as they are."""

    NONE = "", _("as it is")
    CAPITA = "capita", _("per resident")
    THOUSAND = "1000", _("per 1,000 residents")
    KM2 = "km2", _("per km²")


class ValueType(models.TextChoices):
    INTEGER = "integer", _("whole number")
    DECIMAL = "decimal", _("decimal number")
    PERCENT = "percent", _("percentage")


class Indicator(models.Model):
    """A measured quantity. The code is stable forever; a changed definition is a new version."""

    code = models.CharField(_("code"), max_length=80, unique=True)
    area = models.ForeignKey(Area, models.PROTECT, related_name="indicators")
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    definition_uk = models.TextField(_("definition (Ukrainian)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    unit = models.CharField(_("unit"), max_length=40)
    value_type = models.CharField(
        _("value type"), max_length=10, choices=ValueType.choices, default=ValueType.DECIMAL
    )
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=0)
    polarity = models.CharField(
        _("polarity"), max_length=8, choices=Polarity.choices, default=Polarity.NEUTRAL
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=14, choices=Aggregation.choices, default=Aggregation.SUM
    )
    # Rankings, maps, quartile colours and the profile's best and weakest compare this
    # measure, with the raw value beside it (hromada.analytics.fair).
    compare_per = models.CharField(
        _("compared"), max_length=8, choices=ComparePer.choices, default="", blank=True
    )
    min_value = models.FloatField(_("plausible minimum"), null=True, blank=True)
    max_value = models.FloatField(_("plausible maximum"), null=True, blank=True)
    # Outside the plausible range a value is unusual (a warning the official may confirm with
    # a comment); outside the hard limits it is impossible (an error): a negative count, a
    # share over 100 %. Money has no hard minimum: Treasury amounts net of refunds can be
    # negative.
    hard_min = models.FloatField(_("impossible below"), null=True, blank=True)
    hard_max = models.FloatField(_("impossible above"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    by_sex = models.BooleanField(_("split by sex"), default=False)
    formula = models.TextField(_("formula"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["area__order", "order", "code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_uk

    @property
    def definition(self) -> str:
        if get_language() == "en" and self.definition_en:
            return self.definition_en
        return self.definition_uk

    @property
    def is_derived(self) -> bool:
        return bool(self.formula)


class IndicatorVersion(models.Model):
    """A snapshot of an indicator's definition as it was, kept when it changes."""

    class Origin(models.TextChoices):
        SEED = "seed", _("seed catalogue")
        EDIT = "edit", _("edited on the site")
        IMPORT = "import", _("imported catalogue")

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    definition = models.JSONField()
    # Where the change came from; a seed load compares against the last seed version only,
    # so reloading an unchanged seed never undoes an analyst's edit.
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.EDIT)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["indicator", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "version"], name="unique_indicator_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} v{self.version}"


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    VERIFIED = "verified", _("verified")
    PUBLISHED = "published", _("published")


class Missing(models.TextChoices):
    """Why a value is absent. An empty string means the value is present."""

    NOT_REPORTED = "not_reported", _("not reported")
    NOT_APPLICABLE = "not_applicable", _("not applicable")
    CONFIDENTIAL = "confidential", _("confidential")
    NOT_COLLECTABLE = "not_collectable", _("not collectable")


class Sex(models.TextChoices):
    TOTAL = "", _("total")
    FEMALE = "f", _("female")
    MALE = "m", _("male")


class ObservationQuerySet(models.QuerySet["Observation"]):
    """The filters every reader of values needs, written once."""

    def visible_to(self, user: object) -> ObservationQuerySet:
        """Published values for everyone, plus unpublished ones within the user's scope."""
        scope = permissions.unpublished_scope(user)
        if scope is None:
            return self.filter(status=Status.PUBLISHED)
        if scope == models.Q():
            return self
        return self.filter(models.Q(status=Status.PUBLISHED) | scope)

    def of(self, indicator: Indicator | int) -> ObservationQuerySet:
        return self.filter(indicator=indicator)

    def under(self, territory: Territory | str) -> ObservationQuerySet:
        """Values of every territory below `territory` (a Territory or its KATOTTG code): its
        children and their children, not the territory itself. This is what `parent` means
        in the API and in exports."""
        return self.filter(below(territory))

    def years(self, first: int | None = None, last: int | None = None) -> ObservationQuerySet:
        """Values from `first` to `last`, both included; None leaves that end open."""
        rows = self
        if first is not None:
            rows = rows.filter(year__gte=first)
        if last is not None:
            rows = rows.filter(year__lte=last)
        return rows


def below(territory: Territory | str) -> models.Q:
    """The condition "a value of a territory below this one" for any table with a
    `territory` (values, their history)."""
    top: int | models.Subquery = (
        territory.pk
        if isinstance(territory, Territory)
        else models.Subquery(Territory.objects.filter(code=territory).values("pk")[:1])
    )
    under = (
        models.Q(territory__oblast_id=top)
        | models.Q(territory__raion_id=top)
        | models.Q(territory__parent_id=top)
    )
    return under & ~models.Q(territory_id=top)


_ObservationManager = models.Manager.from_queryset(ObservationQuerySet)


class PublishedManager(_ObservationManager["Observation"]):
    """The default: published values only, so unpublished data cannot leak by accident."""

    def get_queryset(self) -> ObservationQuerySet:
        return ObservationQuerySet(self.model, using=self._db).filter(status=Status.PUBLISHED)


class ImportBatch(models.Model):
    """One import of one file: who, when, what, and what it changed; can be rolled back."""

    class State(models.TextChoices):
        # On SQLite a large import writes in short transactions (hromada.dataio.applying):
        # its values are being written while "applying", all of them stand once "applied",
        # and an import that failed or died half-way is undone to "failed".
        APPLYING = "applying", _("being applied")
        APPLIED = "applied", _("applied")
        ROLLED_BACK = "rolled_back", _("rolled back")
        FAILED = "failed", _("failed, undone")

    file_name = models.CharField(_("file"), max_length=300)
    sha256 = models.CharField(max_length=64)
    file_format = models.CharField(_("format"), max_length=10)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.APPLIED)
    new_count = models.PositiveIntegerField(_("new values"), default=0)
    changed_count = models.PositiveIntegerField(_("changed values"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged values"), default=0)
    mapping = models.JSONField(default=dict, blank=True)
    rolled_back_at = models.DateTimeField(null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The process writing an "applying" batch (host, pid, start mark), and when it last
    # wrote: a batch whose process is gone is undone by the next import or the worker.
    owner = models.CharField(max_length=120, blank=True, default="")
    touched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class Observation(models.Model):
    # Every index costs on each of millions of inserts: the FK indexes Django would add are
    # left out where a composite index below already starts with the same column.
    territory = models.ForeignKey(Territory, models.PROTECT, related_name="+", db_index=False)
    indicator = models.ForeignKey(
        Indicator, models.PROTECT, related_name="observations", db_index=False
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sex = models.CharField(
        _("sex"), max_length=1, choices=Sex.choices, default=Sex.TOTAL, blank=True
    )
    value = models.FloatField(_("value"), null=True, blank=True)
    missing = models.CharField(
        _("why missing"), max_length=16, choices=Missing.choices, blank=True, default=""
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    batch = models.ForeignKey(
        ImportBatch, models.SET_NULL, null=True, blank=True, related_name="observations"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Both managers share ObservationQuerySet: `objects` starts from published values only,
    # `all_objects` is the explicit path to every value (narrow it with `visible_to`).
    objects: ClassVar[PublishedManager] = PublishedManager()
    all_objects: ClassVar[_ObservationManager[Observation]] = _ObservationManager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        base_manager_name = "all_objects"
        constraints = [
            # Rankings read (indicator, year) across territories: this unique index serves them.
            models.UniqueConstraint(
                fields=["indicator", "year", "territory", "sex"], name="unique_observation"
            ),
            models.CheckConstraint(
                condition=(models.Q(value__isnull=False) & models.Q(missing=""))
                | (models.Q(value__isnull=True) & ~models.Q(missing="")),
                name="observation_has_value_or_reason",
            ),
        ]
        indexes = [
            # Profiles read one territory across indicators and years.
            models.Index(fields=["territory", "indicator", "year"], name="observation_profile"),
            # The API's pages of values read one indicator in primary-key order (keyset);
            # without it PostgreSQL walked the whole primary key to find an indicator's
            # rows (1.5 s on 0.9 M values) and SQLite sorted every row of the indicator.
            models.Index(fields=["indicator", "id", "year"], name="observation_indicator_page"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.territory.code} {self.year}"


class ObservationHistory(models.Model):
    """One change of one value. The key is copied so history outlives a rolled-back value."""

    class Reason(models.TextChoices):
        FORM = "form", _("web form")
        IMPORT = "import", _("file import")
        API = "api", _("API")
        WORKFLOW = "workflow", _("review workflow")
        CORRECTION = "correction", _("correction")
        ROLLBACK = "rollback", _("rollback of an import")
        DEMO = "demo", _("demo data")

    observation = models.ForeignKey(
        Observation, models.SET_NULL, null=True, blank=True, related_name="history"
    )
    # Covered by the history_by_key index below, so no separate FK indexes.
    territory = models.ForeignKey(Territory, models.CASCADE, related_name="+", db_index=False)
    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=1, blank=True, default="")
    old_value = models.FloatField(null=True, blank=True)
    old_missing = models.CharField(max_length=16, blank=True, default="")
    old_status = models.CharField(max_length=10, blank=True, default="")
    new_value = models.FloatField(null=True, blank=True)
    new_missing = models.CharField(max_length=16, blank=True, default="")
    new_status = models.CharField(max_length=10, blank=True, default="")
    reason = models.CharField(max_length=12, choices=Reason.choices)
    comment = models.TextField(blank=True)
    batch = models.ForeignKey(
        ImportBatch, models.SET_NULL, null=True, blank=True, related_name="history"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("change of a value")
        verbose_name_plural = _("changes of values")
        ordering = ["-changed_at", "-pk"]
        indexes = [
            models.Index(fields=["territory", "indicator", "year"], name="history_by_key"),
        ]

    def __str__(self) -> str:
        key = f"{self.indicator_id}/{self.territory_id}/{self.year}"
        return f"{key}: {self.old_value} → {self.new_value}"


class Publication(models.Model):
    """One change of what the public can see. The newest id is the published data version.

    Pages and the API use the version for ETags and cache keys: published data change only
    when a row is added here, so anything computed from them stays valid until then.
    """

    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=200)
    values_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"v{self.pk} {self.reason}"
