"""Search normalisation, done in Python so SQLite and PostgreSQL behave the same.

Names and queries are lower-cased, every apostrophe variant (' ’ ʼ ` ‘) becomes the
typewriter apostrophe, and runs of whitespace collapse to one space. A territory's
`search_text` holds its Ukrainian name, its Latin name and its code, normalised this way;
a query matches when every word of it occurs in `search_text`.
"""

from __future__ import annotations

import re

from hromada.territories.transliteration import APOSTROPHES

APOSTROPHE = "'"
CODE_PATTERN = re.compile(r"^UA\d{17}$")
_APOSTROPHE_TABLE = str.maketrans(dict.fromkeys(APOSTROPHES, APOSTROPHE))


def normalise(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHE_TABLE).lower().split())


def search_text_for(name_uk: str, name_en: str, code: str) -> str:
    return normalise(f"{name_uk} {name_en} {code}")


def query_words(query: str) -> list[str]:
    return normalise(query).split()


def as_code(query: str) -> str | None:
    """The query as a KATOTTG code when it is one (any case, surrounding spaces allowed)."""
    candidate = query.strip().upper()
    return candidate if CODE_PATTERN.match(candidate) else None
