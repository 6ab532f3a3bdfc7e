"""Reading the query string of analytics pages: small, forgiving parsers."""

from __future__ import annotations

from django.http import QueryDict

from hromada.analytics.ranking import SORTS, Filters
from hromada.territories.models import HromadaType


def integer(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


# Every parameter ranking_filters reads; the page cache keys on these only.
RANKING_PARAMS = frozenset(
    {
        "year",
        "oblast",
        "type",
        "band",
        "members",
        "q",
        "hromada",
        "peers",
        "sort",
        "page",
        "measure",
    }
)
# The profile page's body depends on the peer group only.
PROFILE_PARAMS = frozenset({"peers"})


def ranking_filters(query: QueryDict) -> Filters:
    hromada_type = query.get("type", "")
    sort = query.get("sort", "rank")
    return Filters(
        year=integer(query.get("year")),
        oblast=integer(query.get("oblast")),
        hromada_type=hromada_type if hromada_type in HromadaType.values else "",
        band=query.get("band", ""),
        members={"1": True, "0": False}.get(query.get("members", "")),
        query=query.get("q", "").strip()[:100],
        hromada=query.get("hromada", "").strip().upper()[:19],
        peers=query.get("peers", "")[:12],
        sort=sort if sort in SORTS else "rank",
        raw=query.get("measure", "") == "raw",
    )


def with_param(query: QueryDict, name: str, value: str) -> str:
    """The query string with one parameter replaced (for sort links)."""
    copy = query.copy()
    copy[name] = value
    return copy.urlencode()
