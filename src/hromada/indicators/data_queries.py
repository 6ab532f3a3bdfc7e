"""A territory's values as people read them: tables by area, and one value's history.

Values come only through `queries.visible_observations`, so a visitor sees published values
and people responsible for the territory see drafts too. A missing value is shown with the
reason it is missing, never as 0. Numbers are formatted for the active language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from hromada.accounts import permissions
from hromada.indicators.models import (
    Area,
    Indicator,
    Missing,
    Observation,
    ObservationHistory,
    Sex,
    Status,
)
from hromada.indicators.queries import visible_observations
from hromada.indicators.units import unit_label
from hromada.lib.decimals import display
from hromada.territories.models import Territory

MAX_YEARS = 10
SEX_ORDER = {Sex.TOTAL: 0, Sex.FEMALE: 1, Sex.MALE: 2}


def format_number(value: float | None, decimals: int) -> str:
    """`1 234,5` in Ukrainian, `1,234.5` in English, rounded half away from zero; '' for no
    value."""
    if value is None:
        return ""
    return display(value, decimals)


def shown_value(value: float | None, missing: str, decimals: int) -> str:
    if missing:
        return str(Missing(missing).label)
    return format_number(value, decimals)


@dataclass(frozen=True)
class Cell:
    text: str
    missing: bool
    status: str
    status_label: str
    url: str


@dataclass
class Row:
    indicator: Indicator
    sex: str
    cells: dict[int, Cell] = field(default_factory=dict)

    @property
    def sex_label(self) -> str:
        return str(Sex(self.sex).label) if self.sex else ""

    @property
    def unit(self) -> str:
        return unit_label(self.indicator.unit)


@dataclass
class AreaTable:
    area: Area
    years: list[int]
    rows: list[Row]

    def grid(self) -> list[tuple[Row, list[Cell | None]]]:
        return [(row, [row.cells.get(year) for year in self.years]) for row in self.rows]


def territory_tables(user: Any, territory: Territory) -> list[AreaTable]:
    """One table per area (indicators x years) of the values the user may see; one query."""
    observations = (
        visible_observations(user)
        .filter(territory=territory)
        .select_related("indicator__area")
        .order_by("indicator__area__order", "indicator__order", "indicator__code", "year")
    )
    rows: dict[tuple[int, str], Row] = {}
    areas: dict[int, Area] = {}
    years: set[int] = set()
    for obs in observations:
        indicator = obs.indicator
        areas.setdefault(indicator.area_id, indicator.area)
        row = rows.setdefault((indicator.pk, obs.sex), Row(indicator, obs.sex))
        row.cells[obs.year] = _cell(obs, territory)
        years.add(obs.year)
    shown_years = sorted(years)[-MAX_YEARS:]
    tables = {area_id: AreaTable(area, shown_years, []) for area_id, area in areas.items()}
    for row in rows.values():
        if any(year in row.cells for year in shown_years):
            tables[row.indicator.area_id].rows.append(row)
    for table in tables.values():
        table.rows.sort(key=lambda r: (r.indicator.order, r.indicator.code, SEX_ORDER[Sex(r.sex)]))
    return [table for table in tables.values() if table.rows]


def _cell(obs: Observation, territory: Territory) -> Cell:
    published = obs.status == Status.PUBLISHED
    return Cell(
        text=shown_value(obs.value, obs.missing, obs.indicator.decimals),
        missing=bool(obs.missing),
        status="" if published else obs.status,
        status_label="" if published else str(Status(obs.status).label),
        url=reverse("indicators:value", args=[territory.code, obs.indicator.code, obs.year]),
    )


@dataclass(frozen=True)
class Change:
    entry: ObservationHistory
    old: str
    new: str
    old_status: str
    new_status: str
    sex: str


@dataclass
class ValuePage:
    territory: Territory
    indicator: Indicator
    year: int
    observations: list[tuple[Observation, str]]
    changes: list[Change]
    shows_people: bool


def value_page(user: Any, territory: Territory, indicator: Indicator, year: int) -> ValuePage:
    """The value (with its sex split) and every change the user may see; two queries.

    Visitors see the changes that published a value, and an earlier value only where it had
    been published itself; people responsible for the territory see every change and who
    made it.
    """
    key = {"territory": territory, "indicator": indicator, "year": year}
    observations = list(visible_observations(user).filter(**key))
    observations.sort(key=lambda o: SEX_ORDER[Sex(o.sex)])
    insider = permissions.covers(user, territory)
    history = ObservationHistory.objects.filter(**key).select_related("changed_by")
    if not insider:
        history = history.filter(new_status=Status.PUBLISHED)
    decimals = indicator.decimals
    changes = []
    for entry in history:
        old_visible = insider or entry.old_status == Status.PUBLISHED
        changes.append(
            Change(
                entry=entry,
                old=shown_value(entry.old_value, entry.old_missing, decimals)
                if old_visible
                else "",
                new=shown_value(entry.new_value, entry.new_missing, decimals),
                old_status=_status_label(entry.old_status) if old_visible else "",
                new_status=_status_label(entry.new_status),
                sex=str(Sex(entry.sex).label) if entry.sex else "",
            )
        )
    shown = [(obs, shown_value(obs.value, obs.missing, decimals)) for obs in observations]
    return ValuePage(territory, indicator, year, shown, changes, insider)


def _status_label(status: str) -> str:
    return str(Status(status).label) if status else ""
