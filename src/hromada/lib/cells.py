"""Cells of every CSV and XLSX file the site writes: text that a spreadsheet would run as a
formula is neutralised (CSV/formula injection, OWASP).

A comment typed by an official, a name or a value read from an uploaded file may start
with `=`, `+`, `-`, `@`, a tab or a carriage return; Excel and LibreOffice take such a cell
for a formula (`=HYPERLINK(...)` becomes a live link that leaks data when clicked, `=cmd|`
used to run programs). The OWASP rule puts an apostrophe in front: the spreadsheet shows
the text as text. Real numbers stay numbers, including negative ones, whether they are
floats or the plain text of a number in a CSV file (`-12.5`).

`restore_text` undoes the prefix when one of our own files comes back (the Excel template),
so a comment survives the round trip unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """The value to write: text that would start a formula gets an apostrophe in front."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value  # the text of a negative or signed number is data, not a formula
    return PREFIX + value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(value) for value in values]


def restore_text(text: str) -> str:
    """A cell read back from one of our files, without the apostrophe `safe_cell` added."""
    if text.startswith(PREFIX) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
