"""The panel a formula is evaluated on: one 2-D array per indicator, rows x years.

Rows are territories, or groups (oblasts, peer groups) in an aggregated panel. Years are
consecutive, so lag(code, n) is a shift of n columns. NaN means missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
RowKey = int | str


@dataclass(frozen=True)
class Panel:
    """Values of several indicators on shared row and year axes.

    `rows` are territory ids (or group ids), `years` consecutive ascending ints, and
    `data[code]` a float64 array of shape (len(rows), len(years)) with NaN for missing.
    """

    rows: tuple[RowKey, ...]
    years: tuple[int, ...]
    data: Mapping[str, FloatArray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))
        object.__setattr__(self, "years", tuple(int(y) for y in self.years))
        if any(b != a + 1 for a, b in zip(self.years, self.years[1:], strict=False)):
            raise ValueError(f"panel years must be consecutive and ascending: {self.years}")
        checked = {code: self._checked(code, values) for code, values in self.data.items()}
        object.__setattr__(self, "data", checked)

    def _checked(self, code: str, values: npt.ArrayLike) -> FloatArray:
        array = np.asarray(values, dtype=np.float64)
        if array.shape != self.shape:
            raise ValueError(f"values of {code} have shape {array.shape}, expected {self.shape}")
        return array

    @classmethod
    def from_years(
        cls, rows: Sequence[RowKey], first_year: int, last_year: int, data: Mapping[str, FloatArray]
    ) -> Panel:
        return cls(tuple(rows), tuple(range(first_year, last_year + 1)), data)

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.rows), len(self.years))

    def __getitem__(self, code: str) -> FloatArray:
        return self.data[code]

    def __contains__(self, code: object) -> bool:
        return code in self.data

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(self.data)

    def missing(self) -> FloatArray:
        """An all-missing array of the panel's shape."""
        return np.full(self.shape, np.nan)

    def with_values(self, code: str, values: FloatArray) -> Panel:
        """A panel with `code` added or replaced (the arrays are shared, not copied)."""
        extended = Panel(self.rows, self.years, {code: values})
        object.__setattr__(extended, "data", {**self.data, **extended.data})
        return extended

    def year_index(self, year: int) -> int:
        """The column of `year`; raises KeyError outside the panel."""
        index = year - self.years[0] if self.years else -1
        if not 0 <= index < len(self.years):
            raise KeyError(year)
        return index
