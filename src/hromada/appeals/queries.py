"""Reading members' problems: lists by who asks, overdue letters, the accountability board."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.appeals import access
from hromada.appeals.models import Dispatch, Outcome, Problem, ProblemState
from hromada.indicators.models import Observation
from hromada.lib.ukrainian_order import sort_key


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


BOARD_GROUPS = ("body", "subject", "section")


def subjects_of(problem: Problem) -> list[str]:
    """The problem's subjects as written, each once (case aside), in the order given."""
    seen: dict[str, str] = {}
    for tag in problem.tags.split(","):
        if tag.strip():
            seen.setdefault(tag.strip().casefold(), tag.strip())
    return list(seen.values())


@dataclass
class BoardRow:
    """One line of the board: a body, a subject or a section, with its letters' fate."""

    code: str
    label: str
    label_uk: str
    sent: int = 0
    answered: int = 0
    on_time: int = 0
    overdue: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    problem_ids: set[int] = field(default_factory=set)

    @property
    def problems(self) -> int:
        return len(self.problem_ids)

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    @property
    def outcome_counts(self) -> list[int]:
        """Counts of each outcome, in the order of `Outcome`."""
        return [self.outcomes[value] for value in Outcome.values]

    @property
    def figures(self) -> list[int]:
        """The numbers of a line as the CSV/XLSX board lists them."""
        counts = [self.problems, self.sent, self.answered, self.on_time, self.overdue]
        return [*counts, *self.outcome_counts]


def _groups(letter: Dispatch, by: str) -> list[tuple[str, str, str]]:
    """(code, label, Ukrainian label) of each line a letter counts in."""
    if by == "body":
        return [(letter.body.code, letter.body.name, letter.body.name_uk)]
    if by == "section":
        section = letter.problem.section
        if section is None:
            return [("", str(_("no section")), "без секції")]
        return [(section.code, section.name, section.name_uk)]
    subjects = subjects_of(letter.problem)
    if not subjects:
        return [("", str(_("no subject")), "без теми")]
    return [(subject.casefold(), subject, subject) for subject in subjects]


def board(
    year: int | None = None, *, by: str = "body", today: dt.date | None = None
) -> list[BoardRow]:
    """Per body, subject or section: problems and letters sent (in the year), answered, on
    time, overdue now, outcomes. A problem with two subjects counts under each."""
    if by not in BOARD_GROUPS:
        raise ValueError(by)
    today = today or timezone.localdate()
    letters = Dispatch.objects.select_related("body", "answer", "problem__section")
    if year:
        letters = letters.filter(sent_on__year=year)
    rows: dict[str, BoardRow] = {}
    for letter in letters:
        answer = getattr(letter, "answer", None)
        for code, label, label_uk in _groups(letter, by):
            row = rows.setdefault(code, BoardRow(code, label, label_uk))
            row.sent += 1
            row.problem_ids.add(letter.problem_id)
            if answer is None:
                row.overdue += letter.deadline < today
                continue
            row.answered += 1
            row.on_time += answer.received_on <= letter.deadline
            row.outcomes[answer.outcome] += 1
    if by == "body":
        return sorted(rows.values(), key=lambda r: (-r.overdue, sort_key(r.label_uk)))
    # The lines without a subject or section come last.
    return sorted(rows.values(), key=lambda r: (r.code == "", sort_key(r.label)))


OUTCOMES = Outcome.choices


EXPORTS = ("problems", "letters")
PROBLEM_COLUMNS = [
    "id", "title", "state", "raised_by", "raised_on", "since", "legal_act", "hromadas",
    "subjects", "section", "letters", "answered", "published",
]  # fmt: skip
LETTER_COLUMNS = [
    "letter", "problem", "title", "body", "sent_on", "outgoing_number", "deadline",
    "redirected_from", "received_on", "incoming_number", "outcome", "redirected_to",
    "on_time", "overdue",
]  # fmt: skip


def export_rows(user: Any, what: str, *, today: dt.date | None = None) -> list[list[object]]:
    """The problems, or the letters with their answers, that this user may see, as rows in
    the order of PROBLEM_COLUMNS / LETTER_COLUMNS (codes and dates, not words)."""
    today = today or timezone.localdate()
    visible = access.problems_visible_to(user)
    if what == "problems":
        rows = visible.prefetch_related("participations", "dispatches__answer").order_by("pk")
        return [
            [
                p.pk,
                p.title,
                p.state,
                p.hromada.code,
                p.raised_at.date(),
                p.since or "",
                p.legal_act,
                len(p.participations.all()),
                ", ".join(subjects_of(p)),
                p.section.code if p.section else "",
                len(p.dispatches.all()),
                sum(hasattr(d, "answer") for d in p.dispatches.all()),
                p.is_public,
            ]
            for p in rows
        ]
    letters = (
        Dispatch.objects.filter(problem__in=visible.values("pk"))
        .select_related("problem", "body", "answer__redirected_to", "redirected_from__body")
        .order_by("problem_id", "sent_on", "pk")
    )
    result: list[list[object]] = []
    for d in letters:
        answer = getattr(d, "answer", None)
        result.append(
            [
                d.pk,
                d.problem_id,
                d.problem.title,
                d.body.code,
                d.sent_on,
                d.outgoing_number,
                d.deadline,
                d.redirected_from.body.code if d.redirected_from else "",
                answer.received_on if answer else "",
                answer.incoming_number if answer else "",
                answer.outcome if answer else "",
                answer.redirected_to.code if answer and answer.redirected_to else "",
                answer.on_time if answer else "",
                answer is None and d.deadline < today,
            ]
        )
    return result
