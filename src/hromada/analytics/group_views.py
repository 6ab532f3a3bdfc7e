"""Peer groups: everyone sees them (pages use them); analysts create, edit and delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.accounts.acting import acting_user
from hromada.analytics.actions import (
    PeerGroupInput,
    create_peer_group,
    delete_peer_group,
    update_peer_group,
)
from hromada.analytics.forms import PeerGroupForm, initial_for
from hromada.analytics.models import PeerGroup


def _require_analyst(request: HttpRequest) -> None:
    if not permissions.is_analyst(request.user):
        raise PermissionDenied


def group_list(request: HttpRequest) -> HttpResponse:
    groups = PeerGroup.objects.prefetch_related("oblasts", "hromadas")
    context = {"groups": groups, "is_analyst": permissions.is_analyst(request.user)}
    return render(request, "analytics/groups.html", context)


def _input(form: PeerGroupForm) -> PeerGroupInput:
    data = form.cleaned_data
    return PeerGroupInput(
        name_uk=data["name_uk"],
        name_en=data["name_en"],
        description=data["description"],
        kind=data["kind"],
        hromada_types=list(data["hromada_types"]),
        bands=list(data["bands"]),
        oblast_ids=[t.pk for t in data["oblasts"]],
        members_only=data["members_only"],
        hromada_codes=data["hromada_codes"],
    )


def _save(
    request: HttpRequest, form: PeerGroupForm, group: PeerGroup | None
) -> HttpResponseBase | None:
    if not form.is_valid():
        return None
    try:
        if group is None:
            group = create_peer_group(_input(form), by=acting_user(request))
        else:
            group = update_peer_group(group, _input(form), by=acting_user(request))
    except ValidationError as error:
        form.add_error("hromada_codes", error)
        return None
    messages.success(request, _("The peer group is saved."))
    return redirect("analytics:groups")


@login_required
def group_create(request: HttpRequest) -> HttpResponseBase:
    _require_analyst(request)
    form = PeerGroupForm(request.POST or None)
    if request.method == "POST" and (done := _save(request, form, None)):
        return done
    return render(request, "analytics/group_form.html", {"form": form, "group": None})


@login_required
def group_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    _require_analyst(request)
    group = get_object_or_404(PeerGroup, pk=pk)
    form = PeerGroupForm(request.POST or None, initial=initial_for(group))
    if request.method == "POST" and (done := _save(request, form, group)):
        return done
    return render(request, "analytics/group_form.html", {"form": form, "group": group})


@login_required
@require_POST
def group_delete(request: HttpRequest, pk: int) -> HttpResponseBase:
    _require_analyst(request)
    group = get_object_or_404(PeerGroup, pk=pk)
    delete_peer_group(group, by=acting_user(request))
    messages.success(request, _("The peer group is deleted."))
    return redirect("analytics:groups")
