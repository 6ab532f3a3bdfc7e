"""Find a hromada's administrative centre among its settlements, and its type from it.

A hromada is named after its centre in adjectival form: Андріївка → Андріївська, Вінниця →
Вінницька, Агрономічне → Агрономічна, Нова Одеса → Новоодеська. A settlement matches
when its name and the stem of the hromada's name agree on most letters (vowels that
alternate in Ukrainian, as in Гуляйполе → Гуляйпільська, count as equal). Several
settlements may match (Вінниця and Вінницькі Хутори); the codifier lists each hromada's
centre first, so the first matching one in code order wins. When none matches (a hromada
named after a river or a region), the first settlement is the centre. The type follows
the centre's category: a city (M) makes a city hromada, a settlement (X, formerly T) a
settlement hromada, a village (C) a village hromada. docs/territories.md gives the
measured agreement with the official list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hromada.territories.models import HromadaType
from hromada.territories.transliteration import APOSTROPHES

MATCH_THRESHOLD = 0.6
TYPE_OF_CENTRE = {
    "M": HromadaType.CITY,
    "X": HromadaType.SETTLEMENT,
    "T": HromadaType.SETTLEMENT,
    "C": HromadaType.VILLAGE,
}
_DROPPED = re.compile(f"[{APOSTROPHES}ь]")
_ALTERNATING_VOWELS = str.maketrans(dict.fromkeys("оеіиєїя", "о"))
_ADJECTIVE_ENDING = re.compile(r"(ий|ій|а|е|є|і|я|о)$")
_HROMADA_SUFFIX = re.compile(r"(ск|к|н)?а$")


@dataclass(frozen=True)
class Settlement:
    code: str
    category: str
    name: str


def find_centre(hromada_name: str, settlements: Sequence[Settlement]) -> Settlement | None:
    if not settlements:
        return None
    ordered = sorted(settlements, key=lambda s: s.code)
    stem = hromada_stem(hromada_name)
    for settlement in ordered:
        if match_score(stem, settlement.name) >= MATCH_THRESHOLD:
            return settlement
    return ordered[0]


def hromada_type_of(centre: Settlement | None) -> str:
    return TYPE_OF_CENTRE.get(centre.category, "") if centre else ""


def hromada_stem(name: str) -> str:
    """Андріївська → андріїв, Вінницька → вінниц, Агрономічна → агрономіч; then vowels fold."""
    text = _DROPPED.sub("", name.lower())
    return _HROMADA_SUFFIX.sub("", text).translate(_ALTERNATING_VOWELS)


def settlement_key(name: str) -> str:
    """Нова Одеса → новоодеса: an adjective in front fuses with "о", as in the hromada name."""
    words = _DROPPED.sub("", name.lower()).split()
    fused = "".join(_ADJECTIVE_ENDING.sub("о", word) for word in words[:-1]) + words[-1]
    return fused.translate(_ALTERNATING_VOWELS)


def match_score(stem: str, settlement_name: str) -> float:
    """Share of letters, from the start, that the stem and the settlement name have in common."""
    key = settlement_key(settlement_name)
    common = 0
    for a, b in zip(stem, key, strict=False):
        if a != b:
            break
        common += 1
    return common / max(len(stem), len(key), 1)
