"""What a wave's answers say: response rates by oblast; per question, frequencies with
margins of error and cross-tabs by oblast, type of hromada and population band.

Population bands need the hromada, so only closed waves have them: an anonymous response
keeps the hromada's type and oblast at most. The band is that of the hromada's latest
published population up to the wave's year.

Both are computed from a handful of set-based queries; answers are read once per wave.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from hromada.indicators.population_bands import BANDS
from hromada.lib.languages import in_language
from hromada.lib.ukrainian_order import sort_key
from hromada.surveys import queries
from hromada.surveys.models import Invitation, InvitationState, Response, ReviewState, Wave
from hromada.surveys.questions import NUMERIC, SELECT_ONE, Question, questions_of
from hromada.territories.models import HromadaType, Territory


@dataclass(frozen=True)
class RateRow:
    group: str  # an oblast's name or a type of hromada
    invited: int
    started: int
    submitted: int
    reviewed: int = 0

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


# The invitation's field and the response's field that name a group, by grouping.
RATE_GROUPS = {
    "oblast": ("hromada__oblast_id", "oblast_id"),
    "type": ("hromada__hromada_type", "hromada_type"),
}


def rates(wave: Wave, oblast_id: int | None = None, by: str = "oblast") -> Rates:
    """Invited, started, submitted and reviewed per oblast (oblasts in Ukrainian order) or
    per type of hromada. Reviewed responses of an anonymous wave that keeps no place are in
    the total only."""
    invitation_key, response_key = RATE_GROUPS[by]
    invitations = wave.invitations.all()
    if oblast_id is not None:
        invitations = invitations.filter(hromada__oblast_id=oblast_id)
    counted = invitations.values(invitation_key).annotate(
        invited=Count("pk"),
        started=Count("pk", filter=~Q(state=InvitationState.INVITED)),
        submitted=Count("pk", filter=Q(state=InvitationState.SUBMITTED)),
    )
    reviewed_responses = wave.responses.exclude(review=ReviewState.RECEIVED)
    if oblast_id is not None:
        reviewed_responses = reviewed_responses.filter(oblast_id=oblast_id)
    reviewed = dict(
        reviewed_responses.values(response_key)
        .annotate(n=Count("pk"))
        .values_list(response_key, "n")
    )
    if by == "oblast":
        oblasts = Territory.objects.filter(pk__in=[row[invitation_key] for row in counted])
        names: dict[Any, str] = {
            pk: in_language(uk, en)
            for pk, uk, en in oblasts.values_list("pk", "name_uk", "name_en")
        }
    else:
        names = {code: str(label) for code, label in HromadaType.choices}
    rows = sorted(
        (
            RateRow(
                names.get(row[invitation_key], ""),
                row["invited"],
                row["started"],
                row["submitted"],
                reviewed.get(row[invitation_key], 0),
            )
            for row in counted
        ),
        key=lambda row: sort_key(row.group),
    )
    total = RateRow(
        "",
        invited=sum(r.invited for r in rows),
        started=sum(r.started for r in rows),
        submitted=sum(r.submitted for r in rows),
        reviewed=sum(reviewed.values()),
    )
    return Rates(rows, total)


# The small-group rule: a group of fewer answers than this is never shown outside the
# analysts' own pages (the public API, a training event's page), so that nobody's own answer
# shows; a question answered fewer times shows its count only.
MIN_GROUP = 3

# The normal approximation's 95 % quantile, for the margin of error of a share.
Z95 = 1.96


def margin_of_error(share: float, n: int) -> float:
    """Half-width of the 95 % confidence interval of a share among n answers (0..1)."""
    return Z95 * math.sqrt(share * (1 - share) / n) if n else 0.0


@dataclass(frozen=True)
class Frequency:
    label: str
    count: int
    share: float
    margin: float = 0.0

    @property
    def percent(self) -> float:
        return self.share * 100

    @property
    def margin_percent(self) -> float:
        return self.margin * 100


@dataclass(frozen=True)
class CrossRow:
    """One group (an oblast, a type of hromada): its n and the percent of each choice."""

    group: str
    answered: int
    percents: list[float]


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    frequencies: list[Frequency] = field(default_factory=list)
    by_oblast: list[CrossRow] = field(default_factory=list)
    by_type: list[CrossRow] = field(default_factory=list)
    by_band: list[CrossRow] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None
    smallest: float | None = None
    largest: float | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def scale_mean(self) -> float | None:
        """The mean of a single-choice rating scale whose choices are numbers ("1" … "5");
        None for any other question."""
        if self.question.kind != SELECT_ONE or not self.frequencies or not self.answered:
            return None
        try:
            points = [float(choice.name) for choice in self.question.choices]
        except ValueError:
            return None
        total = sum(p * row.count for p, row in zip(points, self.frequencies, strict=True))
        return total / self.answered

    @property
    def chart(self) -> dict[str, Any] | None:
        """What the page's ECharts bar chart of shares draws: a bar per option, with its 95 %
        interval as a whisker (the frequency table beside it holds the same numbers)."""
        if not self.frequencies:
            return None
        return {
            "labels": [row.label for row in self.frequencies],
            "percents": [round(row.percent, 1) for row in self.frequencies],
            "margins": [round(row.margin_percent, 1) for row in self.frequencies],
        }


# The answer, the oblast's name, the hromada type, the population band's code.
Answered = tuple[str, str, str, str]
BAND_LABELS = {band.code: band.label for band in BANDS}
BAND_ORDER = {band.code: at for at, band in enumerate(BANDS)}


def _shares(question: Question, values: list[str]) -> list[tuple[int, float]]:
    """(count, share) per choice; a choice of a multiple question counts once per answer."""
    counts = Counter(name for value in values for name in set(value.split()))
    n = len(values)
    return [(counts[c.name], counts[c.name] / n if n else 0.0) for c in question.choices]


def _crosstab(question: Question, answered: list[Answered], at: int) -> list[CrossRow]:
    groups: dict[str, list[str]] = {}
    for row in answered:
        if row[at]:
            groups.setdefault(row[at], []).append(row[0])
    label: dict[str, Any] = BAND_LABELS if at == 3 else dict(HromadaType.choices) if at == 2 else {}
    rows = [
        (
            group,
            CrossRow(
                str(label.get(group, group)),
                len(values),
                [share * 100 for _count, share in _shares(question, values)],
            ),
        )
        for group, values in groups.items()
    ]
    if at == 3:  # population bands, smallest first
        rows.sort(key=lambda pair: BAND_ORDER[pair[0]])
    else:
        rows.sort(key=lambda pair: sort_key(pair[1].group))
    return [row for _group, row in rows]


def _result(question: Question, answered: list[Answered]) -> QuestionResult:
    values = [row[0] for row in answered]
    result = QuestionResult(question, answered=len(values))
    if question.is_select:
        result.frequencies = [
            Frequency(choice.text, count, share, margin_of_error(share, len(values)))
            for choice, (count, share) in zip(
                question.choices, _shares(question, values), strict=True
            )
        ]
        result.by_oblast = _crosstab(question, answered, 1)
        result.by_type = _crosstab(question, answered, 2)
        result.by_band = _crosstab(question, answered, 3)
    elif question.kind in NUMERIC and values:
        numbers = [float(value) for value in values]
        result.mean = statistics.fmean(numbers)
        result.median = statistics.median(numbers)
        result.smallest, result.largest = min(numbers), max(numbers)
    elif question.kind == "date":
        # ISO dates sort in time order; shown in the page language's date format.
        result.texts = [question.answer_text(value) for value in sorted(values)[:200]]
    else:
        result.texts = sorted(values, key=sort_key)[:200]
    return result


def aggregate_only(result: QuestionResult) -> QuestionResult:
    """What may be shown outside the analysts' pages: no open answers, no cross-tab group of
    fewer than MIN_GROUP answers, and only the count of a question answered fewer times."""
    if result.answered < MIN_GROUP:
        return QuestionResult(result.question, answered=result.answered)
    return dataclasses.replace(
        result,
        texts=[],
        by_oblast=[row for row in result.by_oblast if row.answered >= MIN_GROUP],
        by_type=[row for row in result.by_type if row.answered >= MIN_GROUP],
        by_band=[row for row in result.by_band if row.answered >= MIN_GROUP],
    )


def population_bands(wave: Wave) -> dict[int, str]:
    """By hromada of the wave's responses: the band of its latest published population up to
    the wave's year. Empty for an anonymous wave, whose responses name no hromada."""
    responding = wave.responses.filter(hromada__isnull=False).values("hromada_id")
    return queries.population_bands(responding, up_to_year=wave.year)


