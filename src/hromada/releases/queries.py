"""Reading releases: the public list, the calendar, what changed, revisions and vintages."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, F, Max, Q, QuerySet

from hromada.indicators.models import ObservationHistory, Status
from hromada.releases.models import Release

PUBLISHED = Status.PUBLISHED
CORRECTION = ObservationHistory.Reason.CORRECTION
IS_NEW = Q(new_status=PUBLISHED) & ~Q(old_status=PUBLISHED)
IS_REVISED = Q(new_status=PUBLISHED, old_status=PUBLISHED)
IS_WITHDRAWN = Q(old_status=PUBLISHED) & ~Q(new_status=PUBLISHED)
TOUCHES_PUBLIC = Q(new_status=PUBLISHED) | Q(old_status=PUBLISHED)
NOTES_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class ReleaseNotes:
    release: Release
    previous: Release | None
    changes: list[ObservationHistory]
    revisions: list[ObservationHistory]
    more_changes: bool


def published_releases() -> QuerySet[Release]:
    return Release.objects.filter(published_at__isnull=False).order_by("-published_at", "-pk")


def scheduled_releases() -> QuerySet[Release]:
    """Announced and not yet published, soonest first; undated ones last."""
    return Release.objects.filter(published_at__isnull=True).order_by(
        F("scheduled_on").asc(nulls_last=True), "pk"
    )


def latest_release() -> Release | None:
    return published_releases().first()


def previous_release(release: Release) -> Release | None:
    """The published release before this one (for one being published: the newest)."""
    earlier = published_releases().exclude(pk=release.pk)
    if release.published_at is not None:
        earlier = earlier.filter(
            Q(published_at__lt=release.published_at)
            | Q(published_at=release.published_at, pk__lt=release.pk)
        )
    return earlier.first()


def _range(low: int, high: int | None) -> QuerySet[ObservationHistory]:
    rows = ObservationHistory.objects.filter(TOUCHES_PUBLIC, pk__gt=low)
    return rows if high is None else rows.filter(pk__lte=high)


def count_changes(low: int, high: int) -> tuple[int, int, int]:
    """New, revised and withdrawn public values among history rows low < id <= high."""
    counts = _range(low, high).aggregate(
        new=Count("pk", filter=IS_NEW),
        revised=Count("pk", filter=IS_REVISED),
        withdrawn=Count("pk", filter=IS_WITHDRAWN),
    )
    return counts["new"], counts["revised"], counts["withdrawn"]


def release_changes(release: Release) -> QuerySet[ObservationHistory]:
    """Every change of a public value this release brought, oldest first."""
    previous = previous_release(release)
    low = previous.history_mark or 0 if previous else 0
    return (
        _range(low, release.history_mark or 0)
        .select_related("territory", "indicator")
        .order_by("pk")
    )


def revisions_since(release: Release | None) -> QuerySet[ObservationHistory]:
    """Corrections of published values made after a release (all of them without one)."""
    low = release.history_mark or 0 if release else 0
    return (
        _range(low, None)
        .filter(reason=CORRECTION, old_status=PUBLISHED)
        .select_related("territory", "indicator")
        .order_by("-pk")
    )


def release_notes(release: Release, *, limit: int = 100) -> ReleaseNotes:
    """A published release's notes. Its history range never changes, so the lists are kept
    (the revisions scan the whole range: two seconds for the demo's first release)."""
    # The publication time too: a database rebuilt from scratch may reuse ids.
    moment = release.published_at.timestamp() if release.published_at else 0
    key = f"releases:notes:{release.pk}:{release.history_mark}:{moment}:{limit}"
    lists = cache.get(key)
    if lists is None:
        lists = (
            list(release_changes(release)[: limit + 1]),
            list(release_changes(release).filter(reason=CORRECTION, old_status=PUBLISHED)[:limit]),
        )
        cache.set(key, lists, NOTES_SECONDS)
    changes, revisions = lists
    return ReleaseNotes(
        release=release,
        previous=previous_release(release),
        changes=changes[:limit],
        revisions=revisions,
        more_changes=len(changes) > limit,
    )


def vintage(
    release: Release, rows: QuerySet[ObservationHistory] | None = None
) -> QuerySet[ObservationHistory]:
    """The public values as of `release`: per key, the newest history row up to its mark,
    when that row left the value published. `rows` narrows the keys (filters)."""
    rows = ObservationHistory.objects.all() if rows is None else rows
    newest = (
        rows.filter(pk__lte=release.history_mark or 0)
        .order_by()
        .values("territory_id", "indicator_id", "year", "sex")
        .annotate(last=Max("pk"))
        .values("last")
    )
    return ObservationHistory.objects.filter(pk__in=newest, new_status=PUBLISHED)


def value_revisions(territory_id: int, indicator_id: int, year: int) -> list[ObservationHistory]:
    """Revisions of one published value, newest first (for the value page)."""
    return list(
        ObservationHistory.objects.filter(
            territory_id=territory_id,
            indicator_id=indicator_id,
            year=year,
            reason=CORRECTION,
            old_status=PUBLISHED,
        ).order_by("-pk")
    )
