"""Fair comparisons: a count or total that grows with the hromada's size is compared per
resident, per 1,000 residents or per km² (the indicator's `compare_per`), never as it is.

A city of 300,000 has more deaths, fires, pupils and revenues than a village hromada of
4,000; ranking those raw counts ranks size. The one rule is `comparable`: the value divided
by the population of the same hromada and year (or its area), and None when that
denominator is unknown, so the hromada is listed apart with the reason instead of being
ranked on a guess. When the year's population is not given, the nearest earlier year's is
used and the year is stated beside the figure. Ratios, shares, indices and per-resident
indicators (`compare_per` empty) are comparable as they are.

The snapshot's build (hromada.analytics.snapshot_build) applies the same rule to whole
arrays (`comparable_array`) and stores the measure, its ranks and the raw value in one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt
from django.utils.translation import gettext as _

from hromada.indicators.formula.panel import FloatArray
from hromada.indicators.models import Aggregation, ComparePer, Indicator, Polarity
from hromada.indicators.population_bands import POPULATION_CODE
from hromada.indicators.units import unit_label

AREA_CODE = "demography.area_km2"
IntArray = npt.NDArray[np.int64]
# Shown decimals of the measure: per resident and per 1,000 residents the figures are
# mostly between 0.01 and a few thousands; per km², network lengths are often below 0.1.
DECIMALS = {ComparePer.CAPITA: 2, ComparePer.THOUSAND: 2, ComparePer.KM2: 3}


def _per_unit(compare_per: str) -> tuple[bool, Decimal]:
    """(divided by area, factor) of a `compare_per` choice."""
    if compare_per == ComparePer.KM2:
        return True, Decimal(1)
    if compare_per == ComparePer.THOUSAND:
        return False, Decimal(1000)
    return False, Decimal(1)


def comparable(
    value: Decimal | float | None,
    population: Decimal | float | None,
    area: Decimal | float | None,
    compare_per: str,
) -> Decimal | None:
    """The measure compared: the value per resident, per 1,000 residents or per km² of the
    same hromada and year; the value itself when `compare_per` is empty; None when the value
    or the denominator it needs is missing (or not positive)."""
    if value is None:
        return None
    amount = Decimal(str(value))
    if not compare_per:
        return amount
    by_area, factor = _per_unit(compare_per)
    denominator = area if by_area else population
    if denominator is None or Decimal(str(denominator)) <= 0:
        return None
    return amount * factor / Decimal(str(denominator))


def comparable_array(
    values: FloatArray, population: FloatArray, area: FloatArray, compare_per: str
) -> FloatArray:
    """`comparable` over arrays of the same shape: NaN where there is no value or no
    positive denominator."""
    if not compare_per:
        return values.copy()
    by_area, factor = _per_unit(compare_per)
    denominator = area if by_area else population
    usable = ~np.isnan(denominator) & (np.nan_to_num(denominator) > 0)
    safe = np.where(usable, denominator, 1.0)
    return np.where(usable, values * float(factor) / safe, np.nan)


@dataclass(frozen=True)
class Denominators:
    """Population and area of every hromada (rows) in every year (columns), each with the
    year it was reported in: the year's own value or the nearest earlier one (area, which
    rarely changes, also the nearest later one when no earlier is known)."""

    population: FloatArray
    population_year: IntArray  # -1 where none
    area: FloatArray
    area_year: IntArray

    def of(self, compare_per: str, column: int) -> tuple[FloatArray, FloatArray, IntArray]:
        """(population, area, year of the denominator used or -1) of one year's column."""
        used = self.area_year if compare_per == ComparePer.KM2 else self.population_year
        return self.population[:, column], self.area[:, column], used[:, column]


def carried(
    values: FloatArray, years: tuple[int, ...], *, later: bool
) -> tuple[FloatArray, IntArray]:
    """Each cell's own value or the row's nearest earlier one (then, with `later`, the nearest
    later one), and the year it comes from (-1: none)."""
    rows, columns = values.shape
    if columns == 0:
        return values.copy(), np.full(values.shape, -1, dtype=np.int64)
    index = np.where(~np.isnan(values), np.arange(columns), -1)
    source = np.maximum.accumulate(index, axis=1)
    if later:
        ahead = np.where(~np.isnan(values), np.arange(columns), columns)
        following = np.minimum.accumulate(ahead[:, ::-1], axis=1)[:, ::-1]
        source = np.where(source >= 0, source, np.where(following < columns, following, -1))
    picked = values[np.arange(rows)[:, None], np.maximum(source, 0)]
    year_of = np.asarray(years, dtype=np.int64)[np.maximum(source, 0)]
    return np.where(source >= 0, picked, np.nan), np.where(source >= 0, year_of, -1)