_ROW = ("answers", "oblast__name_uk", "oblast__name_en", "hromada_type", "hromada_id")


def question_results(wave: Wave) -> list[QuestionResult]:
    """Per answered question: shares of choices with margins and cross-tabs by oblast, type
    and population band, a numeric summary, or the open answers. Three queries in all."""
    return _results(wave, list(wave.responses.values_list(*_ROW)))


def question_results_of(waves: QuerySet[Wave]) -> dict[int, list[QuestionResult]]:
    """The question results of several waves, by wave: their answers are read in one query
    (and the population bands of each closed wave in one more)."""
    listed = list(waves.select_related("form"))
    rows: dict[int, list[Any]] = {wave.pk: [] for wave in listed}
    for wave_id, *row in Response.objects.filter(wave__in=listed).values_list("wave_id", *_ROW):
        rows[wave_id].append(row)
    return {wave.pk: _results(wave, rows[wave.pk]) for wave in listed}


def submitted_counts(waves: QuerySet[Wave]) -> dict[int, tuple[int, int]]:
    """By wave: (invited, submitted), in one query."""
    counted = (
        Invitation.objects.filter(wave__in=waves)
        .values("wave_id")
        .annotate(
            invited=Count("pk"), submitted=Count("pk", filter=Q(state=InvitationState.SUBMITTED))
        )
    )
    return {row["wave_id"]: (row["invited"], row["submitted"]) for row in counted}


def _results(wave: Wave, rows: list[Any]) -> list[QuestionResult]:
    bands = population_bands(wave) if not wave.is_anonymous else {}
    return [
        _result(
            question,
            [
                (
                    str(answers[question.name]),
                    in_language(oblast_uk or "", oblast_en or ""),
                    kind or "",
                    bands.get(hromada_id, "") if hromada_id else "",
                )
                for answers, oblast_uk, oblast_en, kind, hromada_id in rows
                if answers.get(question.name, "") != ""
            ],
        )
        for question in questions_of(wave.form.definition)
        if question.is_answered
    ]
