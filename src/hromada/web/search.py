"""Site search: one query across the rooms, each answered by that room's own read rules.

Every group shows only what the visitor may see: published news, practices, positions and
events for the public; problems the public may see plus those of hromadas the visitor covers;
surveys only for those who see their response rates. Queries and texts are compared after
`territories.search.normalise` (case, every apostrophe variant, spacing), so "Кам’янець",
"кам'янець" and "КАМʼЯНЕЦЬ" find the same thing; every word of the query must occur.

Territories are searched in the database through their search column, bills and practices
through their full-text search (hromada.lib.fulltext: word beginnings, best matches first);
the smaller rooms' visible rows are matched here, reading only the fields searched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from hromada.appeals import access as appeals_access
from hromada.appeals import queries as appeals_queries
from hromada.appeals.models import Problem
from hromada.indicators import catalogue_queries
from hromada.learning import queries as learning_queries
from hromada.legislation import queries as legislation_queries
from hromada.lib.languages import in_language
from hromada.surveys import queries as survey_queries
from hromada.surveys.permissions import can_see_rates
from hromada.territories import queries as territory_queries
from hromada.territories.search import normalise, query_words
from hromada.workspaces import news_queries, partnership_queries

SHOWN = 5  # hits shown per group; the group's own page lists the rest
MAX_QUERY = 200


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    note: str = ""
    in_ukrainian: bool = False  # the Ukrainian title on an English page, for want of one


@dataclass
class Group:
    key: str
    label: str | Promise
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    more_url: str = ""  # the room's own search with the same words, when it has one


@dataclass
class Results:
    query: str
    groups: list[Group] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def _matching(rows: Iterable[Any], words: list[str], text: Callable[[Any], str]) -> list[Any]:
    return [row for row in rows if all(word in normalise(text(row)) for word in words)]


def _group(key: str, label: str | Promise, hits: list[Hit], total: int, more: str = "") -> Group:
    return Group(key, label, hits[:SHOWN], total, more)


def _territories(query: str) -> Group:
    rows = territory_queries.search_queryset(query)
    found = list(rows[: SHOWN + 1]) if rows is not None else []
    total = rows.count() if rows is not None and len(found) > SHOWN else len(found)
    hits = [
        Hit(t.name, reverse("territories:detail", args=[t.code]), t.get_level_display())
        for t in found
    ]
    more = reverse("territories:search") + "?" + urlencode({"q": query})
    return _group("territories", pgettext_lazy("site search", "Territories"), hits, total, more)


def _indicators(query: str) -> Group:
    found = [i for group in catalogue_queries.browse(query) for i in group.indicators]
    hits = [Hit(i.name, reverse("indicators:detail", args=[i.code]), i.code) for i in found]
    more = reverse("indicators:catalogue") + "?" + urlencode({"q": query})
    return _group("indicators", pgettext_lazy("site search", "Indicators"), hits, len(found), more)


def _news(words: list[str]) -> Group:
    rows = (
        news_queries.published()
        .select_related(None)
        .only("title", "lead", "title_en", "lead_en", "tags", "publish_at")
    )
    found = _matching(
        rows, words, lambda n: f"{n.title} {n.lead} {n.title_en} {n.lead_en} {n.tags}"
    )
    hits = [
        Hit(n.shown_title, reverse("workspaces:news_item", args=[n.pk]), f"{n.publish_at:%d.%m.%Y}")
        for n in found[:SHOWN]
    ]
    return _group("news", pgettext_lazy("site search", "News"), hits, len(found))


def _bills(query: str) -> Group:
    rows = legislation_queries.ranked_bills(legislation_queries.BillFilters(text=query))
    hits = [
        Hit(f"№ {b.number} {b.title}", reverse("legislation:bill", args=[b.number]))
        for b in rows[:SHOWN]
    ]
    total = len(rows)
    more = reverse("legislation:bills") + "?" + urlencode({"q": query})
    return _group("bills", pgettext_lazy("site search", "Bills"), hits, total, more)


def _positions(words: list[str], user: Any) -> Group:
    rows = legislation_queries.positions_visible_to(user).order_by("-published_on", "-pk")
    found = _matching(rows, words, lambda p: f"{p.title} {p.summary} {p.bill.number}")
    hits = [Hit(p.title, reverse("legislation:position", args=[p.pk])) for p in found[:SHOWN]]
    return _group("positions", pgettext_lazy("site search", "Positions"), hits, len(found))


def _problems(words: list[str], user: Any) -> Group:
    public = appeals_queries.public_problems().values("pk")
    covered = appeals_access.problems_visible_to(user).values("pk")
    rows: QuerySet[Problem] = Problem.objects.filter(Q(pk__in=public) | Q(pk__in=covered))
    rows = rows.only("title", "description", "tags", "legal_act").order_by("-raised_at", "-pk")
    found = _matching(rows, words, lambda p: f"{p.title} {p.description} {p.tags} {p.legal_act}")
    hits = [Hit(p.title, reverse("appeals:problem", args=[p.pk])) for p in found[:SHOWN]]
    return _group(
        "problems",
        pgettext_lazy("site search", "Problems raised with government"),
        hits,
        len(found),
    )


def _events(words: list[str], user: Any) -> Group:
    rows = learning_queries.events_for(user).only("title", "programme", "audience")
    found = _matching(
        rows.order_by("-pk"), words, lambda e: f"{e.title} {e.programme} {e.audience}"
    )
    hits = [Hit(e.title, reverse("learning:event", args=[e.pk])) for e in found[:SHOWN]]
    return _group("events", pgettext_lazy("site search", "Training events"), hits, len(found))


def _practices(query: str) -> Group:
    rows = learning_queries.practices(learning_queries.PracticeFilters(text=normalise(query)))
    found = list(rows[: SHOWN + 1])
    total = rows.count() if len(found) > SHOWN else len(found)
    hits = []
    for p in found:
        title = p.shown_title
        url = reverse("learning:practice", args=[p.pk])
        hits.append(Hit(title.text, url, p.hromada.name, in_ukrainian=title.in_ukrainian))
    more = reverse("learning:practices") + "?" + urlencode({"q": query})
    return _group("practices", pgettext_lazy("site search", "Practices"), hits, total, more)


def _projects(words: list[str], user: Any) -> Group:
    rows = partnership_queries.projects_visible_to(user)
    found = _matching(
        rows,
        words,
        lambda p: " ".join(
            [p.title_uk, p.title_en, p.summary_uk, p.programme]
            + [partner.name_uk for partner in [*p.partners.all(), *p.funders.all()]]
        ),
    )
    hits = [
        Hit(p.shown_title, reverse("workspaces:project", args=[p.pk]), p.programme)
        for p in found[:SHOWN]
    ]
    return _group("projects", pgettext_lazy("site search", "Partner projects"), hits, len(found))


def _surveys(words: list[str]) -> Group:
    rows = survey_queries.surveys().only("title_uk", "title_en", "description_uk", "code")
    found = _matching(
        rows.order_by("-pk"),
        words,
        lambda s: f"{s.title_uk} {s.title_en} {s.description_uk} {s.code}",
    )
    hits = [
        Hit(in_language(s.title_uk, s.title_en), reverse("surveys:survey", args=[s.pk]))
        for s in found[:SHOWN]
    ]
    return _group("surveys", pgettext_lazy("site search", "Surveys"), hits, len(found))


def site_search(query: str, user: Any) -> Results:
    """Every room's matches the user may see; groups without a match are left out."""
    query = query.strip()[:MAX_QUERY]
    words = query_words(query)
    results = Results(query)
    if not words:
        return results
    groups = [
        _territories(query),
        _indicators(query),
        _news(words),
        _bills(query),
        _positions(words, user),
        _problems(words, user),
        _events(words, user),
        _practices(query),
        _projects(words, user),
    ]
    if can_see_rates(user):
        groups.append(_surveys(words))
    results.groups = [group for group in groups if group.total]
    return results