def denominators(
    population: FloatArray | None, area: FloatArray | None, years: tuple[int, ...], rows: int
) -> Denominators:
    empty = np.full((rows, len(years)), np.nan)
    people, people_year = carried(
        population if population is not None else empty, years, later=False
    )
    land, land_year = carried(area if area is not None else empty, years, later=True)
    return Denominators(people, people_year, land, land_year)


def group_measures(
    values: FloatArray,
    found: Denominators,
    compare_per: str,
    group_of: IntArray,
    groups: list[int],
) -> FloatArray:
    """Each group's measure in each year (rows: `groups`, columns: years): the total of its
    hromadas that have both a value and a denominator, per resident (per 1,000, per km²) of
    their denominators' total. A ratio of sums, so each hromada weighs by its size, as the
    group's own figure would; NaN where no hromada of the group has both."""
    by_area, factor = _per_unit(compare_per)
    denominator = found.area if by_area else found.population
    both = ~np.isnan(values) & (np.nan_to_num(denominator) > 0)
    out = np.full((len(groups), values.shape[1]), np.nan)
    for n, group in enumerate(groups):
        inside = (group_of == group)[:, None] & both
        total = np.where(inside, values, 0.0).sum(axis=0)
        people = np.where(inside, denominator, 0.0).sum(axis=0)
        with np.errstate(all="ignore"):
            out[n] = np.where(people > 0, total * float(factor) / people, np.nan)
    return out


def group_method_note(indicator: Indicator) -> str:
    """How a group's measure (group_measures) is computed, in one sentence."""
    if indicator.compare_per == ComparePer.KM2:
        return _("Per km²: the total of the hromadas with a value and a known area ÷ their area.")
    if indicator.compare_per == ComparePer.THOUSAND:
        return _(
            "Per 1,000 residents: the total of the hromadas with a value and a known "
            "population × 1,000 ÷ their population."
        )
    return _(
        "Per resident: the total of the hromadas with a value and a known population ÷ "
        "their population."
    )


def is_comparable(indicator: Indicator) -> bool:
    """Whether the measure compares hromadas of different sizes fairly: a per-resident or
    per-km² measure, or a ratio, mean or index. A summed indicator ranked as it is would be
    a raw count (a sum over hromadas only makes sense for a quantity that grows with size)."""
    return bool(indicator.compare_per) or indicator.aggregation != Aggregation.SUM


def coloured(indicator: Indicator) -> bool:
    """Quartile colours, and a place among the best and weakest, need a direction and a
    comparable measure."""
    return indicator.polarity != Polarity.NEUTRAL and is_comparable(indicator)


def decimals(indicator: Indicator) -> int:
    if not indicator.compare_per:
        return indicator.decimals
    return DECIMALS[ComparePer(indicator.compare_per)]


def measure_unit(indicator: Indicator) -> str:
    """The unit of the measure compared, in the page language."""
    unit = unit_label(indicator.unit)
    if indicator.compare_per == ComparePer.CAPITA:
        return _("%(unit)s per resident") % {"unit": unit}
    if indicator.compare_per == ComparePer.THOUSAND:
        return _("%(unit)s per 1,000 residents") % {"unit": unit}
    if indicator.compare_per == ComparePer.KM2:
        return _("%(unit)s per km²") % {"unit": unit}
    return unit


def method_note(indicator: Indicator) -> str:
    """One sentence saying how the measure is computed ("" when compared as it is)."""
    if indicator.compare_per == ComparePer.CAPITA:
        return _("Per resident: the value ÷ the population of the same year.")
    if indicator.compare_per == ComparePer.THOUSAND:
        return _("Per 1,000 residents: the value × 1,000 ÷ the population of the same year.")
    if indicator.compare_per == ComparePer.KM2:
        return _("Per km²: the value ÷ the hromada's area (demography.area_km2).")
    return ""


def missing_denominator(indicator: Indicator) -> str:
    """Why a hromada with a value has no comparable measure."""
    if indicator.compare_per == ComparePer.KM2:
        return _("area not known, so not compared")
    return _("population not known, so not compared")


__all__ = ["AREA_CODE", "POPULATION_CODE", "comparable", "comparable_array", "denominators"]
