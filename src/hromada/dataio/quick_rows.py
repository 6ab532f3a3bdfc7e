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
from hromada.indicators.limits import impossible
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

    def reader(self) -> Callable[[list[Cell]], ValueInput | None]:
        """The row function, with everything it needs bound to local names (it runs for
        every row of the file)."""
        territories, indicators = self.catalogue.territories, self.catalogue.indicators
        t_at, i_at, v_at, y_at = self.territory, self.indicator, self.value, self.year
        sex_at, missing_at, note_at = self.sex, self.missing, self.note
        width, years, default_year = self.width, self.years, self.default_year
        range_problem, plain = self.range_problem, _PLAIN_NUMBER.fullmatch
        not_reported = Missing.NOT_REPORTED

        def read(cells: list[Cell]) -> ValueInput | None:
            if len(cells) < width:
                return None
            territory = territories.get(cells[t_at])  # type: ignore[arg-type]
            info = indicators.get(cells[i_at])  # type: ignore[arg-type]
            if territory is None or info is None or info.derived:
                return None
            year = default_year
            if y_at is not None:
                text = cells[y_at]
                if not (isinstance(text, str) and text.isascii() and text.isdigit()):
                    return None
                year = int(text)
            if year not in years:
                return None
            if sex_at is not None and cells[sex_at] != "":
                return None
            text = cells[v_at]
            value: float | None
            missing = ""
            if text == "":
                if missing_at is not None and cells[missing_at] != "":
                    return None
                value, missing = None, not_reported
            elif isinstance(text, str) and text.isascii() and plain(text):
                value = float(text)
                # A decimal with no more places than the indicator keeps is its own stored
                # float (convert would round it to itself): only the bounds are asked.
                point = text.find(".")
                if point < 0 or len(text) - point - 1 <= info.decimals:
                    if impossible(info, value + 0.0):  # + 0.0: -0 is 0, as stored
                        return None
                elif range_problem(info, value):
                    return None
            else:
                return None
            note = str(cells[note_at]) if note_at is not None else ""
            return ValueInput(territory, info.id, year, "", value, missing, note)  # type: ignore[arg-type]

        return read
