"""A known, deterministic set of data errors planted in the demo for validation to find.

All are in the unpublished year (2024), the one a collection campaign checks: an error
in an already published year would be found by no check. Each planted error is also
returned as a Planted record, stored as a demo.PlantedError row; docs/demo.md lists the
kinds and how many of each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from hromada.demo.generate import YEARS, Series
from hromada.demo.models import PlantedError

Kind = PlantedError.Kind
YEAR = YEARS[-1]  # the unpublished year, which a collection campaign checks
BUDGET_SLIPS = (
    "budget.revenue.pit",
    "budget.revenue.total",
    "budget.expenditure.education",
    "budget.revenue.land_fee",
    "budget.expenditure.wages",
    "budget.revenue.own",
    "budget.expenditure.total",
    "budget.revenue.single_tax",
    "budget.revenue.pit",
    "budget.revenue.total",
)
# Neighbours on the questionnaire whose values differ by at least SWAP_FACTOR, so an
# exchange shows as a change against last year and as an outlier among peers.
SWAPS = (
    ("education.teachers", "education.pupils"),
    ("health.hospital_beds", "health.ambulance_calls"),
    ("economy.registered_unemployed", "economy.employees"),
    ("budget.revenue.pit", "budget.revenue.single_tax"),
    ("housing.apartment_buildings", "housing.stock_area"),
    ("utilities.water_network", "utilities.water_supplied"),
)
SWAP_FACTOR = 5.0
MIN_SWAP_BASE = 3  # the smaller value of a swapped pair
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
NEGATIVES = ("safety.fires", "culture.museum_visits", "health.pharmacies", "economy.new_businesses")
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
    """Places errors on present values of YEAR whose previous year is present too, so the
    change against last year can be judged, as a campaign's checks do."""

    def __init__(self, panel: dict[str, Series], rng: np.random.Generator):
        self.panel = panel
        self.rng = rng
        self.used: set[tuple[int, str]] = set()
        self.planted: list[Planted] = []

    def _present(self, position: int, codes: tuple[str, ...]) -> bool:
        column = YEARS.index(YEAR)
        return all(
            (position, code) not in self.used
            and not np.isnan(self.panel[code].values[position, column - 1 : column + 1]).any()
            for code in codes
        )

    def _place(self, codes: tuple[str, ...], need: Callable[[int], bool]) -> int:
        if not all(code in self.panel for code in codes):
            return -1
        size = len(next(iter(self.panel.values())).values)
        for _ in range(ATTEMPTS):
            position = int(self.rng.integers(size))
            if self._present(position, codes) and need(position):
                return position
        return -1

    def _value(self, code: str, position: int) -> float:
        return float(self.panel[code].values[position, YEARS.index(YEAR)])

    def _above(self, code: str, floor: float) -> Callable[[int], bool]:
        return lambda position: self._value(code, position) > floor

    def _far_apart(self, first: str, second: str) -> Callable[[int], bool]:
        def need(position: int) -> bool:
            low, high = sorted((self._value(first, position), self._value(second, position)))
            return low >= MIN_SWAP_BASE and high >= SWAP_FACTOR * low

        return need

    def _set(self, code: str, position: int, kind: str, text: str, new: float) -> None:
        series, column = self.panel[code], YEARS.index(YEAR)
        old = float(series.values[position, column])
        # Stored at the indicator's decimals: a value swapped in from an indicator with more
        # decimals (1 336,2 into a count) is written, and recorded, as it will be stored.
        new = round(new, series.indicator.decimals)
        series.values[position, column] = new
        if series.female is not None:  # keep female + male = total
            series.female[position, column] = round(series.female[position, column] * new / old)
        self.used.add((position, code))
        self.planted.append(Planted(position, code, YEAR, kind, text, old, new))

    def unit_slips(self) -> None:
        for code in BUDGET_SLIPS:
            h = self._place((code,), self._above(code, 0))
            if h >= 0:
                old = self._value(code, h)
                text = f"{code} entered in UAH instead of thousand UAH (×1000)"
                self._set(code, h, Kind.UNIT_SLIP, text, round(old * 1000, 1))

    def swaps(self) -> None:
        for first, second in SWAPS:
            h = self._place((first, second), self._far_apart(first, second))
            if h >= 0:
                a, b = self._value(first, h), self._value(second, h)
                self._set(first, h, Kind.SWAPPED, f"{first} swapped with {second}", b)
                self._set(second, h, Kind.SWAPPED, f"{second} swapped with {first}", a)

    def parts_over_totals(self) -> None:
        for part, total in PARTS:
            h = self._place((part, total), self._above(total, 0))
            if h >= 0:
                factor = float(self.rng.uniform(1.1, 1.5))
                new = round(self._value(total, h) * factor + 1)
                self._set(part, h, Kind.PART_OVER_TOTAL, f"{part} exceeds {total}", new)

    def jumps(self) -> None:
        for code in JUMPS:
            h = self._place((code,), self._above(code, MIN_JUMP_BASE))
            if h >= 0:
                up = bool(self.rng.random() < 0.5)
                old = self._value(code, h)
                text = f"{code} {'×3' if up else '÷3'} against {YEAR - 1}"
                self._set(code, h, Kind.JUMP, text, round(old * 3 if up else old / 3))

    def negatives(self) -> None:
        for code in NEGATIVES:
            h = self._place((code,), self._above(code, 0))
            if h >= 0:
                old = self._value(code, h)
                self._set(code, h, Kind.NEGATIVE, f"{code} entered as negative", -old)


def plant_errors(panel: dict[str, Series], rng: np.random.Generator) -> list[Planted]:
    """Change the panel in place; indicators absent from the panel are skipped."""
    planter = Planter(panel, rng)
    planter.unit_slips()
    planter.swaps()
    planter.parts_over_totals()
    planter.jumps()
    planter.negatives()
    return planter.planted
