"""Pages of the association's international work: memberships and partner projects."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.lib.ukrainian_order import sort_key
from hromada.workspaces import partnership_actions, partnership_queries
from hromada.workspaces.forms import DocumentForm, ProjectForm
from hromada.workspaces.models import Project, ProjectDocument


def _require_manager(request: HttpRequest) -> None:
    if not partnership_actions.can_manage_projects(request.user):
        raise PermissionDenied


def _visible(request: HttpRequest, pk: int) -> Project:
    project = partnership_queries.project_for(pk, request.user)
    if project is None:
        raise Http404
    return project


def _report(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def international(request: HttpRequest) -> HttpResponse:
    projects = list(partnership_queries.projects_visible_to(request.user))
    return render(
        request,
        "workspaces/international.html",
        {
            "affiliations": partnership_queries.affiliations(),
            "running": [p for p in projects if partnership_queries.is_running(p)],
            "other": [p for p in projects if not partnership_queries.is_running(p)],
            "can_manage": partnership_actions.can_manage_projects(request.user),
        },
    )


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible(request, pk)
    can_manage = partnership_actions.can_manage_projects(request.user)
    return render(
        request,
        "workspaces/project_detail.html",
        {
            "project": project,
            "hromadas": sorted(
                project.hromadas.select_related("oblast"), key=lambda t: sort_key(t.name_uk)
            ),
            "sections": project.sections.order_by("order", "code"),
            "news": partnership_queries.linked_news(project),
            "documents": project.documents.defer("content"),
            "can_manage": can_manage,
            "document_form": DocumentForm() if can_manage else None,
        },
    )


@login_required
def project_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_manager(request)
    project = get_object_or_404(Project, pk=pk) if pk is not None else None
    form = ProjectForm(request.POST or None)
    if request.method != "POST" and project is not None:
        form = ProjectForm.of(project)
    if request.method == "POST" and form.is_valid():
        try:
            saved = partnership_actions.save_project(
                form.project_input(), by=request.user, project=project
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("workspaces:project", pk=saved.pk)
    return render(request, "workspaces/project_form.html", {"form": form, "project": project})


@login_required
@require_POST
def project_document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    project = get_object_or_404(Project, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.as_data().values():
            for error in errors:
                _report(request, error)
        return redirect("workspaces:project", pk=project.pk)
    upload = form.cleaned_data["file"]
    try:
        partnership_actions.upload_project_document(
            project,
            title=form.cleaned_data["title"],
            file_name=upload.name or "",
            content=upload.read(),
            by=request.user,
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The document is uploaded."))
    return redirect("workspaces:project", pk=project.pk)


def project_document(request: HttpRequest, pk: int, document: int) -> HttpResponse:
    project = _visible(request, pk)
    found = ProjectDocument.objects.filter(project=project, pk=document).first()
    if found is None:
        raise Http404
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(found.file_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def project_document_delete(request: HttpRequest, pk: int, document: int) -> HttpResponse:
    _require_manager(request)
    found = get_object_or_404(ProjectDocument.objects.defer("content"), project_id=pk, pk=document)
    partnership_actions.delete_project_document(found, by=request.user)
    messages.success(request, _("The document is deleted."))
    return redirect("workspaces:project", pk=pk)
