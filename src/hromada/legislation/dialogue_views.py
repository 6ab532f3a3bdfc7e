"""Pages of government dialogue: meetings with government and the inter-faction group."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.legislation import dialogue
from hromada.legislation.forms import AgendaItemForm, MeetingForm, MPImportForm
from hromada.legislation.models import MP, GovernmentMeeting, Position
from hromada.legislation.views import _require_analyst


def meeting_list(request: HttpRequest) -> HttpResponse:
    analyst = permissions.is_analyst(request.user)
    form = MeetingForm(request.POST or None) if analyst else None
    if request.method == "POST":
        _require_analyst(request)
        if form is not None and form.is_valid():
            meeting = dialogue.record_meeting(by=request.user, values=form.cleaned_data)
            messages.success(request, _("Meeting recorded."))
            return redirect("legislation:meeting", pk=meeting.pk)
    meetings = GovernmentMeeting.objects.prefetch_related("items")[:200]
    return render(
        request,
        "legislation/meeting_list.html",
        {"meetings": meetings, "form": form, "is_analyst": analyst},
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(GovernmentMeeting, pk=pk)
    analyst = permissions.is_analyst(request.user)
    form = None
    if analyst:
        form = AgendaItemForm(request.POST or None)
        form.fields["position"].queryset = Position.objects.all()  # type: ignore[attr-defined]
    if request.method == "POST":
        _require_analyst(request)
        if form is not None and form.is_valid():
            dialogue.add_agenda_item(meeting, by=request.user, **form.cleaned_data)
            messages.success(request, _("Agenda item recorded."))
            return redirect("legislation:meeting", pk=meeting.pk)
    items = meeting.items.select_related("bill", "position")
    return render(
        request,
        "legislation/meeting_detail.html",
        {"meeting": meeting, "items": items, "form": form, "is_analyst": analyst},
    )


def mp_group(request: HttpRequest) -> HttpResponse:
    analyst = permissions.is_analyst(request.user)
    return render(
        request,
        "legislation/mp_group.html",
        {
            "members": dialogue.group_members(),
            "is_analyst": analyst,
            "others": MP.objects.filter(in_group=False)[:1000] if analyst else [],
            "import_form": MPImportForm() if analyst else None,
        },
    )


@login_required
@require_POST
def mp_import(request: HttpRequest) -> HttpResponse:
    _require_analyst(request)
    form = MPImportForm(request.POST, request.FILES)
    if form.is_valid():
        # The open files, not their bytes: the upload limits are checked as they are read.
        files = [(f.name or "file", f) for f in form.cleaned_data["upload"]]
        result = dialogue.import_mps(files, by=request.user)
        if result.problems:
            for problem in result.problems:
                messages.error(request, problem)
        else:
            messages.success(
                request,
                _("MPs imported: %(new)s new, %(updated)s updated.")
                % {"new": result.new, "updated": result.updated},
            )
    else:
        messages.error(request, _("Choose the Rada's MP files."))
    return redirect("legislation:mp_group")


@login_required
@require_POST
def mp_set_group(request: HttpRequest, pk: int) -> HttpResponse:
    _require_analyst(request)
    mp = get_object_or_404(MP, pk=pk)
    dialogue.set_group(mp, by=request.user, in_group=request.POST.get("in_group") == "1")
    return redirect("legislation:mp_group")
