"""Feedback and reach: the way to an event's evaluation (a surveys wave), its questions, and
the board of who was trained and how the events were rated."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.learning import evaluation, queries, reach
from hromada.lib.cells import safe_row
from hromada.surveys.results import MIN_GROUP


@login_required
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant's own way to the evaluation: their personal link of the surveys app.
    Only attendees of an ended event have one; anybody else gets "not found"."""
    registration = get_object_or_404(queries.registrations_of(request.user), pk=pk)
    invitation = evaluation.invitation_of(registration)
    if invitation is None:
        raise Http404(_("This event has no evaluation for you."))
    return redirect("surveys:respond", token=invitation.token)


@login_required
@require_POST
def evaluation_questionnaire(request: HttpRequest, pk: int) -> HttpResponse:
    """Analysts change the event's evaluation questions in the surveys builder."""
    event = get_object_or_404(queries.events_for(request.user), pk=pk)
    if not permissions.is_analyst(request.user):
        raise PermissionDenied
    survey = evaluation.questionnaire(event, by=request.user)
    return redirect("surveys:survey", pk=survey.pk)


@login_required
def reach_board(request: HttpRequest) -> HttpResponse:
    if not permissions.is_association_staff(request.user):
        raise PermissionDenied
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() and len(text) == 4 else None
    board = reach.reach(year)
    if request.GET.get("format") == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in reach.csv_rows(board):
            writer.writerow(safe_row(row))
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="training-reach.csv"'
        return response
    context = {
        "board": board,
        "evaluations": evaluation.board(reach.events_in(year)),
        "min_group": MIN_GROUP,
    }
    return render(request, "learning/reach.html", context)
