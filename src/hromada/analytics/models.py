"""Peer groups an analyst defines: a rule over hromada attributes, or a saved list.

The built-in groups (same type, same population band, same oblast, all members, all
hromadas) are not stored: they follow from the territories and are resolved in peers.py.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from hromada.territories.models import Territory


class PeerGroup(models.Model):
    class Kind(models.TextChoices):
        RULE = "rule", _("rule")
        LIST = "list", _("saved list")

    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.RULE)
    # Rule groups: every non-empty condition must hold (AND); values within one are OR.
    hromada_types = models.JSONField(_("hromada types"), default=list, blank=True)
    bands = models.JSONField(_("population bands"), default=list, blank=True)
    oblasts: models.ManyToManyField[Territory, Any] = models.ManyToManyField(
        Territory, blank=True, related_name="+", verbose_name=_("oblasts")
    )
    members_only = models.BooleanField(_("association members only"), default=False)
    # Saved lists: exactly these hromadas.
    hromadas: models.ManyToManyField[Territory, Any] = models.ManyToManyField(
        Territory, blank=True, related_name="+", verbose_name=_("hromadas")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects: ClassVar[models.Manager[PeerGroup]] = models.Manager()

    class Meta:
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")
        ordering = ["name_uk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_uk

    @property
    def key(self) -> str:
        return f"g{self.pk}"


class Snapshot(models.Model):
    """The published statistics computed once (hromada.analytics.snapshot): every value,
    derived indicator, rank table and aggregate of one published version of the data.

    `key` names what it was built from: the Publication it includes and a fingerprint of the
    hromadas (set, types, oblasts, raions, members, occupation). Pages and the API read the
    newest READY snapshot; a newer one is built by a task while that one keeps serving.
    """

    class State(models.TextChoices):
        BUILDING = "building", pgettext_lazy("snapshot state", "being built")
        READY = "ready", pgettext_lazy("snapshot state", "ready")
        FAILED = "failed", pgettext_lazy("snapshot state", "failed")

    key = models.CharField(max_length=80, unique=True)
    publication = models.BigIntegerField(default=0)  # the Publication id it includes (0: none)
    state = models.CharField(max_length=8, choices=State.choices, default=State.BUILDING)
    first_year = models.SmallIntegerField(null=True)
    last_year = models.SmallIntegerField(null=True)
    values_count = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    objects: ClassVar[models.Manager[Snapshot]] = models.Manager()

    class Meta:
        verbose_name = _("statistics snapshot")
        verbose_name_plural = _("statistics snapshots")
        indexes = [models.Index(fields=["state", "-id"], name="snapshot_ready_newest")]

    def __str__(self) -> str:
        return f"{self.key} ({self.state})"

    @property
    def years(self) -> tuple[int, ...]:
        if self.first_year is None or self.last_year is None:
            return ()
        return tuple(range(self.first_year, self.last_year + 1))


# The peer sets every value is ranked in. "all": every unoccupied hromada; "members": the
# association's members; the rest are relative: the hromadas sharing the value's own type,
# population band, both, or oblast. Occupied hromadas are never ranked (listed apart).
RANKED_SETS = ("all", "members", "type", "band", "type_band", "oblast")


def _rank_fields() -> dict[str, models.Field[Any, Any]]:
    fields: dict[str, models.Field[Any, Any]] = {}
    for name in RANKED_SETS:
        fields[f"rank_{name}"] = models.PositiveIntegerField(null=True)
        fields[f"n_{name}"] = models.PositiveIntegerField(default=0)
        fields[f"percentile_{name}"] = models.FloatField(null=True)
        fields[f"quartile_{name}"] = models.PositiveSmallIntegerField(default=0)
    return fields


class SnapshotValue(models.Model):
    """One hromada's value of one indicator in one year (base or derived) with its rank, the
    number ranked, percentile and quartile (4 best; 0 when not given) in every RANKED_SETS
    peer set. A row exists where there is a value or a recorded reason for a gap.

    The ranks are those of `comparable`, the measure compared (hromada.analytics.fair): the
    value per resident, per 1,000 residents or per km² where the indicator's `compare_per`
    says so, else the value itself; `value` keeps the raw figure beside it. `per_year` is the
    year of the population (or area) divided by, when it is not the value's own year."""

    snapshot = models.ForeignKey(Snapshot, models.CASCADE, related_name="+", db_index=False)
    indicator_id = models.IntegerField()
    territory_id = models.IntegerField()
    year = models.SmallIntegerField()
    value = models.FloatField(null=True)
    reason = models.PositiveSmallIntegerField(default=0)  # index into reading.MISSING_CODES
    comparable = models.FloatField(null=True)
    per_year = models.SmallIntegerField(null=True)
    locals().update(_rank_fields())

    objects: ClassVar[models.Manager[SnapshotValue]] = models.Manager()

    class Meta:
        indexes = [
            models.Index(fields=["snapshot", "indicator_id", "year"], name="snapvalue_ranking"),
            models.Index(fields=["snapshot", "territory_id"], name="snapvalue_profile"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.territory_id}/{self.year}"


class SnapshotRanking(models.Model):
    """One indicator-year's ranking in one row: the SnapshotValue rows of that indicator and
    year (value, reason, measure, denominator year, rank among all and rank, rounded
    percentile and quartile in every RANKED_SETS set) packed column by column
    (hromada.analytics.rank_blob). What the API's ranking reads: one row, not 1,469."""

    snapshot = models.ForeignKey(Snapshot, models.CASCADE, related_name="+", db_index=False)
    indicator_id = models.IntegerField()
    year = models.SmallIntegerField()
    data = models.BinaryField()

    objects: ClassVar[models.Manager[SnapshotRanking]] = models.Manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "indicator_id", "year"], name="snapranking_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.year}"


class SnapshotIndicator(models.Model):
    """Per indicator: the default year, the latest one covering HROMADA_MIN_COVERAGE of the
    unoccupied hromadas (`covered_year`) and of the unoccupied members (`members_year`)."""

    snapshot = models.ForeignKey(Snapshot, models.CASCADE, related_name="+", db_index=False)
    indicator_id = models.IntegerField()
    covered_year = models.SmallIntegerField(null=True)
    members_year = models.SmallIntegerField(null=True)

    objects: ClassVar[models.Manager[SnapshotIndicator]] = models.Manager()

    class Meta:
        indexes = [models.Index(fields=["snapshot", "indicator_id"], name="snapindicator_key")]

    def __str__(self) -> str:
        return str(self.indicator_id)


class SnapshotAggregate(models.Model):
    """One indicator's aggregate over one group in one year, with coverage. `grouping` is
    nation, oblast, raion or type; `group` the territory id (0 for the nation) or the
    index of the hromada type in HromadaType.choices."""

    snapshot = models.ForeignKey(Snapshot, models.CASCADE, related_name="+", db_index=False)
    indicator_id = models.IntegerField()
    grouping = models.CharField(max_length=8)
    group = models.IntegerField()
    year = models.SmallIntegerField()
    value = models.FloatField(null=True)
    reported = models.PositiveIntegerField(default=0)
    members = models.PositiveIntegerField(default=0)
    population_share = models.FloatField(null=True)
    aggregable = models.BooleanField(default=True)

    objects: ClassVar[models.Manager[SnapshotAggregate]] = models.Manager()

    class Meta:
        indexes = [
            models.Index(
                fields=["snapshot", "indicator_id", "grouping", "year"], name="snapaggregate_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.grouping}/{self.group}/{self.year}"
