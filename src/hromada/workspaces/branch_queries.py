"""Reading a regional branch's workspace: its coordinators, the oblast's members, their
reporting in the current campaign and the events the oblast's hromadas take part in."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, Min, OuterRef, QuerySet
from django.utils import timezone

from hromada.accounts import permissions
from hromada.collection import board_queries
from hromada.collection import permissions as collection_permissions
from hromada.collection.models import Campaign, State
from hromada.learning import queries as learning_queries
from hromada.learning.models import Event, Registration, RegistrationState
from hromada.lib.ukrainian_order import sort_key
from hromada.members import queries as members_queries
from hromada.members.models import RegionalBranch
from hromada.territories.models import Territory
from hromada.workspaces import news_queries
from hromada.workspaces.models import NewsItem

EVENT_LIMIT = 10


def branch_by_oblast_code(code: str) -> RegionalBranch | None:
    return RegionalBranch.objects.select_related("oblast").filter(oblast__code=code).first()


def current_campaign(today: dt.date | None = None) -> Campaign | None:
    """The latest campaign already open: the one hromadas report in now (or last reported in)."""
    today = today or timezone.localdate()
    return Campaign.objects.filter(opens_on__lte=today).order_by("-opens_on", "-pk").first()


@dataclass(frozen=True)
class MemberLine:
    hromada: Territory
    state: str  # a collection State value, "" when the hromada is not asked or not shown
    state_label: str


@dataclass(frozen=True)
class BranchWorkspace:
    branch: RegionalBranch
    coordinators: list[Any]
    show_contacts: bool
    campaign: Campaign | None
    shows_reporting: bool
    members: list[MemberLine]
    state_counts: list[tuple[str, str, int]]  # (state, label, how many members)
    events: list[Event]
    news: list[NewsItem]


def _reporting_visible(campaign: Campaign, user: Any, oblast: Territory) -> bool:
    """Staff covering the oblast follow reporting as it happens; the public once it closed,
    as the campaign's public status page does."""
    if campaign.closes_on < timezone.localdate():
        return True
    return collection_permissions.can_see_progress(user) and permissions.covers(user, oblast)


def _states(campaign: Campaign, user: Any, oblast: Territory) -> dict[int, str]:
    if permissions.covers(user, oblast) and collection_permissions.can_see_progress(user):
        rows = board_queries.visible_submissions(campaign, user).filter(territory__oblast=oblast)
        return dict(rows.values_list("territory_id", "state"))
    return {s.territory_id: s.state for s in board_queries.public_rows(campaign, oblast)}


def events_in(oblast: Territory, user: Any) -> QuerySet[Event]:
    """Published events the oblast's hromadas registered for; events carry no place field of
    their own, so the region is where their participants come from."""
    taking_part = Registration.objects.filter(event=OuterRef("pk"), hromada__oblast=oblast).exclude(
        state=RegistrationState.CANCELLED
    )
    return (
        learning_queries.events_for(user)
        .filter(Exists(taking_part))
        .annotate(first_start=Min("sessions__starts_at"))
        .order_by("-first_start", "-pk")
    )


def branch_workspace(branch: RegionalBranch, user: Any) -> BranchWorkspace:
    oblast = branch.oblast
    hromadas = sorted(
        members_queries.member_hromadas().filter(oblast=oblast),
        key=lambda h: sort_key(h.name),
    )
    campaign = current_campaign()
    shows = campaign is not None and _reporting_visible(campaign, user, oblast)
    states = _states(campaign, user, oblast) if campaign is not None and shows else {}
    labels = dict(State.choices)
    members = [
        MemberLine(h, states.get(h.pk, ""), str(labels.get(states.get(h.pk, ""), "")))
        for h in hromadas
    ]
    counted = Counter(line.state for line in members if line.state)
    return BranchWorkspace(
        branch=branch,
        coordinators=members_queries.coordinators_of([oblast.pk]).get(oblast.pk, []),
        show_contacts=permissions.can_view_contacts(user),
        campaign=campaign,
        shows_reporting=shows,
        members=members,
        state_counts=[(s, str(labels[s]), counted[s]) for s in State.values if counted[s]],
        events=list(events_in(oblast, user)[:EVENT_LIMIT]),
        news=list(news_queries.published(news_queries.NewsFilters(oblast=oblast.code))[:5]),
    )
