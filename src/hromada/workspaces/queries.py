"""Reading a section's workspace: its people, its own items and what other rooms hold for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from hromada.accounts import permissions
from hromada.appeals import access as appeals_access
from hromada.appeals import queries as appeals_queries
from hromada.appeals.models import Problem, ProblemState
from hromada.indicators.models import Indicator
from hromada.learning import queries as learning_queries
from hromada.learning.models import Event, Practice
from hromada.legislation import queries as legislation_queries
from hromada.legislation.models import Bill
from hromada.members.models import MembershipStatus, Person, Section
from hromada.releases import queries as release_queries
from hromada.releases.models import Release
from hromada.surveys import permissions as survey_permissions
from hromada.surveys import queries as survey_queries
from hromada.surveys.models import Wave
from hromada.workspaces import access, news_queries
from hromada.workspaces.models import Chair, Document, Meeting, NewsItem, SectionArea

# How many items of each other room the page lists; each list links to the full one.
LIMIT = 10
INDICATOR_LIMIT = 30
CLOSED_PROBLEMS = (ProblemState.SOLVED, ProblemState.UNSOLVED, ProblemState.MERGED)


def section_by_code(code: str, user: Any) -> Section | None:
    sections = Section.objects.all()
    if not permissions.can_manage_members(user):
        sections = sections.filter(is_active=True)
    return sections.filter(code=code).first()


def members_of(section: Section, user: Any) -> QuerySet[Person]:
    """People of active member hromadas in the section, plus the association's own staff
    contacts; people without consent to processing are shown to analysts only."""
    people = section.persons.filter(
        Q(hromada__isnull=True) | Q(hromada__membership__status=MembershipStatus.ACTIVE)
    )
    if not permissions.is_analyst(user):
        people = people.filter(consent=True)
    return people.select_related("hromada").order_by("full_name", "pk")


def meetings_for(section: Section, user: Any) -> QuerySet[Meeting]:
    rows = Meeting.objects.filter(section=section)
    return rows if access.is_member(user, section) else rows.filter(is_published=True)


def documents_for(section: Section, user: Any) -> QuerySet[Document]:
    rows = Document.objects.filter(section=section).defer("content")
    return rows if access.is_member(user, section) else rows.filter(is_published=True)


def open_problems(section: Section, user: Any) -> QuerySet[Problem]:
    """Open appeals of the section: the published ones, and those the user may see anyway."""
    visible = Q(pk__in=appeals_queries.public_problems().values("pk")) | Q(
        pk__in=appeals_access.problems_visible_to(user).values("pk")
    )
    return (
        Problem.objects.filter(visible, section=section)
        .exclude(state__in=CLOSED_PROBLEMS)
        .select_related("hromada")
        .order_by("-raised_at", "-pk")
    )


@dataclass(frozen=True)
class SectionWorkspace:
    section: Section
    chairs: list[Chair]
    members: list[Person]
    is_member: bool
    can_manage: bool
    show_contacts: bool
    meetings: list[Meeting]
    documents: list[Document]
    bills: list[Bill]
    problems: list[Problem]
    events: list[Event]
    practices: list[Practice]
    surveys: list[Wave]
    can_see_survey_pages: bool
    news: list[NewsItem]
    indicators: list[Indicator]
    latest_release: Release | None


def section_workspace(section: Section, user: Any) -> SectionWorkspace:
    bills = legislation_queries.bills(legislation_queries.BillFilters(section=section.code))
    events = learning_queries.events_for(user).filter(section=section)
    return SectionWorkspace(
        section=section,
        chairs=list(
            Chair.objects.filter(section=section)
            .select_related("person", "person__hromada")
            .filter(person__in=members_of(section, user))
        ),
        members=list(members_of(section, user)),
        is_member=access.is_member(user, section),
        can_manage=access.can_manage(user, section),
        show_contacts=permissions.can_view_contacts(user),
        meetings=list(meetings_for(section, user)[:LIMIT]),
        documents=list(documents_for(section, user)[:LIMIT]),
        bills=list(bills[:LIMIT]),
        problems=list(open_problems(section, user)[:LIMIT]),
        events=list(events.prefetch_related("sessions")[:LIMIT]),
        practices=list(learning_queries.practices(section=section.code)[:LIMIT]),
        surveys=list(survey_queries.waves_of_section(section, user)[:LIMIT]),
        can_see_survey_pages=survey_permissions.can_see_rates(user),
        news=list(news_queries.published(news_queries.NewsFilters(section=section.code))[:5]),
        indicators=field_indicators(section),
        latest_release=release_queries.latest_release(),
    )


def field_indicators(section: Section) -> list[Indicator]:
    """The active indicators of the areas in the section's field, in catalogue order."""
    areas = SectionArea.objects.filter(section=section).values("area_id")
    return list(
        Indicator.objects.filter(area_id__in=areas, is_active=True)
        .select_related("area")
        .order_by("area__order", "order", "code")[:INDICATOR_LIMIT]
    )
