"""Campaign pages for analysts: the list, creating, editing and copying a campaign."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts.acting import acting_user
from hromada.collection import board_queries, campaign_actions, queries, questionnaire_form
from hromada.collection.errors import CollectionError
from hromada.collection.forms import CampaignForm
from hromada.collection.models import Campaign
from hromada.collection.permissions import can_manage_campaigns, can_see_progress
from hromada.indicators import picking as indicator_picking


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = queries.campaigns_for(request.user)
    own = board_queries.own_submissions(request.user, campaigns)
    return render(
        request,
        "collection/campaign_list.html",
        {
            "campaigns": campaigns,
            "own": own,
            "can_manage": can_manage_campaigns(request.user),
            "can_see_progress": can_see_progress(request.user),
        },
    )


def _save(
    request: HttpRequest, form: CampaignForm, questions: Any, campaign: Campaign | None
) -> HttpResponse | None:
    if not (form.is_valid() and questions.is_valid()):
        return None
    spec = form.spec(questionnaire_form.items_of(questions))
    try:
        if campaign is None:
            campaign = campaign_actions.create_campaign(spec, by=acting_user(request))
        else:
            campaign = campaign_actions.update_campaign(campaign, spec, by=acting_user(request))
    except CollectionError as error:
        form.add_error(None, error.message)
        for detail in error.details:
            form.add_error(None, detail)
        return None
    messages.success(request, _("The campaign is saved."))
    return redirect("collection:progress", pk=campaign.pk)


def _campaign_page(
    request: HttpRequest, campaign: Campaign | None, initial: dict[str, Any], rows: list[Any]
) -> HttpResponse:
    """The campaign form with its questionnaire builder. "Add" puts the indicators ticked in
    the picker into the questionnaire without saving; "Save" saves the whole campaign."""
    data = request.POST if request.method == "POST" else None
    form = CampaignForm(data, initial=initial)
    questions = questionnaire_form.QuestionFormSet(
        data, initial=rows, prefix=questionnaire_form.PREFIX
    )
    if data is not None and data.get("action") == "add":
        if questions.is_valid():
            rows = questionnaire_form.with_added(questions, data.getlist("add"))
            questions = questionnaire_form.QuestionFormSet(
                initial=rows, prefix=questionnaire_form.PREFIX
            )
        # Not saved yet: the campaign's fields come back as typed, without error messages.
        posted = {name: data.get(name) for name in CampaignForm.base_fields}
        form = CampaignForm(initial={**posted, "hromadas": data.getlist("hromadas")})
    elif data is not None and (response := _save(request, form, questions, campaign)):
        return response
    codes = [f["code"].value() for f in questions.forms]
    names = questionnaire_form.indicator_names(codes)
    context = {
        "form": form,
        "questions": questions,
        "cards": [(f, names.get(code)) for f, code in zip(questions.forms, codes, strict=True)],
        "areas": indicator_picking.by_area([], base_only=True),
        "title": _("Edit campaign") if campaign else _("New campaign"),
        "campaign": campaign,
    }
    return render(request, "collection/campaign_form.html", context)


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_campaigns(request.user):
        raise PermissionDenied
    return _campaign_page(request, None, {}, [])


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_campaigns(request.user):
        raise PermissionDenied
    campaign = get_object_or_404(Campaign, pk=pk)
    spec = campaign_actions.spec_of(campaign)
    initial = CampaignForm.initial_from(spec)
    return _campaign_page(request, campaign, initial, questionnaire_form.initial_rows(spec.items))


@login_required
@require_POST
def campaign_copy(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Campaign, pk=pk)
    try:
        campaign = campaign_actions.copy_campaign(source, by=acting_user(request))
    except CollectionError as error:
        messages.error(request, " ".join([error.message, *error.details]))
        return redirect("collection:campaigns")
    messages.success(request, _("The campaign is copied to %(year)s.") % {"year": campaign.year})
    return redirect("collection:edit", pk=campaign.pk)
