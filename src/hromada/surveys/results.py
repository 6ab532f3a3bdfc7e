"""What a wave's answers say: response rates by oblast, frequencies per question.

Both are computed from a handful of set-based queries; answers are read once per wave.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from hromada.surveys.models import InvitationState, Wave
from hromada.surveys.questions import NUMERIC, Question, questions_of
from hromada.territories.models import Territory


@dataclass(frozen=True)
class RateRow:
    oblast: str
    invited: int
    started: int
    submitted: int

    @property
    def rate(self) -> float:
        """Submitted as a share of invited, 0..1."""
        return self.submitted / self.invited if self.invited else 0.0

    @property
    def percent(self) -> float:
        return self.rate * 100


@dataclass(frozen=True)
class Rates:
    rows: list[RateRow]
    total: RateRow


def rates(wave: Wave, oblast_id: int | None = None) -> Rates:
    """Invited, started and submitted per oblast, in Ukrainian alphabetical order of oblasts."""
    invitations = wave.invitations.all()
    if oblast_id is not None:
        invitations = invitations.filter(hromada__oblast_id=oblast_id)
    counted = invitations.values("hromada__oblast_id").annotate(
        invited=Count("pk"),
        started=Count("pk", filter=~Q(state=InvitationState.INVITED)),
        submitted=Count("pk", filter=Q(state=InvitationState.SUBMITTED)),
    )
    names = dict(
        Territory.objects.filter(pk__in=[row["hromada__oblast_id"] for row in counted]).values_list(
            "pk", "name_uk"
        )
    )
    from hromada.members.alphabet import sort_key

    rows = sorted(
        (
            RateRow(
                names.get(row["hromada__oblast_id"], ""),
                row["invited"],
                row["started"],
                row["submitted"],
            )
            for row in counted
        ),
        key=lambda row: sort_key(row.oblast),
    )
    total = RateRow(
        "", *(sum(getattr(r, f) for r in rows) for f in ("invited", "started", "submitted"))
    )
    return Rates(rows, total)


@dataclass(frozen=True)
class Frequency:
    label: str
    count: int
    share: float

    @property
    def percent(self) -> float:
        return self.share * 100


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    frequencies: list[Frequency] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None
    smallest: float | None = None
    largest: float | None = None
    texts: list[str] = field(default_factory=list)


def _result(question: Question, values: list[str]) -> QuestionResult:
    result = QuestionResult(question, answered=len(values))
    if question.is_select:
        counts = Counter(name for value in values for name in value.split())
        result.frequencies = [
            Frequency(
                choice.text,
                counts[choice.name],
                counts[choice.name] / len(values) if values else 0.0,
            )
            for choice in question.choices
        ]
    elif question.kind in NUMERIC and values:
        numbers = [float(value) for value in values]
        result.mean = statistics.fmean(numbers)
        result.median = statistics.median(numbers)
        result.smallest, result.largest = min(numbers), max(numbers)
    else:
        result.texts = sorted(values)[:200]
    return result


def question_results(wave: Wave) -> list[QuestionResult]:
    """One result per answered question: shares of choices, a numeric summary, or the texts."""
    answers = list(wave.responses.values_list("answers", flat=True))
    return [
        _result(
            question, [str(a[question.name]) for a in answers if a.get(question.name, "") != ""]
        )
        for question in questions_of(wave.form.definition)
        if question.is_answered
    ]
