"""Reading news: what the public sees (published, and its moment has come), an author's desk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from hromada.accounts import permissions
from hromada.workspaces import access, news_actions
from hromada.workspaces.models import NewsItem, NewsState


@dataclass(frozen=True)
class NewsFilters:
    section: str = ""  # Section.code
    oblast: str = ""  # Territory.code of an oblast
    tag: str = ""


def published(filters: NewsFilters | None = None) -> QuerySet[NewsItem]:
    filters = filters or NewsFilters()
    rows = NewsItem.objects.filter(state=NewsState.PUBLISHED, publish_at__lte=timezone.now())
    if filters.section:
        rows = rows.filter(section__code=filters.section)
    if filters.oblast:
        rows = rows.filter(oblast__code=filters.oblast)
    if filters.tag:
        # Tags are a comma-separated list; match a whole tag, not part of one.
        tag = filters.tag.strip()
        rows = rows.filter(
            Q(tags__iexact=tag)
            | Q(tags__istartswith=f"{tag},")
            | Q(tags__iendswith=f", {tag}")
            | Q(tags__iendswith=f",{tag}")
            | Q(tags__icontains=f", {tag},")
            | Q(tags__icontains=f",{tag},")
        )
    return rows.select_related("section", "oblast").order_by("-publish_at", "-pk")


def visible_item(pk: int, user: Any) -> NewsItem | None:
    """A published item for everyone; a draft or scheduled one for its author and analysts."""
    item = NewsItem.objects.select_related("section", "oblast", "author").filter(pk=pk).first()
    if item is None:
        return None
    if published().filter(pk=pk).exists():
        return item
    if permissions.is_analyst(user) or news_actions.is_author(item, user):
        return item
    return None


@dataclass(frozen=True)
class Desk:
    mine: list[NewsItem]
    to_moderate: list[NewsItem]
    scheduled: list[NewsItem]


def desk(user: Any) -> Desk:
    rows = NewsItem.objects.select_related("section", "oblast", "author")
    moderating = access.can_moderate_news(user)
    return Desk(
        mine=list(rows.filter(author=user).order_by("-updated_at")[:50]),
        to_moderate=list(rows.filter(state=NewsState.SUBMITTED).order_by("updated_at"))
        if moderating
        else [],
        scheduled=list(
            rows.filter(state=NewsState.PUBLISHED, publish_at__gt=timezone.now()).order_by(
                "publish_at"
            )
        )
        if moderating
        else [],
    )
