"""The common case of a long file, read without the forgiving parsers.

Most rows of a machine-written file are plain: a known code exactly as stored, a year of four
digits, an empty sex, a number written with digits and a point (or an empty cell). Such a
row becomes a value here directly. Any other row (another spelling, a marker, a problem)
answers None and goes through the full checks of `convert`, which decide and explain; a row
is never accepted here that those checks would treat differently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from hromada.dataio.catalogue import Catalogue, IndicatorInfo
from hromada.dataio.reader import Cell
from hromada.indicators.actions import ValueInput
from hromada.indicators.models import Missing

_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
RangeCheck = Callable[[IndicatorInfo, float | None], str]


@dataclass(frozen=True)
class QuickLongRow:
    territory: int
    indicator: int
    value: int
    year: int | None  # position of the year column, or None: `default_year` for every row
    default_year: int | None
    sex: int | None
    missing: int | None
    note: int | None
    width: int  # rows shorter than this take the full path
    years: range
    catalogue: Catalogue
    range_problem: RangeCheck

    def __call__(self, cells: list[Cell]) -> ValueInput | None:
        if len(cells) < self.width:
            return None
        territory = self.catalogue.territories.get(cells[self.territory])  # type: ignore[arg-type]
        info = self.catalogue.indicators.get(cells[self.indicator])  # type: ignore[arg-type]
        if territory is None or info is None or info.derived:
            return None
        year = self.default_year
        if self.year is not None:
            text = cells[self.year]
            if not (isinstance(text, str) and text.isascii() and text.isdigit()):
                return None
            year = int(text)
        if year is None or year not in self.years:
            return None
        if self.sex is not None and cells[self.sex] != "":
            return None
        text = cells[self.value]
        value: float | None
        missing = ""
        if text == "":
            if self.missing is not None and cells[self.missing] != "":
                return None
            value, missing = None, Missing.NOT_REPORTED
        elif isinstance(text, str) and text.isascii() and _PLAIN_NUMBER.fullmatch(text):
            value = float(text)
        else:
            return None
        if self.range_problem(info, value):
            return None
        note = str(cells[self.note]) if self.note is not None else ""
        return ValueInput(territory, info.id, year, "", value, missing, note)
