"""Codes resolved through dictionaries loaded once per import, never a query per row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hromada.dataio.markers import name_key
from hromada.indicators.models import Indicator
from hromada.territories.models import Level, Territory

_HROMADA_SUFFIX = re.compile(
    r"\s+((міська|селищна|сільська)\s+)?(територіальна\s+громада|тг|громада|отг)$"
)
_OBLAST_SUFFIX = re.compile(r"\s+(область|обл\.?)$")


@dataclass(frozen=True)
class IndicatorInfo:
    id: int
    code: str
    by_sex: bool
    derived: bool
    min_value: float | None
    max_value: float | None
    hard_min: float | None = None
    hard_max: float | None = None
    unit: str = ""
    decimals: int = 0


def hromada_key(name: str) -> str:
    return _HROMADA_SUFFIX.sub("", name_key(name))


def oblast_key(name: str) -> str:
    return _OBLAST_SUFFIX.sub("", name_key(name))


@dataclass
class Catalogue:
    indicators: dict[str, IndicatorInfo]
    territories: dict[str, int]
    _names: dict[tuple[str, str], list[int]] | None = field(default=None, repr=False)
    _max_id: int | None = field(default=None, repr=False)

    @classmethod
    def load(cls) -> Catalogue:
        indicators = {
            row[1]: IndicatorInfo(
                row[0], row[1], row[2], bool(row[3]), row[4], row[5], row[6], row[7], row[8], row[9]
            )
            for row in Indicator.objects.values_list(
                "pk",
                "code",
                "by_sex",
                "formula",
                "min_value",
                "max_value",
                "hard_min",
                "hard_max",
                "unit",
                "decimals",
            )
        }
        territories = dict(Territory.objects.values_list("code", "pk"))
        return cls(indicators, territories)

    @property
    def max_territory_id(self) -> int:
        if self._max_id is None:
            self._max_id = max(self.territories.values(), default=0)
        return self._max_id

    def indicator(self, code: str) -> IndicatorInfo | None:
        code = code.strip()
        found = self.indicators.get(code)
        if found is None and code.lower() != code:
            found = self.indicators.get(code.lower())
        return found

    def territory_by_code(self, code: str) -> int | None:
        return self.territories.get(code.strip().upper())

    def territories_by_name(self, name: str, oblast: str) -> list[int]:
        """Hromadas (and cities with special status) with this name in this oblast."""
        if self._names is None:
            self._names = {}
            rows = Territory.objects.filter(level=Level.HROMADA).values_list(
                "pk", "name_uk", "oblast__name_uk"
            )
            for pk, name_uk, oblast_uk in rows:
                key = (hromada_key(name_uk), oblast_key(oblast_uk or name_uk))
                self._names.setdefault(key, []).append(pk)
        return self._names.get((hromada_key(name), oblast_key(oblast)), [])
