"""A known, deterministic set of data errors planted in the demo for validation to find.

Most are in the unpublished year (2024), a few in earlier years. Each planted error is
also returned as a Planted record, stored as a demo.PlantedError row; docs/demo.md lists
the kinds and how many of each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from hromada.demo.generate import YEARS, Series
from hromada.demo.models import PlantedError

Kind = PlantedError.Kind
LAST = YEARS[-1]
BUDGET_SLIPS = (
    "budget.revenue.pit",
    "budget.revenue.total",
    "budget.expenditure.education",
    "budget.revenue.land_fee",
    "budget.expenditure.wages",
    "budget.revenue.own",
    "budget.expenditure.total",
    "budget.revenue.single_tax",
)
SLIP_YEARS = (LAST,) * 8 + (2021, 2023)
SWAPS = (
    ("education.teachers", "education.classes"),
    ("health.doctors", "health.nurses"),
    ("economy.vacancies", "economy.registered_unemployed"),
    ("budget.revenue.pit", "budget.revenue.single_tax"),
    ("housing.osbb", "housing.buildings_in_osbb"),
    ("utilities.water_network", "utilities.water_network_worn"),
)
SWAP_YEARS = (LAST, LAST, LAST, LAST, 2022, 2020)
PARTS = (
    ("education.pupils_grade1", "education.pupils"),
    ("budget.revenue.own", "budget.revenue.total"),
    ("budget.expenditure.education", "budget.expenditure.total"),
    ("roads.hard_surface", "roads.communal_length"),
    ("utilities.led_street_lights", "utilities.street_lights"),
    ("transport.low_floor_vehicles", "transport.vehicles"),
    ("education.schools_with_shelter", "education.schools"),
    ("governance.pb_projects_selected", "governance.pb_projects_submitted"),
)
PART_YEARS = (LAST,) * 6 + (2019, 2023)
JUMPS = (
    "economy.employees",
    "health.ambulance_calls",
    "culture.library_users",
    "utilities.solid_waste",
    "energy.heat_public",
    "safety.crimes",
    "social.subsidy_households",
    "education.kindergarten_children",
    "housing.stock_area",
    "transport.passengers",
)
JUMP_YEARS = (LAST,) * 4 + (2017, 2018, 2019, 2020, 2021, 2023)
NEGATIVES = ("safety.fires", "culture.museum_visits", "health.pharmacies", "economy.new_businesses")
NEGATIVE_YEARS = (LAST, LAST, LAST, 2019)
ATTEMPTS = 500
MIN_JUMP_BASE = 30  # a jump in a tiny count would look like noise


@dataclass(frozen=True)
class Planted:
    position: int  # of the hromada
    code: str
    year: int
    kind: str
    description: str
    original: float
    planted: float


class Planter:
    def __init__(self, panel: dict[str, Series], rng: np.random.Generator):
        self.panel = panel
        self.rng = rng
        self.used: set[tuple[int, str, int]] = set()
        self.planted: list[Planted] = []

    def _present(self, position: int, codes: tuple[str, ...], year: int) -> bool:
        column = YEARS.index(year)
        return all(
            (position, code, year) not in self.used
            and not np.isnan(self.panel[code].values[position, column])
            for code in codes
        )

    def _place(self, codes: tuple[str, ...], year: int, need: Callable[[int], bool]) -> int:
        if not all(code in self.panel for code in codes):
            return -1
        size = len(next(iter(self.panel.values())).values)
        for _ in range(ATTEMPTS):
            position = int(self.rng.integers(size))
            if self._present(position, codes, year) and need(position):
                return position
        return -1

    def _value(self, code: str, position: int, year: int) -> float:
        return float(self.panel[code].values[position, YEARS.index(year)])

    def _above(self, code: str, year: int, floor: float) -> Callable[[int], bool]:
        return lambda position: self._value(code, position, year) > floor

    def _differ(self, first: str, second: str, year: int) -> Callable[[int], bool]:
        return lambda p: self._value(first, p, year) != self._value(second, p, year)

    def _set(self, code: str, position: int, year: int, kind: str, text: str, new: float) -> None:
        series, column = self.panel[code], YEARS.index(year)
        old = float(series.values[position, column])
        series.values[position, column] = new
        if series.female is not None:  # keep female + male = total
            series.female[position, column] = round(series.female[position, column] * new / old)
        self.used.add((position, code, year))
        self.planted.append(Planted(position, code, year, kind, text, old, new))

    def unit_slips(self) -> None:
        for code, year in zip(BUDGET_SLIPS + BUDGET_SLIPS, SLIP_YEARS, strict=False):
            h = self._place((code,), year, self._above(code, year, 0))
            if h >= 0:
                old = self._value(code, h, year)
                text = f"{code} entered in UAH instead of thousand UAH (×1000)"
                self._set(code, h, year, Kind.UNIT_SLIP, text, round(old * 1000, 1))

    def swaps(self) -> None:
        for (first, second), year in zip(SWAPS, SWAP_YEARS, strict=True):
            h = self._place(
                (first, second),
                year,
                self._differ(first, second, year),
            )
            if h >= 0:
                a, b = self._value(first, h, year), self._value(second, h, year)
                self._set(first, h, year, Kind.SWAPPED, f"{first} swapped with {second}", b)
                self._set(second, h, year, Kind.SWAPPED, f"{second} swapped with {first}", a)

    def parts_over_totals(self) -> None:
        for (part, total), year in zip(PARTS, PART_YEARS, strict=True):
            h = self._place((part, total), year, self._above(total, year, 0))
            if h >= 0:
                factor = float(self.rng.uniform(1.1, 1.5))
                new = round(self._value(total, h, year) * factor + 1)
                self._set(part, h, year, Kind.PART_OVER_TOTAL, f"{part} exceeds {total}", new)

    def jumps(self) -> None:
        for code, year in zip(JUMPS, JUMP_YEARS, strict=True):
            h = self._place((code,), year, self._above(code, year, MIN_JUMP_BASE))
            if h >= 0:
                up = bool(self.rng.random() < 0.5)
                old = self._value(code, h, year)
                text = f"{code} {'×3' if up else '÷3'} in {year}" + (
                    "" if year == LAST else ", back to normal the next year"
                )
                self._set(code, h, year, Kind.JUMP, text, round(old * 3 if up else old / 3))

    def negatives(self) -> None:
        for code, year in zip(NEGATIVES, NEGATIVE_YEARS, strict=True):
            h = self._place((code,), year, self._above(code, year, 0))
            if h >= 0:
                old = self._value(code, h, year)
                self._set(code, h, year, Kind.NEGATIVE, f"{code} entered as negative", -old)


def plant_errors(panel: dict[str, Series], rng: np.random.Generator) -> list[Planted]:
    """Change the panel in place; indicators absent from the panel are skipped."""
    planter = Planter(panel, rng)
    planter.unit_slips()
    planter.swaps()
    planter.parts_over_totals()
    planter.jumps()
    planter.negatives()
    return planter.planted
