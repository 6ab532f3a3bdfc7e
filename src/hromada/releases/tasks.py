"""Publishing a release runs as a job: a campaign can hold hundreds of thousands of values."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from hromada.jobs.progress import report_progress
from hromada.releases.actions import publish_release
from hromada.releases.models import Release


@task()
def publish_release_task(release_id: int, user_id: int) -> int:
    """Publish one release as the analyst who asked; returns the number of values made public."""
    release = Release.objects.get(pk=release_id)
    user = get_user_model().objects.get(pk=user_id)
    report_progress(0, 1, stage="publish")
    result = publish_release(release, by=user)
    report_progress(1, 1, stage="publish")
    return result.published_values
