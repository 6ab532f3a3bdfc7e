"""Pages of section workspaces. Views are thin: queries read, actions write."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.accounts.acting import acting_user
from hromada.analytics import group_figures
from hromada.members.models import Section
from hromada.workspaces import (
    access,
    actions,
    bounces,
    branch_queries,
    digest,
    partnership_queries,
    queries,
    subscription_actions,
)
from hromada.workspaces.forms import ChairForm, DigestForm, DocumentForm, MeetingForm
from hromada.workspaces.models import Chair, Document, Meeting, Topic, Undeliverable


def _section(request: HttpRequest, code: str) -> Section:
    section = queries.section_by_code(code, request.user)
    if section is None:
        raise Http404
    return section


def _report(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def section(request: HttpRequest, code: str) -> HttpResponse:
    found = _section(request, code)
    workspace = queries.section_workspace(found, request.user)
    context: dict[str, object] = {
        "workspace": workspace,
        "section": found,
        "projects": partnership_queries.of_section(found, request.user),
    }
    if workspace.can_manage:
        context["document_form"] = DocumentForm()
    if access.can_appoint_chairs(request.user):
        context["chair_form"] = ChairForm(section=found)
    return render(request, "workspaces/section.html", context)


@login_required
def meeting_edit(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    found = _section(request, code)
    if not access.can_manage(request.user, found):
        raise PermissionDenied
    meeting = get_object_or_404(Meeting, pk=pk, section=found) if pk is not None else None
    form = MeetingForm(request.POST or None)
    if request.method != "POST" and meeting is not None:
        form = MeetingForm.of(meeting)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_meeting(found, form.meeting_input(), by=request.user, meeting=meeting)
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("workspaces:section", code=found.code)
    return render(
        request,
        "workspaces/meeting_form.html",
        {"section": found, "meeting": meeting, "form": form},
    )


@login_required
@require_POST
def document_upload(request: HttpRequest, code: str) -> HttpResponse:
    found = _section(request, code)
    if not access.can_manage(request.user, found):
        raise PermissionDenied
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.as_data().values():
            for error in errors:
                _report(request, error)
        return redirect("workspaces:section", code=found.code)
    upload = form.cleaned_data["file"]
    try:
        actions.upload_document(
            found,
            title=form.cleaned_data["title"],
            file_name=upload.name or "",
            content=upload.read(),
            is_published=form.cleaned_data["is_published"],
            by=request.user,
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The document is uploaded."))
    return redirect("workspaces:section", code=found.code)


def document_download(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    found = _section(request, code)
    document = queries.documents_for(found, request.user).filter(pk=pk).defer(None).first()
    if document is None:
        raise Http404
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(document.file_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def document_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    found = _section(request, code)
    document = get_object_or_404(Document.objects.defer("content"), pk=pk, section=found)
    actions.delete_document(document, by=request.user)
    messages.success(request, _("The document is deleted."))
    return redirect("workspaces:section", code=found.code)


@login_required
@require_POST
def chair_appoint(request: HttpRequest, code: str) -> HttpResponse:
    found = _section(request, code)
    if not access.can_appoint_chairs(request.user):
        raise PermissionDenied
    form = ChairForm(request.POST, section=found)
    if form.is_valid():
        try:
            actions.appoint_chair(
                found, form.cleaned_data["person"], form.cleaned_data["since"], by=request.user
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("The chair is appointed."))
    else:
        messages.error(request, _("Choose a member of the section and a date."))
    return redirect("workspaces:section", code=found.code)


@login_required
@require_POST
def chair_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    found = _section(request, code)
    chair = get_object_or_404(Chair.objects.select_related("person"), pk=pk, section=found)
    actions.remove_chair(chair, by=request.user)
    messages.success(request, _("The chair is removed."))
    return redirect("workspaces:section", code=found.code)


def branch(request: HttpRequest, code: str) -> HttpResponse:
    found = branch_queries.branch_by_oblast_code(code)
    if found is None:
        raise Http404
    workspace = branch_queries.branch_workspace(found, request.user)
    context = {
        "workspace": workspace,
        "branch": found,
        "projects": partnership_queries.of_oblast(found.oblast, request.user),
        "figures": group_figures.oblast_figures(found.oblast),
    }
    return render(request, "workspaces/branch.html", context)


def subscription(request: HttpRequest, token: str) -> HttpResponse:
    """The subscription centre reached from an e-mail; a topic's link offers to stop it."""
    holder = digest.read_token(token)
    if holder is None:
        raise Http404
    wanted = digest.wanted_topics(holder.person)
    if request.method == "POST":
        chosen = set(request.POST.getlist("topics"))
        if holder.topic and "stop" in request.POST:
            chosen = set(wanted) - {holder.topic}
        try:
            subscription_actions.set_topics(token, chosen)
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("Your choice is saved."))
        return redirect("workspaces:subscription", token=token)
    return render(
        request,
        "workspaces/subscription.html",
        {
            "person": holder.person,
            "undeliverable": bounces.is_undeliverable(holder.person.email),
            "topic": dict(Topic.choices).get(holder.topic, "") if holder.topic else "",
            "stopped_already": holder.topic and holder.topic not in wanted,
            "topics": [(value, label, value in wanted) for value, label in Topic.choices],
        },
    )


@login_required
def digest_send(request: HttpRequest) -> HttpResponse:
    if not permissions.is_analyst(request.user):
        raise PermissionDenied
    form = DigestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        segment = digest.Segment(
            oblast=form.cleaned_data["oblast"].code if form.cleaned_data["oblast"] else "",
            section=form.cleaned_data["section"].code if form.cleaned_data["section"] else "",
            role=form.cleaned_data["role"],
            member_status=form.cleaned_data["member_status"],
        )
        job = subscription_actions.start_digest(segment, by=request.user)
        return redirect("jobs:detail", pk=job.pk)
    return render(
        request,
        "workspaces/digest_send.html",
        {"form": form, "undeliverable": bounces.listing()},
    )


@login_required
@require_POST
def undeliverable_clear(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.is_analyst(request.user):
        raise PermissionDenied
    row = get_object_or_404(Undeliverable, pk=pk)
    bounces.clear(row, by=acting_user(request))
    messages.success(
        request,
        _("Mailings to %(address)s resume with the next digest.") % {"address": row.address},
    )
    return redirect("workspaces:digest_send")
