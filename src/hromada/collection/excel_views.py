"""Downloading and uploading Excel templates: one hromada, or a whole oblast for staff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.accounts.acting import acting_user
from hromada.collection.entry_views import entry_url, get_submission
from hromada.collection.errors import CollectionError
from hromada.collection.excel import Meta, build_workbook
from hromada.collection.excel_actions import upload_workbook
from hromada.collection.models import Campaign, Submission
from hromada.territories.models import Level, Territory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def workbook(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    submission = get_submission(request, pk, code)
    meta = Meta(submission.campaign_id, code, "hromada")
    content = build_workbook(submission.campaign, [submission], meta)
    return _attachment(content, f"hromada-{code}-{submission.campaign.year}.xlsx")


def _show_report(
    request: HttpRequest, campaign: Campaign, error: CollectionError, back: str
) -> HttpResponse:
    context = {"campaign": campaign, "error": error, "back": back}
    return render(request, "collection/upload_report.html", context, status=400)


@login_required
@require_POST
def upload(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    submission = get_submission(request, pk, code)
    back = entry_url(submission)
    file = request.FILES.get("file")
    if file is None:
        messages.error(request, _("Choose a file to upload."))
        return redirect(back)
    try:
        report = upload_workbook(
            submission.campaign,
            file,
            Meta(pk, code, "hromada"),
            [submission],
            by=acting_user(request),
        )
    except CollectionError as error:
        return _show_report(request, submission.campaign, error, back)
    messages.success(
        request, _("Saved %(count)s values from the workbook.") % {"count": report.saved}
    )
    for warning in report.warnings:
        messages.warning(request, warning)
    return redirect(back)


def _oblast(
    request: HttpRequest, pk: int, code: str
) -> tuple[Campaign, Territory, list[Submission]]:
    campaign = get_object_or_404(Campaign, pk=pk)
    oblast = get_object_or_404(Territory, code=code, level=Level.OBLAST)
    if not (
        permissions.is_association_staff(request.user) and permissions.covers(request.user, oblast)
    ):
        raise PermissionDenied
    submissions = list(
        campaign.submissions.filter(territory__oblast=oblast)
        .select_related("campaign", "territory")
        .order_by("territory__name_uk")
    )
    return campaign, oblast, submissions


@login_required
def oblast_workbook(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    campaign, _oblast_unit, submissions = _oblast(request, pk, code)
    content = build_workbook(campaign, submissions, Meta(pk, code, "oblast"))
    return _attachment(content, f"oblast-{code}-{campaign.year}.xlsx")


@login_required
@require_POST
def oblast_upload(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    campaign, _oblast_unit, submissions = _oblast(request, pk, code)
    back = reverse("collection:progress", kwargs={"pk": pk})
    file = request.FILES.get("file")
    if file is None:
        messages.error(request, _("Choose a file to upload."))
        return redirect("collection:progress", pk=pk)
    try:
        report = upload_workbook(
            campaign, file, Meta(pk, code, "oblast"), submissions, by=acting_user(request)
        )
    except CollectionError as error:
        return _show_report(request, campaign, error, back)
    messages.success(
        request, _("Saved %(count)s values from the workbook.") % {"count": report.saved}
    )
    for warning in report.warnings:
        messages.warning(request, warning)
    return redirect("collection:progress", pk=pk)
