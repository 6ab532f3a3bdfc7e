"""News pages: the public list and item, writing, the desk and moderation. Views are thin."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.members.models import Section
from hromada.territories.models import Territory
from hromada.workspaces import access, news_actions, news_queries
from hromada.workspaces.forms import DocumentForm, NewsForm, PublishForm, ReturnForm
from hromada.workspaces.models import NewsFile, NewsItem

PAGE_SIZE = 20


def _report(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def news_list(request: HttpRequest) -> HttpResponse:
    filters = news_queries.NewsFilters(
        section=request.GET.get("section", "")[:40],
        oblast=request.GET.get("oblast", "")[:20],
        tag=request.GET.get("tag", "")[:60],
    )
    page = Paginator(news_queries.published(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "workspaces/news_list.html",
        {
            "page": page,
            "filters": filters,
            "section": Section.objects.filter(code=filters.section).first()
            if filters.section
            else None,
            "oblast": Territory.objects.oblasts().filter(code=filters.oblast).first()
            if filters.oblast
            else None,
            "can_write": access.can_write_news(request.user),
        },
    )


def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = news_queries.visible_item(pk, request.user)
    if item is None:
        raise Http404
    return render(
        request,
        "workspaces/news_detail.html",
        {
            "item": item,
            "can_edit": news_actions.can_edit(item, request.user),
            "files": item.files.defer("content"),
            "file_form": DocumentForm(),
            "can_submit": item.state == "draft" and news_actions.is_author(item, request.user),
            "can_moderate": access.can_moderate_news(request.user),
            "publish_form": PublishForm(),
            "return_form": ReturnForm(),
        },
    )


@login_required
def news_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not access.can_write_news(request.user):
        raise PermissionDenied
    item = get_object_or_404(NewsItem, pk=pk) if pk is not None else None
    if item is not None and not news_actions.can_edit(item, request.user):
        raise PermissionDenied
    form = NewsForm(request.POST or None, user=request.user)
    if request.method != "POST" and item is not None:
        form = NewsForm.of(item, request.user)
    if request.method == "POST" and form.is_valid():
        try:
            item = news_actions.save_news(form.news_input(), by=request.user, item=item)
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("The news item is saved."))
            return redirect("workspaces:news_item", pk=item.pk)
    return render(request, "workspaces/news_form.html", {"form": form, "item": item})


@login_required
def news_desk(request: HttpRequest) -> HttpResponse:
    if not access.can_write_news(request.user):
        raise PermissionDenied
    return render(request, "workspaces/news_desk.html", {"desk": news_queries.desk(request.user)})


@login_required
@require_POST
def news_submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(NewsItem, pk=pk)
    try:
        news_actions.submit_news(item, by=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The news item is sent for moderation."))
    return redirect("workspaces:news_item", pk=item.pk)


@login_required
@require_POST
def news_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(NewsItem, pk=pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the moment of publishing as a date and time."))
        return redirect("workspaces:news_item", pk=item.pk)
    try:
        news_actions.publish_news(item, by=request.user, publish_at=form.cleaned_data["publish_at"])
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The news item is published."))
    return redirect("workspaces:news_item", pk=item.pk)


@login_required
@require_POST
def news_return(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(NewsItem, pk=pk)
    try:
        news_actions.return_news(item, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The news item is returned to its author."))
    return redirect("workspaces:news_item", pk=item.pk)


@login_required
@require_POST
def news_file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(NewsItem, pk=pk)
    if not news_actions.can_edit(item, request.user):
        raise PermissionDenied
    form = DocumentForm(request.POST, request.FILES)
    upload = form.cleaned_data["file"] if form.is_valid() else None
    if form.has_error("file", code="too_large"):
        messages.error(request, str(form.errors["file"][0]))
    elif upload is None:
        messages.error(request, _("Choose a file to add."))
    else:
        try:
            news_actions.attach_file(
                item,
                title=form.cleaned_data["title"],
                file_name=upload.name or "",
                content=upload.read(),
                by=request.user,
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("The file is added to the news item."))
    return redirect("workspaces:news_item", pk=item.pk)


def news_file(request: HttpRequest, pk: int, file: int) -> HttpResponse:
    """A file of a news item that the visitor may read; images open in place (for the body's
    <img>), other files download."""
    item = news_queries.visible_item(pk, request.user)
    found = NewsFile.objects.filter(item=item, pk=file).first() if item is not None else None
    if found is None:
        raise Http404
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    disposition = "inline" if found.is_image else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(found.file_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
