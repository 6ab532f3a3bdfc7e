"""Territories and association members: the public registry."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.params.functions import Query

from hromada.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from hromada.api.problems import ApiError
from hromada.api.schemas import MemberPage, TerritoryOut, TerritoryPage
from hromada.members.models import Membership, MembershipStatus
from hromada.territories import queries as territory_queries
from hromada.territories.models import HromadaType, Level, Territory, TerritoryStatus, WarStatus

router = Router(tags=["territories"])
LIMIT = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _current_statuses(codes: list[int]) -> dict[int, str]:
    today = timezone.localdate()
    rows = TerritoryStatus.objects.filter(territory_id__in=codes, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    found: dict[int, str] = {}
    for territory_id, status in rows.values_list("territory_id", "status"):
        if found.get(territory_id) != WarStatus.OCCUPIED:
            found[territory_id] = status
    return found


def _territory(item: Territory, war: dict[int, str]) -> dict[str, Any]:
    return {
        "code": item.code,
        "level": item.level,
        "category": item.category,
        "name_uk": item.name_uk,
        "name_en": item.name_en,
        "hromada_type": item.hromada_type,
        "parent": item.parent.code if item.parent else None,
        "oblast": item.oblast.code if item.oblast else None,
        "valid_from": item.valid_from,
        "valid_to": item.valid_to,
        "is_member": bool(getattr(item, "is_member", False)),
        "war_status": war.get(item.pk),
    }


def _with_status(result: dict[str, Any], items: list[Territory]) -> dict[str, Any]:
    war = _current_statuses([item.pk for item in items])
    result["items"] = [_territory(item, war) for item in items]
    return result


def territory_queryset(
    level: str | None,
    parent: str | None,
    hromada_type: str | None,
    member: bool | None,
    war_status: str | None,
    q: str | None,
) -> QuerySet[Territory]:
    rows: QuerySet[Territory] = Territory.objects.all()
    if q:
        found = territory_queries.search_queryset(q)
        rows = found if found is not None else rows.none()
    active = Membership.objects.filter(territory=OuterRef("pk"), status=MembershipStatus.ACTIVE)
    rows = rows.select_related("parent", "oblast").annotate(is_member=Exists(active))
    if level:
        rows = rows.filter(level=level)
    if parent:
        rows = rows.filter(parent__code=parent)
    if hromada_type:
        rows = rows.filter(hromada_type=hromada_type)
    if member is not None:
        rows = rows.filter(is_member=member)
    if war_status:
        today = timezone.localdate()
        current = TerritoryStatus.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today),
            territory=OuterRef("pk"),
            status=war_status,
            start_date__lte=today,
        )
        rows = rows.filter(Exists(current))
    return rows


def _choice(value: str | None, name: str, allowed: list[str]) -> None:
    if value and value not in allowed:
        message = f"must be one of: {', '.join(allowed)}"
        raise ApiError(400, f"Unknown {name}.", errors=[{"field": name, "message": message}])


@router.get("/territories", response=TerritoryPage, summary="List territories")
def list_territories(
    request: HttpRequest,
    level: str | None = None,
    parent: str | None = None,
    type: str | None = None,
    member: bool | None = None,
    war_status: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int = LIMIT,
) -> dict[str, Any]:
    _choice(level, "level", list(Level.values))
    _choice(type, "type", list(HromadaType.values))
    _choice(war_status, "war_status", list(WarStatus.values))
    rows = territory_queryset(level, parent, type, member, war_status, q)
    result = page(request, rows, cursor, limit, lambda item: item)
    return _with_status(result, result["items"])


@router.get("/territories/{code}", response=TerritoryOut, summary="One territory")
def get_territory(request: HttpRequest, code: str) -> dict[str, Any]:
    rows = territory_queryset(None, None, None, None, None, None).filter(code=code)
    item = rows.first()
    if item is None:
        raise ApiError(404, f"No territory has the code {code}.")
    return _territory(item, _current_statuses([item.pk]))


@router.get("/members", response=MemberPage, summary="Association members")
def list_members(
    request: HttpRequest, cursor: str | None = None, limit: int = LIMIT
) -> dict[str, Any]:
    rows = Membership.objects.select_related("territory", "territory__oblast")

    def member(item: Membership) -> dict[str, Any]:
        oblast = item.territory.oblast
        return {
            "code": item.territory.code,
            "name_uk": item.territory.name_uk,
            "name_en": item.territory.name_en,
            "oblast": oblast.code if oblast else None,
            "joined_on": item.joined_on,
            "status": item.status,
        }

    return page(request, rows, cursor, limit, member)
