"""Codes resolved through dictionaries loaded once per import, never a query per row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hromada.dataio.markers import name_key
from hromada.indicators.models import Indicator
from hromada.territories.models import FormerName, HromadaType, Level, Territory

_HROMADA_SUFFIX = re.compile(r"\s+(територіальна\s+громада|тг|громада|отг)$")
_TYPE_WORD = re.compile(r"\s+(міська|селищна|сільська)$")
_OBLAST_SUFFIX = re.compile(r"\s+(область|обл\.?)$")
TYPE_WORDS = {
    "міська": HromadaType.CITY,
    "селищна": HromadaType.SETTLEMENT,
    "сільська": HromadaType.VILLAGE,
    "city": HromadaType.CITY,
    "urban": HromadaType.CITY,
    "settlement": HromadaType.SETTLEMENT,
    "rural": HromadaType.VILLAGE,
    "village": HromadaType.VILLAGE,
    **{choice.value: choice.value for choice in HromadaType},
}


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
    decimals: int = 15


@dataclass(frozen=True)
class Candidate:
    """A hromada a name in a file may mean: by its current name, or by a former one."""

    id: int
    code: str
    name: str
    hromada_type: str
    former: str = ""


def name_and_type(name: str) -> tuple[str, str]:
    """The bare name and the type word of `Первомайська селищна територіальна громада`:
    (`первомайська`, `settlement`); the type is '' when the name does not say it."""
    key = _HROMADA_SUFFIX.sub("", name_key(name))
    found = _TYPE_WORD.search(key)
    if found is None:
        return key, ""
    return key[: found.start()], TYPE_WORDS[found.group(1)]


def type_of(text: str) -> str:
    """A hromada type from a type column (`міська`, `urban`, `city` ...); '' if unknown."""
    return TYPE_WORDS.get(name_key(text), "")


def oblast_key(name: str) -> str:
    return _OBLAST_SUFFIX.sub("", name_key(name))


@dataclass
class Catalogue:
    indicators: dict[str, IndicatorInfo]
    territories: dict[str, int]
    _names: dict[tuple[str, str], list[Candidate]] | None = field(default=None, repr=False)
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

    def territories_by_name(self, name: str, oblast: str, kind: str = "") -> list[Candidate]:
        """The hromadas (and cities with special status) of this oblast that `name` may
        mean, by current or former name; narrowed by the type word (міська/селищна/сільська)
        of the name or `kind`. One candidate is a match; several must be told apart by code.
        """
        bare, said = name_and_type(name)
        wanted = said or type_of(kind)
        found = self._name_index().get((bare, oblast_key(oblast)), [])
        if wanted:
            found = [c for c in found if c.hromada_type in (wanted, "")]
        unique: dict[int, Candidate] = {}
        for candidate in found:  # current names first: a current name wins a tie in labels
            unique.setdefault(candidate.id, candidate)
        return list(unique.values())

    def _name_index(self) -> dict[tuple[str, str], list[Candidate]]:
        if self._names is not None:
            return self._names
        self._names = {}
        rows = Territory.objects.filter(level=Level.HROMADA).values_list(
            "pk", "code", "name_uk", "hromada_type", "oblast__name_uk"
        )
        oblasts: dict[int, str] = {}
        for pk, code, name_uk, kind, oblast_uk in rows:
            oblasts[pk] = oblast_key(oblast_uk or name_uk)
            candidate = Candidate(pk, code, name_uk, kind)
            self._names.setdefault((name_and_type(name_uk)[0], oblasts[pk]), []).append(candidate)
        former = FormerName.objects.filter(territory__level=Level.HROMADA).values_list(
            "territory_id",
            "territory__code",
            "territory__name_uk",
            "territory__hromada_type",
            "name_uk",
        )
        for pk, code, name_uk, kind, old in former:
            key = (name_and_type(old)[0], oblasts[pk])
            self._names.setdefault(key, []).append(Candidate(pk, code, name_uk, kind, old))
        return self._names
