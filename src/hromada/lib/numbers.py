"""The one reader of numbers typed by people: the web form, a workbook cell, a file, the API.

People write numbers the Ukrainian way (`1 234,5`, with a plain, non-breaking or thin space
between thousands) and the English way (`1,234.5`); a spreadsheet writes `1234.5`; a word
processor writes the minus as U+2212. All of these are read. The rules:

* spaces of any kind and apostrophes separate thousands;
* with both `,` and `.`, the later one is the decimal mark and the other separates thousands;
* the same mark several times separates thousands (`1,234,567`, `1.234.567`);
* a single `.` is a decimal point (what every spreadsheet and file writes);
* a single `,` is a decimal comma (the Ukrainian habit), except where it could as well
  separate thousands: `1,234` is 1.234 in Ukrainian and 1234 in English. That text is
  refused with a message naming both readings, unless the caller knows the source's habit
  (a file import, where the comma is the decimal mark: `ambiguous_comma="decimal"`);
* thousands groups have three digits; `1,2,3` is not a number.
"""

from __future__ import annotations

import math
import re
from typing import Literal

from django.utils.translation import gettext as _

_GROUPING = "\u0020\u00a0\u202f\u2009\u2007'\u2019"
_SPACES = re.compile(f"[{_GROUPING}]")
_MINUS = str.maketrans({"\u2212": "-"})
_SCIENTIFIC = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d{1,3}")
_SHAPE = re.compile(f"[+-]?[\\d,.{_GROUPING}]+")
_GROUP_HEAD = re.compile(r"\d{1,3}")
_GROUP = re.compile(r"\d{3}")
_DIGITS = re.compile(r"\d*")

AmbiguousComma = Literal["refuse", "decimal"]


class NumberError(ValueError):
    """Text that is not a number, with a sentence saying why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_number(text: str, *, ambiguous_comma: AmbiguousComma = "refuse") -> float | None:
    """The number written in `text`; None for an empty text; raises NumberError."""
    stripped = (text or "").strip().translate(_MINUS)
    if not stripped:
        return None
    if _SCIENTIFIC.fullmatch(stripped):
        return _finite(float(stripped), text)
    if not _SHAPE.fullmatch(stripped):
        raise _not_a_number(text)
    sign = "-" if stripped.startswith("-") else ""
    whole, fraction = _split(stripped.lstrip("+-"), text, ambiguous_comma)
    digits = _whole_digits(whole, text)
    if not _DIGITS.fullmatch(fraction):
        raise _not_a_number(text)
    if not digits and not fraction:
        raise _not_a_number(text)
    return _finite(float(f"{sign}{digits or '0'}.{fraction or '0'}"), text)


def _split(body: str, text: str, ambiguous_comma: AmbiguousComma) -> tuple[str, str]:
    """(the whole part with its separators, the decimals) of an unsigned number."""
    commas, points = body.count(","), body.count(".")
    if commas and points:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        if body.count(decimal) > 1:
            raise _grouping_error(text)
        whole, fraction = body.rsplit(decimal, 1)
        return whole.replace("," if decimal == "." else ".", " "), fraction
    if commas > 1 or points > 1:
        return body.replace(",", " ").replace(".", " "), ""
    if points == 1:
        whole, fraction = body.split(".")
        return whole, fraction
    if commas == 1:
        whole, fraction = body.split(",")
        if (
            ambiguous_comma == "refuse"
            and len(fraction) == 3
            and re.fullmatch(r"[1-9]\d{0,2}", whole)
        ):
            raise NumberError(
                _(
                    "“%(text)s” could mean %(thousands)s or %(decimal)s: write thousands with a "
                    "space (%(thousands)s) or decimals with a point (%(decimal)s)."
                )
                % {
                    "text": text.strip(),
                    "thousands": f"{whole} {fraction}",
                    "decimal": f"{whole}.{fraction}",
                }
            )
        return whole, fraction
    return body, ""


def _whole_digits(whole: str, text: str) -> str:
    groups = _SPACES.split(whole)
    if len(groups) == 1:
        if not _DIGITS.fullmatch(groups[0]):
            raise _not_a_number(text)
        return groups[0]
    head, *rest = groups
    if not _GROUP_HEAD.fullmatch(head) or not all(_GROUP.fullmatch(g) for g in rest):
        raise _grouping_error(text)
    return "".join(groups)


def _not_a_number(text: str) -> NumberError:
    return NumberError(_("“%(text)s” is not a number.") % {"text": text.strip()})


def _grouping_error(text: str) -> NumberError:
    return NumberError(
        _("“%(text)s” is not a number: thousands are grouped by three digits.")
        % {"text": text.strip()}
    )


def _finite(number: float, text: str) -> float:
    if not math.isfinite(number):
        raise _not_a_number(text)
    return number
