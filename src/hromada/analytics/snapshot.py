"""Which snapshot serves, and asking for a new one (hromada.analytics.snapshot_build).

A snapshot holds the published statistics computed once: values with derived indicators,
rank tables for every peer set and aggregates with coverage. It is keyed by what it was built
from (the newest Publication and the hromadas' fingerprint, hromada.analytics.frame). Every
publication asks for a build when its transaction commits; a page that finds the newest ready
snapshot older than the data asks too (a membership or an occupation status changed), and
keeps serving that snapshot until the new one is complete. A request never builds one: the
task queue does (hromada.jobs). With the immediate backend (tests) the build has run by the
time the request goes on.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.analytics.frame import Frame, load_frame
from hromada.analytics.models import Snapshot
from hromada.indicators.models import Indicator
from hromada.indicators.queries import published_version
from hromada.web.stamps import ContentStamp, content_stamp

# A build that neither finished nor failed in this time (its worker was killed) is retried;
# a failed build is retried this long after it failed, not on the next page view (a build
# that fails at once would otherwise be queued again by every request).
STALE_AFTER = dt.timedelta(minutes=30)
BUILD_LABEL = _("Computing the published statistics (ranks and aggregates)")
# What a snapshot stores; a new number when the build writes something new (2: one row per
# indicator-year for the API's ranking, hromada.analytics.rank_blob), so a snapshot of the
# older kind is rebuilt after an upgrade (it serves until the new one is ready).
FORMAT = 2
# How long stamped_snapshot trusts its answer under an unchanged stamp (a failed build is
# retried, and a change made around the audited actions is noticed, within this time).
CHECK_SECONDS = 60


def expected_key(frame: Frame) -> str:
    """What a snapshot of the data as it is now is built from: the newest publication, the
    catalogue (its newest edit and size: a formula, rule or polarity changes the numbers)
    and the hromadas' fingerprint."""
    catalogue = Indicator.objects.aggregate(changed=Max("updated_at"), count=Count("pk"))
    changed = catalogue["changed"].timestamp() if catalogue["changed"] else 0
    return (
        f"f{FORMAT}-p{published_version()}-c{catalogue['count']}-{changed:.6f}-{frame.fingerprint}"
    )


def of_current_format(snapshot: Snapshot) -> bool:
    """Whether `snapshot` holds what this version's build writes (see FORMAT)."""
    return snapshot.key.startswith(f"f{FORMAT}-")


def newest_ready() -> Snapshot | None:
    return Snapshot.objects.filter(state=Snapshot.State.READY).order_by("-pk").first()


def current_snapshot(frame: Frame | None = None) -> Snapshot | None:
    """The snapshot pages and the API read: the newest complete one (None before the first).
    When it is older than the data, a build of the current data is queued."""
    frame = frame if frame is not None else load_frame()
    newest = newest_ready()
    key = expected_key(frame)
    # The immediate backend (tests) has built it already; a real queue has not.
    if (newest is None or newest.key != key) and request_snapshot(key):
        newest = newest_ready()
    return newest


def stamped_snapshot(frame: Frame, stamp: ContentStamp | None = None) -> Snapshot | None:
    """current_snapshot, asked again only when the content stamp changes (hromada.web.stamps:
    a publication, an audited change of the registry or catalogue, a new snapshot, a new day)
    or after CHECK_SECONDS: its three queries were a quarter of an API ranking's work."""
    key = f"analytics:snapshot:{(stamp or content_stamp()).key}"
    found: tuple[Snapshot | None] | None = cache.get(key)
    if found is None:
        found = (current_snapshot(frame),)
        cache.set(key, found, CHECK_SECONDS)
    return found[0]


def request_snapshot(key: str) -> bool:
    """Queue a build of the current data under `key` unless one is done or under way.
    Returns whether a build was queued."""
    from hromada.analytics.tasks import build_snapshot_task
    from hromada.jobs.actions import start_job

    existing = Snapshot.objects.filter(key=key).first()
    if existing is not None:
        if not _retry_due(existing):
            return False
        existing.delete()
    try:
        with transaction.atomic():
            snapshot = Snapshot.objects.create(key=key)
    except IntegrityError:  # another process asked at the same moment
        return False
    start_job(build_snapshot_task, snapshot.pk, by=None, label=str(BUILD_LABEL))
    return True


def _retry_due(existing: Snapshot) -> bool:
    """A failed build or a stuck one is built again once STALE_AFTER has passed since it
    failed (or was asked for); a ready one never is."""
    since = {
        Snapshot.State.FAILED: existing.finished_at or existing.requested_at,
        Snapshot.State.BUILDING: existing.requested_at,
    }.get(Snapshot.State(existing.state))
    return since is not None and since < timezone.now() - STALE_AFTER


def request_after_publication() -> None:
    """Called when a change of published values commits: queue the new snapshot."""
    request_snapshot(expected_key(load_frame()))
