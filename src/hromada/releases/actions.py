"""Scheduling and publishing releases: the only path from verified to public.

Publishing a release sets every verified value of its years (of its campaign's indicators,
when it has one) to published through record_observations, so each change is in
ObservationHistory, moves the verified submissions to published, and stamps the release
with the newest history id (its vintage) and the counts of what changed since the previous
release. Each action checks permission first, validates, and writes one audit entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.audit.actions import record_audit
from hromada.collection.models import State, Submission
from hromada.collection.permissions import can_publish
from hromada.collection.transitions import move
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Observation, ObservationHistory, Status
from hromada.releases.models import Release
from hromada.releases.queries import count_changes, previous_release

WORKFLOW = ObservationHistory.Reason.WORKFLOW
EARLIEST_YEAR = 1990


class ReleaseError(Exception):
    """A release that cannot be scheduled or published; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReleasePlan:
    name_uk: str
    name_en: str
    kind: str
    first_year: int
    last_year: int
    scheduled_on: dt.date | None = None
    note_uk: str = ""
    note_en: str = ""
    campaign_id: int | None = None


@dataclass(frozen=True)
class PublishedRelease:
    release: Release
    published_values: int
    submissions: int


def _validate(plan: ReleasePlan) -> None:
    if not plan.name_uk.strip():
        raise ReleaseError(_("Give the release a name in Ukrainian."))
    if plan.kind not in Release.Kind.values:
        raise ReleaseError(_("A release is either preliminary or final."))
    this_year = timezone.localdate().year
    for year in (plan.first_year, plan.last_year):
        if not EARLIEST_YEAR <= year <= this_year:
            raise ReleaseError(
                _("The year %(year)s is outside %(first)s–%(last)s.")
                % {"year": year, "first": EARLIEST_YEAR, "last": this_year}
            )
    if plan.first_year > plan.last_year:
        raise ReleaseError(_("The first year of a release comes before its last year."))


@transaction.atomic
def schedule_release(plan: ReleasePlan, *, by: Any) -> Release:
    """Announce a release (with its date, if known); nothing becomes public yet."""
    if not can_publish(by):
        raise PermissionDenied
    _validate(plan)
    user = by if getattr(by, "pk", None) else None
    release = Release.objects.create(
        name_uk=plan.name_uk.strip(),
        name_en=plan.name_en.strip(),
        kind=plan.kind,
        first_year=plan.first_year,
        last_year=plan.last_year,
        scheduled_on=plan.scheduled_on,
        note_uk=plan.note_uk.strip(),
        note_en=plan.note_en.strip(),
        campaign_id=plan.campaign_id,
        created_by=user,
    )
    record_audit(
        action="releases.release.schedule",
        obj=release,
        by=by,
        changes={"scheduled_on": (None, plan.scheduled_on), "kind": (None, plan.kind)},
    )
    return release


def _verified_values(release: Release) -> list[ValueInput]:
    rows = Observation.all_objects.filter(
        status=Status.VERIFIED, year__gte=release.first_year, year__lte=release.last_year
    )
    if release.campaign is not None:
        rows = rows.filter(indicator_id__in=release.campaign.items.values("indicator_id"))
    return [
        ValueInput(territory_id, indicator_id, year, sex, value, missing)
        for territory_id, indicator_id, year, sex, value, missing in rows.values_list(
            "territory_id", "indicator_id", "year", "sex", "value", "missing"
        ).iterator(chunk_size=2000)
    ]


def _publish_submissions(release: Release, *, by: Any) -> int:
    submissions = Submission.objects.filter(
        state=State.VERIFIED,
        campaign__year__gte=release.first_year,
        campaign__year__lte=release.last_year,
    )
    if release.campaign_id is not None:
        submissions = submissions.filter(campaign_id=release.campaign_id)
    moved = 0
    for submission in submissions.select_related("campaign"):
        move(submission, State.PUBLISHED, by=by, comment=release.name_uk)
        moved += 1
    return moved


@transaction.atomic
def publish_release(release: Release, *, by: Any) -> PublishedRelease:
    """Make the release's verified values public and date it; refused when done already."""
    if not can_publish(by):
        raise PermissionDenied
    release = Release.objects.select_for_update().get(pk=release.pk)
    if release.is_published:
        raise ReleaseError(_("This release has been published already."))
    values = _verified_values(release)
    summary = record_observations(
        values, by=by, reason=WORKFLOW, status=Status.PUBLISHED, comment=release.name_uk
    )
    moved = _publish_submissions(release, by=by)
    previous = previous_release(release)
    mark = ObservationHistory.objects.aggregate(last=Max("pk"))["last"] or 0
    counts = count_changes(previous.history_mark or 0 if previous else 0, mark)
    user = by if getattr(by, "pk", None) else None
    release.published_at = timezone.now()
    release.published_by = user
    release.history_mark = mark
    release.new_count, release.revised_count, release.withdrawn_count = counts
    release.save()
    record_audit(
        action="releases.release.publish",
        obj=release,
        by=by,
        changes={"published_at": (None, release.published_at), "history_mark": (None, mark)},
        reason=_("%(values)s values published, %(submissions)s submissions")
        % {"values": summary.new + summary.changed, "submissions": moved},
    )
    return PublishedRelease(release, summary.new + summary.changed, moved)
