"""The questions of a stored form definition, flattened for pages, answers and results.

The definition is the JSON pyxform makes of an XLSForm. Labels come keyed by the workbook's
language names (`uk`, `Ukrainian (uk)`, `default`); here they become {"uk": …, "en": …}.
A question inside a group is relevant only when its groups are, so the group relevances are
joined to its own with `and`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import get_language

# pyxform's type names for the question types a hromada answers here.
SELECT_ONE = "select one"
SELECT_MULTIPLE = "select all that apply"
ANSWERED = {"integer", "decimal", "text", "date", SELECT_ONE, SELECT_MULTIPLE}
NUMERIC = {"integer", "decimal"}
LANGUAGE_IN_NAME = re.compile(r"\(([A-Za-z]{2})\)\s*$")
INDICATOR_BIND = "hromada:indicator"


def language_code(name: str) -> str:
    """`Ukrainian (uk)` and `uk` are Ukrainian; an unnamed language is the default, Ukrainian."""
    match = LANGUAGE_IN_NAME.search(name)
    if match:
        return match.group(1).lower()
    return name.lower() if len(name) == 2 else "uk"


def texts(value: Any) -> dict[str, str]:
    """A label, hint or message in each language it is written in."""
    if isinstance(value, str):
        return {"uk": value}
    if isinstance(value, dict):
        found: dict[str, str] = {}
        for name, text in value.items():
            found.setdefault(language_code(str(name)), str(text))
        return found
    return {}


def in_language(by_language: dict[str, str]) -> str:
    """The text in the page's language, else Ukrainian, else whatever there is."""
    language = (get_language() or "uk")[:2]
    return (
        by_language.get(language) or by_language.get("uk") or next(iter(by_language.values()), "")
    )


@dataclass(frozen=True)
class Choice:
    name: str
    label: dict[str, str]

    @property
    def text(self) -> str:
        return in_language(self.label) or self.name


@dataclass(frozen=True)
class Question:
    name: str
    kind: str
    label: dict[str, str]
    hint: dict[str, str] = field(default_factory=dict)
    required: bool = False
    constraint: str = ""
    constraint_message: dict[str, str] = field(default_factory=dict)
    relevant: str = ""
    calculation: str = ""
    indicator: str = ""
    choices: tuple[Choice, ...] = ()
    group: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return in_language(self.label) or self.name

    @property
    def hint_text(self) -> str:
        return in_language(self.hint)

    @property
    def group_text(self) -> str:
        return in_language(self.group)

    @property
    def is_calculation(self) -> bool:
        return self.kind == "calculate"

    @property
    def is_note(self) -> bool:
        return self.kind == "note"

    @property
    def is_answered(self) -> bool:
        return self.kind in ANSWERED

    @property
    def is_select(self) -> bool:
        return self.kind in {SELECT_ONE, SELECT_MULTIPLE}

    @property
    def is_multiple(self) -> bool:
        return self.kind == SELECT_MULTIPLE

    def choice_text(self, name: str) -> str:
        for choice in self.choices:
            if choice.name == name:
                return choice.text
        return name

    def answer_text(self, stored: str) -> str:
        """A stored answer as a person reads it: the labels of the chosen options, a date in
        the page language's short format (stored as ISO, which files for machines keep)."""
        if self.is_select:
            return ", ".join(self.choice_text(name) for name in stored.split())
        if self.kind == "date" and stored:
            try:
                return date_format(dt.date.fromisoformat(stored), "SHORT_DATE_FORMAT")
            except ValueError:
                return stored
        return stored


def _is_true(value: Any) -> bool:
    return str(value).strip().lower() in {"yes", "true", "true()", "1"}


def _joined(outer: str, inner: str) -> str:
    if outer and inner:
        return f"({outer}) and ({inner})"
    return outer or inner


def _question(element: dict[str, Any], relevant: str, group: dict[str, str]) -> Question:
    bind = element.get("bind", {})
    return Question(
        name=str(element["name"]),
        kind=str(element["type"]),
        label=texts(element.get("label", "")),
        hint=texts(element.get("hint", "")),
        required=_is_true(bind.get("required", "")),
        constraint=str(bind.get("constraint", "")),
        constraint_message=texts(bind.get("jr:constraintMsg", "")),
        relevant=_joined(relevant, str(bind.get("relevant", ""))),
        calculation=str(bind.get("calculate", "")),
        indicator=str(bind.get(INDICATOR_BIND, "")).strip(),
        choices=tuple(
            Choice(str(choice["name"]), texts(choice.get("label", "")))
            for choice in element.get("choices", [])
        ),
        group=group,
    )


def walk(
    children: list[dict[str, Any]], relevant: str = "", group: dict[str, str] | None = None
) -> Iterator[tuple[dict[str, Any], str, dict[str, str]]]:
    """Every element under `children` with its joined relevance and its nearest group label."""
    for element in children:
        if element.get("control", {}).get("bodyless"):
            continue  # pyxform's own `meta` group: the instance ID, not a question
        yield element, relevant, group or {}
        if element.get("type") in {"group", "repeat"}:
            own = str(element.get("bind", {}).get("relevant", ""))
            label = texts(element.get("label", "")) or group or {}
            yield from walk(element.get("children", []), _joined(relevant, own), label)


def questions_of(definition: dict[str, Any]) -> list[Question]:
    """The answered, calculated and note rows of a stored definition, in the form's order."""
    return [
        _question(element, relevant, group)
        for element, relevant, group in walk(definition.get("children", []))
        if element.get("type") in ANSWERED | {"calculate", "note"}
    ]


def title_of(definition: dict[str, Any]) -> str:
    return str(definition.get("title", ""))
