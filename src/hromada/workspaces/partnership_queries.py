"""Reading the association's international work: memberships and partner projects.

The public sees published projects only; analysts (who record them) see all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from hromada.members.models import Section
from hromada.territories.models import Territory
from hromada.workspaces import news_queries
from hromada.workspaces.models import Affiliation, NewsItem, Project
from hromada.workspaces.partnership_actions import can_manage_projects


def affiliations() -> QuerySet[Affiliation]:
    return Affiliation.objects.all()


def projects_visible_to(user: Any) -> QuerySet[Project]:
    rows = Project.objects.all()
    if not can_manage_projects(user):
        rows = rows.filter(is_published=True)
    return rows.prefetch_related("partners", "funders").order_by("-starts_on", "-pk")


def project_for(pk: int, user: Any) -> Project | None:
    return projects_visible_to(user).filter(pk=pk).first()


def is_running(project: Project) -> bool:
    today = timezone.localdate()
    return project.starts_on <= today and (project.ends_on is None or project.ends_on >= today)


def of_section(section: Section, user: Any) -> list[Project]:
    return list(projects_visible_to(user).filter(sections=section).distinct())


def of_oblast(oblast: Territory, user: Any) -> list[Project]:
    return list(projects_visible_to(user).filter(hromadas__oblast=oblast).distinct())


def of_hromada(hromada: Territory, user: Any) -> list[Project]:
    return list(projects_visible_to(user).filter(hromadas=hromada).distinct())


def linked_news(project: Project) -> QuerySet[NewsItem]:
    """The project's news that is published (a draft stays on the news desk)."""
    return news_queries.published().filter(pk__in=project.news.values("pk"))
