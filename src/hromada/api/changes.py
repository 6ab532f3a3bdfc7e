"""The change feed: published values and indicator definitions changed since a time or version."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ninja import Router
from ninja.params.functions import Query

from hromada.api.indicators import version_out
from hromada.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from hromada.api.problems import ApiError
from hromada.api.schemas import ChangesOut
from hromada.indicators.models import IndicatorVersion, ObservationHistory, Publication, Status
from hromada.indicators.queries import published_version

router = Router(tags=["changes"])
PUBLISHED = Status.PUBLISHED
CORRECTION = ObservationHistory.Reason.CORRECTION


def since_time(since: str) -> datetime:
    """An ISO time, or a published data version (the time that version was published)."""
    if since.isdigit():
        version = int(since)
        if version == 0:
            return datetime(1970, 1, 1, tzinfo=UTC)
        published = Publication.objects.filter(pk=version).values_list("published_at", flat=True)
        moment = published.first()
        if moment is None:
            message = "no published data version has this number"
            errors = [{"field": "since", "message": message}]
            raise ApiError(404, f"Unknown version {version}.", errors=errors)
        return moment
    # A "+02:00" offset arrives as " 02:00" when the client did not encode the plus sign.
    parsed = parse_datetime(since.replace(" ", "+"))
    if parsed is None:
        message = "an ISO 8601 time (2026-01-31T12:00:00Z) or a data version number"
        raise ApiError(400, "Unreadable `since`.", errors=[{"field": "since", "message": message}])
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_current_timezone())
    return parsed


def value_change(item: ObservationHistory) -> dict[str, Any]:
    """One change as the public may see it: unpublished sides are blanked."""
    old_public = item.old_status == PUBLISHED
    new_public = item.new_status == PUBLISHED
    return {
        "id": item.pk,
        "territory": item.territory.code,
        "indicator": item.indicator.code,
        "year": item.year,
        "sex": item.sex,
        "old_value": item.old_value if old_public else None,
        "old_missing": item.old_missing if old_public else "",
        "old_status": item.old_status,
        "new_value": item.new_value if new_public else None,
        "new_missing": item.new_missing if new_public else "",
        "new_status": item.new_status,
        "published": new_public,
        # A correction of a value that was public is a revision: dated, with its reason.
        "revision": old_public and new_public and item.reason == CORRECTION,
        "reason": item.reason,
        "comment": item.comment if new_public else "",
        "changed_at": item.changed_at,
    }


@router.get("/changes", response=ChangesOut, summary="What changed since a time or version")
def changes(
    request: HttpRequest,
    since: str,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    moment = since_time(since)
    history = ObservationHistory.objects.filter(
        Q(old_status=PUBLISHED) | Q(new_status=PUBLISHED), changed_at__gt=moment
    ).select_related("territory", "indicator")
    values = page(request, history, cursor, limit, value_change)
    definitions = IndicatorVersion.objects.filter(changed_at__gt=moment).select_related("indicator")
    return {
        "version": published_version(),
        "since": moment,
        "definitions": [version_out(item) for item in definitions.order_by("changed_at", "pk")]
        if not cursor
        else [],
        "values": values["items"],
        "next": values["next"],
    }
