"""Reviewers' pages: return, verify, publish, reopen a submission; correct a published value."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts.acting import acting_user
from hromada.collection import board_queries, queries, workflow_actions
from hromada.collection.entry_views import entry_url, get_submission
from hromada.collection.errors import CollectionError
from hromada.collection.forms import CorrectionForm
from hromada.collection.models import Submission
from hromada.collection.permissions import can_publish, can_review
from hromada.indicators.models import Indicator, ObservationHistory
from hromada.lib.numbers import NumberError, parse_number
from hromada.territories.models import Territory


def _reviewable(request: HttpRequest, pk: int, code: str) -> Submission:
    submission = get_submission(request, pk, code)
    if not can_review(request.user, submission.territory):
        raise PermissionDenied
    return submission


@login_required
def review(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    submission = _reviewable(request, pk, code)
    context = {
        "submission": submission,
        "campaign": submission.campaign,
        "blocks": queries.questionnaire(submission),
        "events": board_queries.events_of(submission),
        "can_publish": can_publish(request.user),
    }
    return render(request, "collection/review.html", context)


def _run(
    request: HttpRequest, submission: Submission, step: Callable[[], Any], done: str
) -> HttpResponse:
    try:
        step()
    except CollectionError as error:
        messages.error(request, " ".join([error.message, *error.details]))
    else:
        messages.success(request, done)
    return redirect("collection:review", pk=submission.campaign_id, code=submission.territory.code)


@login_required
@require_POST
def return_view(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    submission = _reviewable(request, pk, code)
    notes = {
        int(key.removeprefix("note-")): str(request.POST.get(key, ""))
        for key in request.POST
        if key.startswith("note-") and key.removeprefix("note-").isdigit()
    }
    comment = request.POST.get("comment", "")

    def step() -> None:
        workflow_actions.return_submission(
            submission, by=acting_user(request), notes=notes, comment=comment
        )

    return _run(request, submission, step, _("Returned to the hromada for correction."))


@login_required
@require_POST
def verify(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    submission = _reviewable(request, pk, code)
    comment = request.POST.get("comment", "")

    def step() -> None:
        workflow_actions.verify_submission(submission, by=acting_user(request), comment=comment)

    return _run(request, submission, step, _("Verified."))


@login_required
@require_POST
def publish(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    submission = _reviewable(request, pk, code)

    def step() -> None:
        workflow_actions.publish_submission(submission, by=acting_user(request))

    return _run(request, submission, step, _("Published: the values are now public."))


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    submission = _reviewable(request, pk, code)
    comment = request.POST.get("comment", "")

    def step() -> None:
        workflow_actions.reopen_submission(submission, by=acting_user(request), comment=comment)

    _run(request, submission, step, _("Reopened: the hromada can change its answers again."))
    return redirect(entry_url(submission))


@login_required
def correct(request: HttpRequest, code: str, indicator: str, year: int) -> HttpResponse:
    if not can_publish(request.user):
        raise PermissionDenied
    territory = get_object_or_404(Territory, code=code)
    measure = get_object_or_404(Indicator, code=indicator)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            value = parse_number(form.cleaned_data["value"])
            workflow_actions.correct_published_value(
                territory, measure, year, value, missing=form.cleaned_data["missing"],
                reason=form.cleaned_data["reason"], by=acting_user(request),
            )  # fmt: skip
        except NumberError as error:
            form.add_error("value", error.message)
        except CollectionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The value is corrected; the old one stays in history."))
            return redirect("indicators:value", territory_code=code, indicator_code=indicator,
                            year=year)  # fmt: skip
    history = ObservationHistory.objects.filter(
        territory=territory, indicator=measure, year=year
    ).select_related("changed_by")
    context = {"form": form, "territory": territory, "indicator": measure, "year": year,
               "history": history}  # fmt: skip
    return render(request, "collection/correct.html", context)
