"""Campaign pages for analysts: the list, creating, editing and copying a campaign."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts.acting import acting_user
from hromada.collection import board_queries, campaign_actions, queries
from hromada.collection.errors import CollectionError
from hromada.collection.forms import CampaignForm
from hromada.collection.models import Campaign
from hromada.collection.permissions import can_manage_campaigns, can_see_progress


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
    request: HttpRequest, form: CampaignForm, campaign: Campaign | None
) -> HttpResponse | None:
    if not form.is_valid():
        return None
    try:
        if campaign is None:
            campaign = campaign_actions.create_campaign(form.spec(), by=acting_user(request))
        else:
            campaign = campaign_actions.update_campaign(
                campaign, form.spec(), by=acting_user(request)
            )
    except CollectionError as error:
        form.add_error(None, error.message)
        for detail in error.details:
            form.add_error(None, detail)
        return None
    messages.success(request, _("The campaign is saved."))
    return redirect("collection:progress", pk=campaign.pk)


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_campaigns(request.user):
        raise PermissionDenied
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and (response := _save(request, form, None)):
        return response
    context = {"form": form, "title": _("New campaign")}
    return render(request, "collection/campaign_form.html", context)


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_campaigns(request.user):
        raise PermissionDenied
    campaign = get_object_or_404(Campaign, pk=pk)
    initial = CampaignForm.initial_from(campaign_actions.spec_of(campaign))
    form = CampaignForm(request.POST or None, initial=initial)
    if request.method == "POST" and (response := _save(request, form, campaign)):
        return response
    context = {"form": form, "title": _("Edit campaign"), "campaign": campaign}
    return render(request, "collection/campaign_form.html", context)


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
