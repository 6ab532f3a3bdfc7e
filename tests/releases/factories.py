"""Releases for tests: announce and publish through the same actions an analyst uses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hromada.releases.actions import ReleasePlan, publish_release, schedule_release
from hromada.releases.models import Release


def plan(
    first_year: int,
    last_year: int | None = None,
    *,
    kind: str = Release.Kind.FINAL,
    name: str = "Випуск",
    scheduled_on: dt.date | None = None,
) -> ReleasePlan:
    return ReleasePlan(
        name_uk=name,
        name_en="Release",
        kind=kind,
        first_year=first_year,
        last_year=last_year if last_year is not None else first_year,
        scheduled_on=scheduled_on,
    )


def release(
    first_year: int, last_year: int | None = None, *, by: Any, kind: str = Release.Kind.FINAL,
    name: str = "Випуск",
) -> Release:  # fmt: skip
    """A published release of these years."""
    announced = schedule_release(plan(first_year, last_year, kind=kind, name=name), by=by)
    publish_release(announced, by=by)
    announced.refresh_from_db()
    return announced
