"""Ukrainian to Latin: the official national system.

Resolution of the Cabinet of Ministers of Ukraine No. 55 of 27 January 2010. Letters Є, Ї,
Й, Ю, Я are written Ye, Yi, Y, Yu, Ya at the start of a word and ie, i, i, iu, ia elsewhere;
the combination "зг" becomes "zgh" (so that it is not read as "ж"); the soft sign and the
apostrophe are dropped. Characters that are not Ukrainian letters pass through unchanged.
"""

from __future__ import annotations

APOSTROPHES = "'’ʼ`‘"

_LETTERS = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
}
_WORD_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def transliterate(text: str) -> str:
    """Latin spelling of a Ukrainian name: Київ → Kyiv, Згорани → Zghorany."""
    out: list[str] = []
    for index, char in enumerate(text):
        if char in APOSTROPHES:
            continue
        lower = char.lower()
        if lower not in _LETTERS:
            out.append(char)
            continue
        latin = _latin(text, index, lower)
        if char != lower and latin:
            latin = latin.upper() if _in_capitals(text, index) else latin.capitalize()
        out.append(latin)
    return "".join(out)


def _latin(text: str, index: int, lower: str) -> str:
    if lower == "г" and index > 0 and text[index - 1].lower() == "з":
        return "gh"
    if lower in _WORD_INITIAL and _starts_word(text, index):
        return _WORD_INITIAL[lower]
    return _LETTERS[lower]


def _starts_word(text: str, index: int) -> bool:
    """A letter starts a word unless a letter or an apostrophe stands right before it."""
    if index == 0:
        return True
    previous = text[index - 1]
    return not (previous.isalpha() or previous in APOSTROPHES)


def _in_capitals(text: str, index: int) -> bool:
    """Whether the letter is part of a word written in capitals (ЩОРС → SHCHORS)."""
    neighbours = text[max(index - 1, 0) : index] + text[index + 1 : index + 2]
    letters = [c for c in neighbours if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
