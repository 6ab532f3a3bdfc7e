"""Rankings, aggregates with coverage, peer groups and similar hromadas (published data only).

Everything here reuses the analytics app's query functions, which read published values only.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.params.functions import Query

from hromada.analytics import peers
from hromada.analytics.aggregate_page import GROUPINGS, aggregate_page
from hromada.analytics.peers import RELATIVE
from hromada.analytics.rank_table import rank_table
from hromada.analytics.similar import similar_hromadas
from hromada.api.catalogue_memo import indicators_by_code
from hromada.api.problems import ApiError
from hromada.api.rendering import json_answer
from hromada.api.schemas import AggregatesOut, PeerGroupOut, RankingOut, SimilarOut
from hromada.indicators.models import Indicator
from hromada.territories.models import Territory

router = Router(tags=["analytics"])
NOT_READY_SECONDS = 60
# The fields of a ranking's item (RankOut, in its order), each with the attribute of
# hromada.analytics.rank_table.RankItem it is read from: a new field is a line here and one
# in _rank_items (tests/api/test_rendering.py checks they agree).
RANK_FIELDS = (
    ("territory", "code"),
    ("name", "name"),
    ("value", "value"),
    ("comparable_value", "comparable_value"),
    ("per_year", "per_year"),
    ("missing", "missing"),
    ("rank", "rank"),
    ("rank_all", "rank_all"),
    ("percentile", "percentile"),
    ("quartile", "quartile"),
)


def _number(text: str) -> float | None:
    """A float back from the analytics app's display text ('' for none)."""
    cleaned = "".join(c for c in text if c not in " \u00a0\u202f").replace(",", ".")
    return float(cleaned.replace("\u2212", "-")) if cleaned else None


def _not_ready() -> ApiError:
    """Before the first snapshot of the statistics is complete (a fresh installation)."""
    detail = "The statistics are being computed; try again in a minute."
    return ApiError(503, detail, headers={"Retry-After": str(NOT_READY_SECONDS)})


def _indicator(code: str) -> Indicator:
    item = indicators_by_code().get(code)
    if item is None or not item.is_active:
        raise ApiError(404, f"No active indicator has the code {code}.")
    return item


def _hromada(code: str) -> Territory:
    item = Territory.objects.filter(code=code).first()
    if item is None:
        raise ApiError(404, f"No territory has the code {code}.")
    return item


@router.get("/rankings", response=RankingOut, summary="Ranking of hromadas by an indicator")
def ranking(
    request: HttpRequest,
    indicator: str,
    year: int | None = Query(None, ge=1900, le=2200),
    peers: str = "",
    hromada: str = "",
) -> HttpResponse:
    item = _indicator(indicator)
    if peers in RELATIVE and not hromada:
        message = "relative peer groups need the hromada they are relative to"
        raise ApiError(400, "Missing hromada.", errors=[{"field": "hromada", "message": message}])
    if hromada:
        _hromada(hromada)
    # The API ranks every hromada with a value, as documented (the pages default to members),
    # with the numbers stored in the snapshot.
    result = rank_table(item, year=year, peers_key=peers, hromada=hromada)
    if not result.ready:
        raise _not_ready()
    # Written straight to JSON (hromada.api.rendering): validating 1,469 items one by one
    # against RankOut was most of the request.
    return json_answer(
        {
            "indicator": item.code,
            "year": result.year,
            "compare_per": result.compare_per,
            "peers": peers,
            "reported": result.reported,
            "data_version": result.data_version,
            "items": _rank_items(result.columns),
        }
    )


def _rank_items(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """The items, each a dict of RankOut's fields in order (RANK_FIELDS): written as a dict
    display, which makes 1,469 of them twice as fast as dict(zip(names, row))."""
    chosen = (columns[attribute] for _name, attribute in RANK_FIELDS)
    return [
        {
            "territory": territory,
            "name": name,
            "value": value,
            "comparable_value": comparable_value,
            "per_year": per_year,
            "missing": missing,
            "rank": rank,
            "rank_all": rank_all,
            "percentile": percentile,
            "quartile": quartile,
        }
        for (
            territory,
            name,
            value,
            comparable_value,
            per_year,
            missing,
            rank,
            rank_all,
            percentile,
            quartile,
        ) in zip(*chosen, strict=True)
    ]


@router.get("/aggregates", response=AggregatesOut, summary="Aggregates with coverage")
def aggregates(
    request: HttpRequest,
    indicator: str,
    by: str = "nation",
    year: int | None = Query(None, ge=1900, le=2200),
) -> dict[str, Any]:
    if by not in GROUPINGS:
        message = f"must be one of: {', '.join(GROUPINGS)}"
        raise ApiError(400, "Unknown grouping.", errors=[{"field": "by", "message": message}])
    result = aggregate_page(_indicator(indicator), by, year)
    if not result.ready:
        raise _not_ready()
    return {
        "indicator": indicator,
        "by": result.by,
        "year": result.year,
        "aggregable": result.aggregable,
        "data_version": result.data_version,
        "items": [
            {
                "group": row.name,
                "value": row.raw,
                "reported": row.reported,
                "members": row.members,
                "population_share": _number(row.population_share),
            }
            for row in result.rows
        ],
    }


@router.get("/peer-groups", response=list[PeerGroupOut], summary="Peer groups")
def peer_groups(request: HttpRequest) -> list[dict[str, Any]]:
    built = [
        {"key": key, "name": str(label), "relative": key in peers.RELATIVE}
        for key, label in peers.BUILT_IN.items()
    ]
    saved = [
        {"key": group.key, "name": group.name, "relative": False} for group in peers.saved_groups()
    ]
    return built + saved


@router.get("/similar/{code}", response=SimilarOut, summary="Similar hromadas")
def similar(
    request: HttpRequest,
    code: str,
    indicator: list[str] = Query([]),  # noqa: B008 - ninja declares parameters so
) -> dict[str, Any]:
    territory = _hromada(code)
    result = similar_hromadas(territory, indicator, [])
    if result is None:
        raise ApiError(404, f"{code} is not a hromada with data to compare.")
    return {
        "territory": territory.code,
        "indicators": [item.code for item in result.indicators],
        "compared": result.compared,
        "items": [
            {"territory": n.code, "name": n.name, "distance": _number(n.distance)}
            for n in result.neighbours
        ],
    }
