"""The numbers the checks run on: every reporting hromada x the needed codes, this year and last.

One query reads the values (any status: validation is internal work), one the latest
population of each hromada, one the hromadas' types. Values typed into the form or read
from an uploaded workbook, not yet stored, are laid over the stored ones (`Override`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from hromada.collection.models import Campaign, Submission
from hromada.indicators.formula import Panel
from hromada.indicators.models import Indicator, Observation
from hromada.indicators.population_bands import POPULATION_CODE, band_indexes
from hromada.territories.models import Territory

FloatArray = npt.NDArray[np.float64]
SEXES = ("f", "m")  # the parts of a by-sex indicator; "" is the total
HISTORY = 3  # earlier years read beside the campaign's: the hromada's own history of changes


@dataclass(frozen=True)
class Override:
    """A value not yet stored: a number, or None with a reason why it is missing."""

    territory_id: int
    code: str
    value: float | None
    missing: str = ""
    sex: str = ""  # "f" or "m": the value for women or for men of a by-sex indicator


@dataclass
class CheckData:
    year: int
    rows: tuple[int, ...]
    panel: Panel  # years (year - HISTORY, ..., year): the last column is this year
    missing: dict[str, npt.NDArray[np.bool_]]  # an explicit reason this year, per row
    population: FloatArray
    types: npt.NDArray[np.str_]
    # This year's values for women and men of by-sex indicators: (code, sex) -> per row
    parts: dict[tuple[str, str], FloatArray] = field(default_factory=dict)
    parts_missing: dict[tuple[str, str], npt.NDArray[np.bool_]] = field(default_factory=dict)

    def row_of(self) -> dict[int, int]:
        return {territory_id: index for index, territory_id in enumerate(self.rows)}


def peer_groups(types: npt.NDArray[np.str_], population: FloatArray) -> npt.NDArray[np.int64]:
    """A group number per hromada (type x population band); -1 where either is unknown."""
    bands = band_indexes(population)
    _kinds, type_index = np.unique(types, return_inverse=True)
    groups = type_index.astype(np.int64) * 100 + bands
    return np.where((bands < 0) | (types == ""), -1, groups)


def load(
    campaign: Campaign,
    codes: Iterable[str],
    overrides: Iterable[Override] = (),
    focus: Iterable[int] | None = None,
) -> CheckData:
    """The values to check. With `focus` (territory ids), only those hromadas and their
    peer groups are read: enough for every check of the focus, and much less to read."""
    every, every_type = _territories(campaign)
    every_population = _population(campaign, {t: i for i, t in enumerate(every)})
    keep = np.ones(len(every), dtype=bool)
    if focus is not None:
        wanted = np.isin(np.array(every, dtype=np.int64), np.array(list(focus), dtype=np.int64))
        groups = peer_groups(every_type, every_population)
        near = np.isin(groups, groups[wanted & (groups >= 0)])
        keep = wanted | near
    rows = [t for t, k in zip(every, keep, strict=True) if k]
    types, population = every_type[keep], every_population[keep]
    index = {territory_id: i for i, territory_id in enumerate(rows)}
    codes = sorted(set(codes))
    found = list(Indicator.objects.filter(code__in=codes).values_list("pk", "code", "by_sex"))
    ids = {pk: code for pk, code, _by_sex in found}
    years = tuple(range(campaign.year - HISTORY, campaign.year + 1))
    data = {code: np.full((len(rows), len(years)), np.nan) for code in codes}
    missing = {code: np.zeros(len(rows), dtype=bool) for code in codes}
    territories = (
        rows
        if focus is not None
        else Submission.objects.filter(campaign=campaign).values("territory_id")
    )
    split = {pk for pk, _code, by_sex in found if by_sex}
    parts = {(ids[pk], sex): np.full(len(rows), np.nan) for pk in split for sex in SEXES}
    parts_missing = {key: np.zeros(len(rows), dtype=bool) for key in parts}
    stored = Observation.all_objects.filter(
        indicator_id__in=list(ids), year__in=years, territory_id__in=territories
    ).values_list("territory_id", "indicator_id", "year", "sex", "value", "missing")
    for territory_id, indicator_id, year, sex, value, reason in stored:
        row, code = index[territory_id], ids[indicator_id]
        if sex:
            if indicator_id in split and year == campaign.year:
                parts[(code, sex)][row] = np.nan if value is None else value
                parts_missing[(code, sex)][row] = bool(reason)
            continue
        data[code][row, year - years[0]] = np.nan if value is None else value
        if year == campaign.year and reason:
            missing[code][row] = True
    for item in overrides:
        if item.code in data and item.territory_id in index:
            row = index[item.territory_id]
            if item.sex:
                if (item.code, item.sex) in parts:
                    parts[(item.code, item.sex)][row] = np.nan if item.value is None else item.value
                    parts_missing[(item.code, item.sex)][row] = bool(item.missing)
                continue
            data[item.code][row, -1] = np.nan if item.value is None else item.value
            missing[item.code][row] = bool(item.missing)
    panel = Panel(tuple(rows), years, data)
    return CheckData(
        campaign.year, tuple(rows), panel, missing, population, types, parts, parts_missing
    )


def _territories(campaign: Campaign) -> tuple[list[int], npt.NDArray[np.str_]]:
    pairs = list(
        Territory.objects.filter(pk__in=campaign.submissions.values("territory_id"))
        .order_by("pk")
        .values_list("pk", "hromada_type")
    )
    return [pk for pk, _ in pairs], np.array([kind or "" for _, kind in pairs], dtype=str)


def _population(campaign: Campaign, index: dict[int, int]) -> FloatArray:
    """The latest known population of each hromada up to the campaign's year."""
    population = np.full(len(index), np.nan)
    rows = (
        Observation.all_objects.filter(
            indicator__code=POPULATION_CODE,
            sex="",
            year__lte=campaign.year,
            value__isnull=False,
            territory_id__in=campaign.submissions.values("territory_id"),
        )
        .order_by("year")
        .values_list("territory_id", "value")
    )
    for territory_id, value in rows:
        population[index[territory_id]] = value
    return population
