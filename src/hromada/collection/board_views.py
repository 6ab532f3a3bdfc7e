"""Progress boards (staff), the public list of who reported, and the audit trail by user."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from hromada.accounts import permissions
from hromada.accounts.models import User
from hromada.collection import board_queries, history
from hromada.collection.models import Campaign, State
from hromada.collection.permissions import can_see_progress
from hromada.lib.cells import safe_row

AUDIT_LIMIT = 200


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Officials go to their questionnaire, staff to the progress board."""
    campaign = get_object_or_404(Campaign, pk=pk)
    if can_see_progress(request.user):
        return redirect("collection:progress", pk=pk)
    scope = permissions.scope_of(request.user)
    submission = campaign.submissions.filter(territory=scope).first() if scope else None
    if submission is None:
        raise PermissionDenied
    return redirect("collection:entry", pk=pk, code=scope.code if scope else "")


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_see_progress(request.user):
        raise PermissionDenied
    campaign = get_object_or_404(Campaign, pk=pk)
    context = {
        "campaign": campaign,
        "board": board_queries.board(campaign, request.user),
        "states": State.choices,
        "is_analyst": permissions.is_analyst(request.user),
        "scope": permissions.scope_of(request.user),
    }
    return render(request, "collection/progress.html", context)


def _table(campaign: Campaign, user: object) -> list[list[str]]:
    header = [_("Oblast"), _("Hromada"), _("KATOTTG code"), _("State"), _("Overdue")]
    board = board_queries.board(campaign, user)
    overdue = {s.pk for s in board.overdue}
    rows: list[list[str]] = [
        [s.territory.oblast.name if s.territory.oblast else "", s.territory.name,
         s.territory.code, str(State(s.state).label), _("yes") if s.pk in overdue else ""]
        for s in board.submissions
    ]  # fmt: skip
    return [header, *rows]


@login_required
def progress_export(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if not can_see_progress(request.user):
        raise PermissionDenied
    campaign = get_object_or_404(Campaign, pk=pk)
    table = _table(campaign, request.user)
    name = f"campaign-{campaign.pk}-progress.{file_format}"
    if file_format == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(safe_row(row) for row in table)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook()
        for row in table:
            workbook.active.append(safe_row(row))
        output = io.BytesIO()
        workbook.save(output)
        response = HttpResponse(
            output.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def public_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Who has and has not submitted: names and states only, once the campaign closed."""
    campaign = get_object_or_404(Campaign, pk=pk)
    if campaign.closes_on >= timezone.localdate():
        raise Http404
    context = {"campaign": campaign, "rows": board_queries.public_rows(campaign)}
    return render(request, "collection/public_status.html", context)


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    """What one user did in the collection: workflow steps and value changes, newest first."""
    if not permissions.is_analyst(request.user):
        raise PermissionDenied
    username = request.GET.get("user", "").strip()
    person = User.objects.filter(username=username).first() if username else None
    lines = history.audit_of_user(person.pk, AUDIT_LIMIT) if person is not None else []
    context = {"username": username, "person": person, "lines": lines, "limit": AUDIT_LIMIT}
    return render(request, "collection/audit.html", context)
