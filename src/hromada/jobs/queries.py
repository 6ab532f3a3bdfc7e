"""Reading the jobs: a person sees the jobs they started; analysts see all of them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hromada.accounts import permissions
from hromada.jobs.models import Job


def jobs_visible_to(user: Any) -> QuerySet[Job]:
    rows = Job.objects.select_related("created_by")
    if permissions.can_see_all_jobs(user):
        return rows
    if not getattr(user, "is_authenticated", False):
        return rows.none()
    return rows.filter(created_by=user)


def any_active(rows: QuerySet[Job]) -> bool:
    return rows.filter(status__in=["waiting", "running"]).exists()
