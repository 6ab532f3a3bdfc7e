"""Turn checked codifier entries into the territories the registry should hold.

Everything is derived from the file alone: the level from the category, the parent,
oblast and raion from the row's codes, the Latin name, the search text, Crimea, and for
hromadas the centre and the type (see centres.py). The cities with special status (K)
are territorial communities themselves: level "hromada", no parent, oblast = self.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from hromada.territories.centres import Settlement, find_centre, hromada_type_of
from hromada.territories.codifier import Entry
from hromada.territories.models import Category, HromadaType, Level
from hromada.territories.search import search_text_for
from hromada.territories.transliteration import transliterate

LEVEL_OF = {
    Category.OBLAST: Level.OBLAST,
    Category.SPECIAL_CITY: Level.HROMADA,
    Category.RAION: Level.RAION,
    Category.HROMADA: Level.HROMADA,
    Category.CITY: Level.SETTLEMENT,
    Category.SETTLEMENT: Level.SETTLEMENT,
    Category.VILLAGE: Level.SETTLEMENT,
    Category.URBAN_SETTLEMENT: Level.SETTLEMENT,
    Category.CITY_DISTRICT: Level.DISTRICT,
}
SETTLEMENT_CATEGORIES = {"M", "X", "C", "T"}
# Region numbers of the Autonomous Republic of Crimea (01) and Sevastopol (85).
CRIMEA_REGIONS = {"01", "85"}


@dataclass(frozen=True)
class Target:
    """What one territory should look like after the import (codes instead of keys)."""

    code: str
    level: str
    category: str
    depth: int
    parent_code: str | None
    oblast_code: str
    raion_code: str | None
    name_uk: str
    name_en: str
    search_text: str
    hromada_type: str
    centre_code: str | None
    is_crimea: bool


def plan(entries: list[Entry]) -> list[Target]:
    """Targets ordered parents first, so they can be written level by level."""
    categories = {entry.code: entry.category for entry in entries}
    centres = _centres(entries)
    targets = [_target(entry, categories, centres) for entry in entries]
    return sorted(targets, key=lambda t: (t.depth, t.code))


def is_crimea(code: str) -> bool:
    return code[2:4] in CRIMEA_REGIONS


def _target(
    entry: Entry, categories: dict[str, str], centres: dict[str, Settlement | None]
) -> Target:
    chain = entry.chain
    raion_code = chain[1] if len(chain) > 1 and categories[chain[1]] == Category.RAION else None
    name_en = transliterate(entry.name)
    hromada_type, centre_code = "", None
    if entry.category == Category.HROMADA:
        centre = centres.get(entry.code)
        hromada_type, centre_code = hromada_type_of(centre), centre.code if centre else None
    elif entry.category == Category.SPECIAL_CITY:
        hromada_type = HromadaType.CITY
    return Target(
        code=entry.code,
        level=LEVEL_OF[Category(entry.category)],
        category=entry.category,
        depth=len(chain),
        parent_code=entry.parent_code,
        oblast_code=chain[0],
        raion_code=raion_code if entry.code != raion_code else None,
        name_uk=entry.name,
        name_en=name_en,
        search_text=search_text_for(entry.name, name_en, entry.code),
        hromada_type=hromada_type,
        centre_code=centre_code,
        is_crimea=is_crimea(entry.code),
    )


def _centres(entries: list[Entry]) -> dict[str, Settlement | None]:
    settlements: dict[str, list[Settlement]] = defaultdict(list)
    for entry in entries:
        if entry.category in SETTLEMENT_CATEGORIES and entry.parent_code:
            settlements[entry.parent_code].append(
                Settlement(entry.code, entry.category, entry.name)
            )
    return {
        entry.code: find_centre(entry.name, settlements[entry.code])
        for entry in entries
        if entry.category == Category.HROMADA
    }
