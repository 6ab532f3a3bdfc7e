"""The text of letters to bodies: a template analysts edit, with placeholders in braces
(`{title}`, `{hromadas}`, `{evidence}`, …) filled from the problem when a letter is made.

Only the placeholders below are known; anything else in braces (attributes, indexes,
formats, a stray brace) is refused when the template is saved, so a saved template always
renders. A brace meant as text is written twice: `{{` and `}}`.
"""

from __future__ import annotations

import datetime as dt
import string

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import override as language

from hromada.appeals.models import Dispatch, LetterTemplate
from hromada.appeals.queries import evidence

PLACEHOLDERS = {
    "title": gettext_lazy("what the problem is"),
    "description": gettext_lazy("the details of the problem"),
    "since": gettext_lazy("since when (date, or “—”)"),
    "legal_act": gettext_lazy("the legal act concerned (or “—”)"),
    "body": gettext_lazy("the body the letter goes to"),
    "sent_on": gettext_lazy("date of the letter"),
    "outgoing_number": gettext_lazy("outgoing number (or “—”)"),
    "deadline": gettext_lazy("the date the answer is due by"),
    "hromada_count": gettext_lazy("how many hromadas have the problem"),
    "hromadas": gettext_lazy("the hromadas, one a line, each with how it affects them"),
    "evidence": gettext_lazy(
        "the measuring indicator's latest value for each hromada, and the attached files"
    ),
}
REQUIRED = ("hromadas", "deadline")

DEFAULT_TEXT = """Щодо: {title}

{description}

Проблема існує з: {since}. Нормативно-правовий акт: {legal_act}.

Проблема стосується територіальних громад ({hromada_count}):
{hromadas}

Підтвердження:
{evidence}

Просимо розглянути проблему та надати відповідь до {deadline}."""


def validate_template(text: str) -> None:
    """Refuse a template that would not render, with every reason at once."""
    errors: list[str] = []
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        raise ValidationError(
            _(
                "A brace is not closed or not opened. Placeholders look like {title}; "
                "write {{ or }} for a brace in the text."
            )
        ) from None
    used: set[str] = set()
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in PLACEHOLDERS or spec or conversion:
            shown = (
                "{"
                + field
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
            errors.append(_("Unknown placeholder %(name)s.") % {"name": shown})
        used.add(field)
    for name in REQUIRED:
        if name not in used:
            errors.append(
                _("The letter must contain {%(name)s}: %(meaning)s.")
                % {"name": name, "meaning": PLACEHOLDERS[name]}
            )
    if errors:
        raise ValidationError(errors)


def current_template() -> LetterTemplate | None:
    return LetterTemplate.objects.order_by("-version").first()


def _date(value: dt.date | None) -> str:
    return formats.date_format(value, "d.m.Y") if value else "—"


def _number(value: float) -> str:
    return formats.number_format(value, decimal_pos=None, use_l10n=True, force_grouping=True)


def letter_values(dispatch: Dispatch) -> dict[str, str]:
    """What each placeholder stands for in this letter, in Ukrainian (letters are official)."""
    problem = dispatch.problem
    participations = list(problem.participations.select_related("hromada"))
    with language("uk"):
        hromadas = [
            f"{n}. {p.hromada.name_uk}" + (f": {p.details}" if p.details else "")
            for n, p in enumerate(participations, 1)
        ]
        proof: list[str] = []
        if problem.evidence_indicator is not None:
            proof.append(f"{problem.evidence_indicator.name_uk}:")
            for row in evidence(problem):
                shown = (
                    f"{_number(row.value)} ({row.year})"
                    if row.value is not None
                    else _("not published")
                )
                proof.append(f"– {row.hromada}: {shown}")
        files = list(problem.files.select_related("participation__hromada"))
        if files:
            proof.append(_("Attached files:"))
            for item in files:
                whose = f" ({item.participation.hromada.name_uk})" if item.participation else ""
                proof.append(f"– {item.title}{whose}, {item.file_name}")
        return {
            "title": problem.title,
            "description": problem.description,
            "since": _date(problem.since),
            "legal_act": problem.legal_act or "—",
            "body": dispatch.body.name_uk,
            "sent_on": _date(dispatch.sent_on),
            "outgoing_number": dispatch.outgoing_number or "—",
            "deadline": _date(dispatch.deadline),
            "hromada_count": str(len(participations)),
            "hromadas": "\n".join(hromadas),
            "evidence": "\n".join(proof) or "—",
        }


def render_letter(dispatch: Dispatch, text: str | None = None) -> str:
    """The letter's text from its template version (or the newest, or the built-in one)."""
    if text is None:
        template = dispatch.template or current_template()
        text = template.text if template else DEFAULT_TEXT
    return text.format_map(letter_values(dispatch))
