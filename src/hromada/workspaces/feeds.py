"""RSS of published news, one feed per section and one per regional branch."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from hromada.members.models import RegionalBranch, Section
from hromada.workspaces import news_queries
from hromada.workspaces.models import NewsItem

FEED_SIZE = 30


class SectionNewsFeed(Feed[NewsItem, Section]):
    def get_object(self, request: HttpRequest, code: str) -> Section:
        section = Section.objects.filter(code=code, is_active=True).first()
        if section is None:
            raise Http404
        return section

    def title(self, obj: Section) -> str:
        return _("News of the section %(section)s") % {"section": obj.name}

    def link(self, obj: Section) -> str:
        return reverse("workspaces:section", args=[obj.code])

    def description(self, obj: Section) -> str:
        return self.title(obj)

    def items(self, obj: Section) -> list[NewsItem]:
        filters = news_queries.NewsFilters(section=obj.code)
        return list(news_queries.published(filters)[:FEED_SIZE])

    def item_title(self, item: NewsItem) -> str:
        return item.shown_title

    def item_description(self, item: NewsItem) -> str:
        return item.shown_lead

    def item_link(self, item: NewsItem) -> str:
        return reverse("workspaces:news_item", args=[item.pk])

    def item_pubdate(self, item: NewsItem) -> dt.datetime | None:
        return item.publish_at


class BranchNewsFeed(Feed[NewsItem, RegionalBranch]):
    def get_object(self, request: HttpRequest, code: str) -> RegionalBranch:
        branch = RegionalBranch.objects.select_related("oblast").filter(oblast__code=code).first()
        if branch is None:
            raise Http404
        return branch

    def title(self, obj: RegionalBranch) -> str:
        return _("News of %(branch)s") % {"branch": obj.name}

    def link(self, obj: RegionalBranch) -> str:
        return reverse("workspaces:branch", args=[obj.oblast.code])

    def description(self, obj: RegionalBranch) -> str:
        return self.title(obj)

    def items(self, obj: RegionalBranch) -> list[NewsItem]:
        filters = news_queries.NewsFilters(oblast=obj.oblast.code)
        return list(news_queries.published(filters)[:FEED_SIZE])

    def item_title(self, item: NewsItem) -> str:
        return item.shown_title

    def item_description(self, item: NewsItem) -> str:
        return item.shown_lead

    def item_link(self, item: NewsItem) -> str:
        return reverse("workspaces:news_item", args=[item.pk])

    def item_pubdate(self, item: NewsItem) -> dt.datetime | None:
        return item.publish_at
