"""Content written in two languages: one rule for which of the two a reader sees."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language


def in_language(uk: str, en: str) -> str:
    """The English text on English pages when there is one; the Ukrainian text otherwise."""
    return en if get_language() == "en" and en else uk


@dataclass(frozen=True)
class ShownText:
    """The text a reader sees, and whether it is the Ukrainian one shown on an English page
    for want of an English one (pages mark it "(in Ukrainian)" and give it `lang="uk"`)."""

    text: str
    in_ukrainian: bool

    def __str__(self) -> str:
        return self.text


def shown_text(uk: str, en: str) -> ShownText:
    """`in_language` that also says when an English reader gets the Ukrainian text."""
    english_page = get_language() == "en"
    return ShownText(in_language(uk, en), english_page and not en and bool(uk))
