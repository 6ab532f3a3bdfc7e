"""Cut a formula into tokens: numbers, names (indicator codes, functions, and/or), signs."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from hromada.indicators.formula import errors
from hromada.indicators.formula.errors import FormulaError

MAX_TOKENS = 500


class Kind(Enum):
    NUMBER = "number"
    NAME = "name"
    KEYWORD = "keyword"
    SIGN = "sign"
    END = "end"


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    position: int  # counted from 1


KEYWORDS = frozenset({"and", "or"})
SIGNS = ("<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/", "(", ")", ",")
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*")
_WORD_TAIL = re.compile(r"[A-Za-z0-9_.]*")
_SPACE = re.compile(r"\s+")


def tokenize(text: str) -> Iterator[Token]:
    """The tokens of `text`, then an END token; raises FormulaError on a bad character.

    Tokens come one at a time, so a parser reports the earliest problem in the text.
    """
    offset = 0
    count = 0
    while offset < len(text):
        if space := _SPACE.match(text, offset):
            offset = space.end()
            continue
        token = _next_token(text, offset)
        offset += len(token.text)
        count += 1
        if count > MAX_TOKENS:
            raise FormulaError(errors.TOO_LONG, limit=MAX_TOKENS)
        yield token
    yield Token(Kind.END, "", len(text) + 1)


def _next_token(text: str, offset: int) -> Token:
    if number := _NUMBER.match(text, offset):
        return _number(text, offset, number.end())
    if name := _NAME.match(text, offset):
        return _name(text, offset, name.end())
    for sign in SIGNS:
        if text.startswith(sign, offset):
            return Token(Kind.SIGN, sign, offset + 1)
    raise FormulaError(errors.UNEXPECTED, token=text[offset], position=offset + 1)


def _number(text: str, start: int, end: int) -> Token:
    tail = _WORD_TAIL.match(text, end)
    if (tail is not None and tail.end() > end) or not math.isfinite(float(text[start:end])):
        stop = tail.end() if tail is not None else end
        raise FormulaError(errors.NOT_A_NUMBER, text=text[start:stop], position=start + 1)
    return Token(Kind.NUMBER, text[start:end], start + 1)


def _name(text: str, start: int, end: int) -> Token:
    if text.startswith(".", end):
        tail = _WORD_TAIL.match(text, end)
        stop = tail.end() if tail is not None else end + 1
        raise FormulaError(errors.NOT_A_CODE, text=text[start:stop], position=start + 1)
    word = text[start:end]
    return Token(Kind.KEYWORD if word in KEYWORDS else Kind.NAME, word, start + 1)
