"""Sorting names the way a Ukrainian reader expects.

Databases compare Cyrillic by code point, which puts Є, І and Ї before А and Ґ after Я.
`sort_key` orders by the Ukrainian alphabet, ignores apostrophes, and keeps Latin text
in its usual order (after Cyrillic).
"""

from __future__ import annotations

ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_POSITION = {letter: index for index, letter in enumerate(ALPHABET)}
_IGNORED = set("'\u02bc\u2019`")


def sort_key(text: str) -> tuple[int, ...]:
    return tuple(
        _POSITION[char] if char in _POSITION else len(ALPHABET) + ord(char)
        for char in text.lower()
        if char not in _IGNORED
    )
