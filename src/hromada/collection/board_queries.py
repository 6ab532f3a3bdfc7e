"""Progress boards: counts per state and oblast, the list of hromadas, the overdue ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from hromada.accounts import permissions
from hromada.collection.models import Campaign, State, Submission, SubmissionEvent
from hromada.territories.models import Territory

DONE = (State.SUBMITTED, State.VERIFIED, State.PUBLISHED)


def own_submissions(user: Any, campaigns: QuerySet[Campaign]) -> dict[int, Submission]:
    """An official's submission in each campaign, by campaign id."""
    scope = permissions.scope_of(user)
    if scope is None or permissions.role_of(user) != "official":
        return {}
    rows = Submission.objects.filter(campaign__in=campaigns, territory=scope).select_related(
        "territory"
    )
    return {s.campaign_id: s for s in rows}


def visible_submissions(campaign: Campaign, user: Any) -> QuerySet[Submission]:
    territories = permissions.covered_territories(user, Territory.objects.all())
    return campaign.submissions.filter(territory__in=territories.values("pk"))


@dataclass
class OblastLine:
    oblast: Territory
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> list[int]:
        return [self.counts.get(state, 0) for state in State.values]


@dataclass
class Board:
    lines: list[OblastLine]
    totals: list[int]
    submissions: list[Submission]
    overdue: list[Submission]


def board(campaign: Campaign, user: Any) -> Board:
    """Everything the progress page shows, in three queries whatever the size."""
    submissions = visible_submissions(campaign, user)
    counted = submissions.values("territory__oblast_id", "state").annotate(n=Count("pk"))
    by_oblast: dict[int, dict[str, int]] = {}
    for row in counted:
        by_oblast.setdefault(row["territory__oblast_id"], {})[row["state"]] = row["n"]
    oblasts = Territory.objects.in_bulk(list(by_oblast))
    lines = sorted(
        (OblastLine(oblasts[pk], counts) for pk, counts in by_oblast.items()),
        key=lambda line: line.oblast.name_uk,
    )
    totals = [sum(line.cells()[i] for line in lines) for i in range(len(State.values))]
    rows = list(
        submissions.select_related("territory", "territory__oblast").order_by(
            "territory__oblast__name_uk", "territory__name_uk"
        )
    )
    late = campaign.closes_on < timezone.localdate()
    overdue = [s for s in rows if late and s.state not in DONE]
    return Board(lines, totals, rows, overdue)


def public_rows(campaign: Campaign, oblast: Territory | None = None) -> list[Submission]:
    """Who reported, as the public sees it once the campaign closed; of one oblast if given."""
    rows = campaign.submissions.select_related("territory", "territory__oblast")
    if oblast is not None:
        rows = rows.filter(territory__oblast=oblast)
    return list(rows.order_by("territory__oblast__name_uk", "territory__name_uk"))


def events_of(submission: Submission) -> QuerySet[SubmissionEvent]:
    return submission.events.select_related("by")
