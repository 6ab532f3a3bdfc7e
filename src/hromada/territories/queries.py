"""Read logic of the territory registry; other apps use these functions, not the tables.

Each function issues a fixed number of queries, whatever the size of the answer. Lists
follow the codifier's order (by code): it is alphabetical within each level, as the
ministry assigns codes, puts a hromada's centre first among its settlements, and avoids
the databases' differing collation of І, Ї and Є.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from hromada.territories.models import Category, Level, Territory, TerritoryStatus
from hromada.territories.search import as_code, query_words

LEVEL_ORDER = [Level.OBLAST, Level.RAION, Level.HROMADA, Level.SETTLEMENT, Level.DISTRICT]
CATEGORY_ORDER = ["M", "T", "X", "C", "B"]
# Valid codes (no valid_to) before retired ones, the same on SQLite and PostgreSQL.
VALID_FIRST = F("valid_to").asc(nulls_first=True)


def get_by_code(code: str) -> Territory:
    """The territory with this code (valid or retired), with its links loaded; 404 if none."""
    territory = (
        Territory.objects.select_related(
            "oblast", "raion", "centre", "parent__parent__parent__parent"
        )
        .filter(code=code.strip().upper())
        .first()
    )
    if territory is None:
        raise Http404(code)
    return territory


def find_by_code(code: str) -> Territory | None:
    return Territory.objects.filter(code=code.strip().upper()).first()


def hromadas_in(territory: Territory) -> list[Territory]:
    """Valid territorial communities within an oblast, a raion, or the hromada itself."""
    hromadas = Territory.objects.valid().hromadas().select_related("centre")
    if territory.level == Level.OBLAST:
        hromadas = hromadas.filter(oblast=territory)
    elif territory.level == Level.RAION:
        hromadas = hromadas.filter(raion=territory)
    else:
        hromadas = hromadas.filter(pk=territory.pk)
    return list(hromadas.order_by("code"))


def ancestors(territory: Territory) -> list[Territory]:
    """From the oblast down to the parent (uses the parents loaded by get_by_code)."""
    chain = []
    node = territory.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain[::-1]


@dataclass(frozen=True)
class RegionRow:
    territory: Territory
    raions: int
    hromadas: int


def oblasts_with_counts() -> list[RegionRow]:
    """Oblasts, Crimea and the two cities with special status, with their valid raions and
    hromadas (a city with special status counts as its own single hromada)."""
    regions = Territory.objects.valid().filter(
        Q(level=Level.OBLAST) | Q(category=Category.SPECIAL_CITY)
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    grouped = (
        Territory.objects.valid()
        .filter(level__in=[Level.RAION, Level.HROMADA])
        .values("oblast_id", "level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for item in grouped:
        counts[item["oblast_id"]][item["level"]] = item["n"]
    return [
        RegionRow(
            region,
            counts[region.pk].get(Level.RAION, 0),
            counts[region.pk].get(Level.HROMADA, 0),
        )
        for region in regions.order_by("code")
    ]


def children_of(territory: Territory) -> list[Territory]:
    """The units directly below: raions, hromadas with their centres, settlements, districts.
    A hromada's settlements come grouped by category (cities, settlements, villages)."""
    children = Territory.objects.filter(parent=territory).select_related("centre")
    if territory.level == Level.HROMADA and territory.category != Category.SPECIAL_CITY:
        return sorted(children, key=lambda c: (_category_rank(c.category), c.code))
    return list(children.order_by(VALID_FIRST, "code"))


def statuses_of(territory: Territory) -> list[TerritoryStatus]:
    return list(territory.statuses.select_related("updated_by").order_by("-start_date"))


def search(q: str, *, limit: int = 20) -> list[Territory]:
    """The first matches of a query, for other apps' pickers and lookups."""
    queryset = search_queryset(q)
    return [] if queryset is None else list(queryset[:limit])


def search_queryset(q: str) -> QuerySet[Territory] | None:
    """Territories whose Ukrainian or Latin name or code contains every word of the query
    (normalised as in search.py): valid ones first, then by level and name. None when the
    query has no words."""
    words = query_words(q)
    if not words:
        return None
    condition = reduce(and_, (Q(search_text__contains=word) for word in words))
    level_rank = Case(
        *[When(level=level, then=Value(rank)) for rank, level in enumerate(LEVEL_ORDER)],
        output_field=IntegerField(),
    )
    return (
        Territory.objects.filter(condition)
        .select_related("oblast", "raion", "parent")
        .annotate(level_rank=level_rank)
        .order_by(VALID_FIRST, "level_rank", "name_uk", "code")
    )


def exact_code(q: str) -> Territory | None:
    code = as_code(q)
    return find_by_code(code) if code else None


def _category_rank(category: str) -> int:
    return CATEGORY_ORDER.index(category) if category in CATEGORY_ORDER else len(CATEGORY_ORDER)
