"""The public releases page, release notes with a CSV of changes, the ICS calendar, and the
analysts' form to announce and publish a release. Views only translate the queries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.collection.permissions import can_publish
from hromada.jobs.actions import start_job
from hromada.releases import actions, queries
from hromada.releases.calendar import calendar_bytes
from hromada.releases.exports import change_lines
from hromada.releases.forms import ReleaseForm
from hromada.releases.models import Release


def release_list(request: HttpRequest) -> HttpResponse:
    latest = queries.latest_release()
    context = {
        "published": list(queries.published_releases().select_related("campaign")),
        # Every announced release, a date already passed included: the calendar is honest
        # about a release that is late.
        "upcoming": list(queries.scheduled_releases()),
        "today": timezone.localdate(),
        "revisions": list(queries.revisions_since(latest)[:50]) if latest else [],
        "latest": latest,
        "can_publish": can_publish(request.user),
    }
    return render(request, "releases/list.html", context)


def _published(pk: int) -> Release:
    return get_object_or_404(Release, pk=pk, published_at__isnull=False)


def release_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notes = queries.release_notes(_published(pk))
    return render(request, "releases/detail.html", {"notes": notes})


def release_changes_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    release = _published(pk)
    lines = change_lines(release)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="release-{release.pk}-changes.csv"'
    return response


def release_calendar(request: HttpRequest) -> HttpResponse:
    releases = list(queries.scheduled_releases().filter(scheduled_on__isnull=False))
    releases += list(queries.published_releases())
    return HttpResponse(calendar_bytes(releases), content_type="text/calendar; charset=utf-8")


@login_required
def release_create(request: HttpRequest) -> HttpResponse:
    if not can_publish(request.user):
        raise PermissionDenied
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.schedule_release(form.plan(), by=request.user)
        except actions.ReleaseError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The release is announced; nothing is public yet."))
            return redirect("releases:list")
    return render(request, "releases/form.html", {"form": form})


@login_required
@require_POST
def release_publish(request: HttpRequest, pk: int) -> HttpResponse:
    from hromada.releases.tasks import publish_release_task

    if not can_publish(request.user):
        raise PermissionDenied
    release = get_object_or_404(Release, pk=pk)
    if release.is_published:
        messages.error(request, _("This release has been published already."))
        return redirect("releases:list")
    label = _("Publishing the release %(name)s") % {"name": release.name}
    job = start_job(publish_release_task, release.pk, request.user.pk, by=request.user,
                    label=label)  # fmt: skip
    release.refresh_from_db()
    if release.is_published:
        messages.success(request, _("The release is published: its values are now public."))
        return redirect("releases:detail", pk=release.pk)
    messages.info(request, _("The release is being published; follow it on the jobs page."))
    return redirect("jobs:detail", pk=job.pk)
