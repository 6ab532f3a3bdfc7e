"""Reading members' problems: lists by who asks, overdue letters, the accountability board."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from hromada.appeals import access
from hromada.appeals.models import Body, Dispatch, Outcome, Problem, ProblemState
from hromada.indicators.models import Observation


def public_problems() -> QuerySet[Problem]:
    return Problem.objects.filter(is_public=True).exclude(state=ProblemState.MERGED)


def problems_for(user: Any, *, state: str = "") -> QuerySet[Problem]:
    rows = access.problems_visible_to(user)
    if state:
        rows = rows.filter(state=state)
    return rows.prefetch_related("participations").order_by("-raised_at", "-pk")


def overdue(today: dt.date | None = None) -> QuerySet[Dispatch]:
    today = today or timezone.localdate()
    return (
        Dispatch.objects.filter(answer__isnull=True, deadline__lt=today)
        .select_related("problem", "body")
        .order_by("deadline", "pk")
    )


@dataclass(frozen=True)
class EvidenceRow:
    hromada: str
    code: str
    year: int | None
    value: float | None


def evidence(problem: Problem) -> list[EvidenceRow]:
    """The measuring indicator's latest published value for each hromada with the problem
    (one query for all of them)."""
    participations = list(problem.participations.select_related("hromada"))
    latest: dict[int, tuple[int | None, float | None]] = {}
    if problem.evidence_indicator_id is not None:
        values = (
            Observation.objects.filter(
                indicator_id=problem.evidence_indicator_id,
                territory_id__in=[p.hromada_id for p in participations],
                sex="",
            )
            .order_by("territory_id", "-year")
            .values_list("territory_id", "year", "value")
        )
        for territory_id, found_year, found_value in values:
            latest.setdefault(territory_id, (found_year, found_value))
    rows = []
    for participation in participations:
        year, value = latest.get(participation.hromada_id, (None, None))
        rows.append(
            EvidenceRow(participation.hromada.name, participation.hromada.code, year, value)
        )
    return rows


@dataclass
class BodyRow:
    body: Body
    sent: int = 0
    answered: int = 0
    on_time: int = 0
    overdue: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    @property
    def outcome_counts(self) -> list[int]:
        """Counts of each outcome, in the order of `Outcome`."""
        return [self.outcomes[value] for value in Outcome.values]


def board(year: int | None = None, *, today: dt.date | None = None) -> list[BodyRow]:
    """Per body: letters sent (in the year), answered, on time, overdue now, outcomes."""
    today = today or timezone.localdate()
    letters = Dispatch.objects.select_related("body", "answer")
    if year:
        letters = letters.filter(sent_on__year=year)
    rows: dict[int, BodyRow] = {}
    for letter in letters:
        row = rows.setdefault(letter.body_id, BodyRow(letter.body))
        row.sent += 1
        answer = getattr(letter, "answer", None)
        if answer is None:
            row.overdue += letter.deadline < today
            continue
        row.answered += 1
        row.on_time += answer.received_on <= letter.deadline
        row.outcomes[answer.outcome] += 1
    return sorted(rows.values(), key=lambda r: (-(r.overdue), r.body.name_uk))


OUTCOMES = Outcome.choices
