"""The one check pipeline every face calls: answers in, a typed verdict out.

The web form (a field as typed, or the whole questionnaire), the Excel upload, the API, the
submit action and `validate_campaign` all hand their answers to `check_answers` and only
translate the verdict: its errors block, its warnings without a comment on their value need
one. Numbers reach it already read by `hromada.lib.numbers`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from hromada.collection.models import Campaign
from hromada.collection.validation.data import Override
from hromada.collection.validation.engine import run_checks
from hromada.collection.validation.flags import ERROR, Flag, Kind


@dataclass(frozen=True)
class Answer:
    """One value as given: a number, or None with a reason why it is missing."""

    territory_id: int
    code: str
    value: float | None
    missing: str = ""
    comment: str = ""  # the comment on the indicator's value (given with its total)
    sex: str = ""  # "f" or "m": the value for women or for men of a by-sex indicator


@dataclass
class Verdict:
    flags: list[Flag]
    comments: dict[tuple[int, str], str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Flag]:
        return [f for f in self.flags if f.is_error]

    @property
    def unexplained(self) -> list[Flag]:
        """Warnings on values whose comment is empty: each needs one before submitting."""
        return [
            f
            for f in self.flags
            if not f.is_error and not self.comments.get((f.territory_id, f.code), "").strip()
        ]

    @property
    def ok(self) -> bool:
        return not self.errors

    def of(self, code: str) -> list[Flag]:
        return [f for f in self.flags if f.concerns(code)]


def check_answers(
    campaign: Campaign,
    answers: Sequence[Answer],
    *,
    territory_ids: Iterable[int],
    codes: Iterable[str] | None = None,
) -> Verdict:
    """Every check of the campaign's year for these hromadas, with `answers` laid over the
    stored values (a value typed but not saved, a workbook not yet stored)."""
    overrides = [Override(a.territory_id, a.code, a.value, a.missing, a.sex) for a in answers]
    flags = run_checks(
        campaign, territory_ids=list(territory_ids), codes=codes, overrides=overrides
    )
    comments = {(a.territory_id, a.code): a.comment for a in answers if not a.sex}
    flags += list(dict.fromkeys(reason_flags(answers, comments)))
    return Verdict(flags, comments)


def reason_flags(answers: Iterable[Answer], comments: dict[tuple[int, str], str]) -> list[Flag]:
    """A value marked as missing needs a comment saying why (one message per indicator)."""
    return [
        Flag(a.territory_id, a.code, Kind.REASON, ERROR,
             _("Say in the comment why this value is missing."))
        for a in answers
        if a.value is None and a.missing
        and not comments.get((a.territory_id, a.code), a.comment).strip()
    ]  # fmt: skip
