"""Content written in two languages: one rule for which of the two a reader sees."""

from __future__ import annotations

from django.utils.translation import get_language


def in_language(uk: str, en: str) -> str:
    """The English text on English pages when there is one; the Ukrainian text otherwise."""
    return en if get_language() == "en" and en else uk
