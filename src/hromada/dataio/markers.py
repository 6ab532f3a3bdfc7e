"""How the text of a cell becomes a number, a typed gap, a sex or a year.

Real files write numbers the way people type them: `1 234,5`, `1 234,5` (non-breaking
space), `1,234.5`, a minus sign (U+2212). A gap is written as an empty cell, a dash or
`н/д`; statistical tables also mark confidential (Cyrillic `к`) and not-applicable
(Cyrillic small letter ha, U+0445) cells. Every marker is listed in docs/import-export.md.
"""

from __future__ import annotations

import re

from hromada.indicators.models import Missing, Sex
from hromada.lib import numbers

# Apostrophes people type in Ukrainian names: right quote, ASCII, modifier letter, grave,
# left quote and prime.
APOSTROPHES = str.maketrans(dict.fromkeys("\u2019'\u02bc`\u2018\u2032", ""))
SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")

MISSING_MARKERS: dict[str, str] = {
    **dict.fromkeys(
        ["", "-", "\u2013", "\u2014", "н/д", "нд", "n/a", "na", "nd", "…", "...", ".."],
        Missing.NOT_REPORTED,
    ),
    **dict.fromkeys(
        ["к", "k", "conf", "конф", "confidential", "конфіденційно"], Missing.CONFIDENTIAL
    ),
    **dict.fromkeys(["\u0445", "x", "н/з", "n/ap", "не застосовується"], Missing.NOT_APPLICABLE),
    **dict.fromkeys(["н/зб", "n/c", "не збирається"], Missing.NOT_COLLECTABLE),
    **{choice.value: choice.value for choice in Missing},
}

SEX_MARKERS: dict[str, str] = {
    **dict.fromkeys(["", "t", "total", "всього", "усього", "разом", "_t"], Sex.TOTAL),
    **dict.fromkeys(["f", "female", "ж", "жін", "жінки", "жіноча"], Sex.FEMALE),
    **dict.fromkeys(["m", "male", "ч", "чол", "чоловіки", "чоловіча"], Sex.MALE),
}

# Most cells of a machine-written file: digits with at most a point. Read without rewriting.
_PLAIN = re.compile(r"-?\d+(\.\d+)?")


def squeeze(text: str) -> str:
    """Trimmed, with every run of spaces (also non-breaking ones) made one plain space."""
    return SPACES.sub(" ", text).strip()


def missing_reason(text: str) -> str | None:
    """The reason a cell holds no value, or None when the cell is not a gap marker."""
    return MISSING_MARKERS.get(squeeze(text).lower())


def parse_number(text: str) -> float | None:
    """The number written in `text`, or None when it is not one.

    Read by the one number reader (`hromada.lib.numbers`); in a file a single `,` is the
    decimal comma (the Ukrainian habit), so `1,234` is 1.234 here.
    """
    if _PLAIN.fullmatch(text) and text.isascii():
        return float(text)
    try:
        return numbers.parse_number(text, ambiguous_comma="decimal")
    except numbers.NumberError:
        return None


def parse_sex(text: str) -> str | None:
    if not text:
        return Sex.TOTAL
    return SEX_MARKERS.get(squeeze(text).lower())


def parse_year(cell: object) -> int | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return int(cell) if float(cell).is_integer() else None
    if isinstance(cell, str) and cell.isascii() and cell.isdigit():
        return int(cell)
    number = parse_number(str(cell))
    return int(number) if number is not None and number.is_integer() else None


def name_key(text: str) -> str:
    """A name compared the forgiving way: case, apostrophes and spacing do not matter."""
    return squeeze(str(text).translate(APOSTROPHES)).lower()
