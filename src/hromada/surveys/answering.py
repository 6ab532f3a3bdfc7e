"""Checking a respondent's answers against the form: types, choices, relevance, required,
constraints and calculations, all on the server with hromada.surveys.expressions.

Answers travel and are stored as text, as XForms keeps them: numbers in their plain form
("12", "3.5"), dates as ISO, a multiple choice as its names joined by spaces.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext as _

from hromada.surveys import expressions
from hromada.surveys.questions import Question, in_language

MAX_TEXT = 5000
INTEGER = re.compile(r"[+-]?\d+")
DECIMAL = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


@dataclass
class Checked:
    """The answers kept (relevant ones and calculations), and a message per wrong answer."""

    answers: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_post(questions: list[Question], data: QueryDict) -> dict[str, str]:
    """The raw answers a form sent, by question name."""
    raw: dict[str, str] = {}
    for question in questions:
        if not question.is_answered:
            continue
        if question.is_multiple:
            raw[question.name] = " ".join(v.strip() for v in data.getlist(question.name) if v)
        else:
            raw[question.name] = str(data.get(question.name, "")).strip()
    return raw


def _normalised(question: Question, text: str) -> tuple[str, str]:
    """(the answer in its stored form, the message if it is not of the question's type)."""
    compact = text.replace(" ", "").replace("\u00a0", "")
    if question.kind == "integer":
        if not INTEGER.fullmatch(compact):
            return text, _("Enter a whole number.")
        return str(int(compact)), ""
    if question.kind == "decimal":
        if not DECIMAL.fullmatch(compact):
            return text, _("Enter a number.")
        return f"{float(compact.replace(',', '.')):g}", ""
    if question.kind == "date":
        try:
            return dt.date.fromisoformat(text).isoformat(), ""
        except ValueError:
            return text, _("Enter a date as YYYY-MM-DD.")
    if len(text) > MAX_TEXT:
        return text[:MAX_TEXT], _("The answer is too long: at most 5000 characters.")
    if question.is_select:
        names = {choice.name for choice in question.choices}
        picked = text.split()
        if any(name not in names for name in picked) or (
            not question.is_multiple and len(picked) > 1
        ):
            return text, _("Choose from the options given.")
    return text, ""


def check(questions: list[Question], raw: Mapping[str, str], *, final: bool) -> Checked:
    """Check the answers in the form's order; `final` also demands the required ones."""
    result = Checked()
    values: dict[str, expressions.Value] = dict(raw)
    for question in questions:
        if not expressions.holds(question.relevant, values):
            result.hidden.add(question.name)
            values[question.name] = ""
            continue
        if question.is_calculation:
            values[question.name] = result.answers[question.name] = expressions.value_of(
                question.calculation, values
            )
            continue
        if not question.is_answered:
            continue
        text = str(raw.get(question.name, "")).strip()
        if not text:
            if final and question.required:
                result.errors[question.name] = _("This question needs an answer.")
            values[question.name] = ""
            continue
        stored, problem = _normalised(question, text)
        values[question.name] = result.answers[question.name] = stored
        if problem:
            result.errors[question.name] = problem
        elif not expressions.holds(question.constraint, values, stored):
            result.errors[question.name] = in_language(question.constraint_message) or _(
                "This answer is outside what the question allows."
            )
    return result
