"""The audit log page: analysts and administrators browse and filter every recorded action."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hromada.accounts import permissions
from hromada.audit import queries
from hromada.audit.display import readable_log
from hromada.audit.forms import AuditFilterForm

PAGE_SIZE = 50


@login_required
def log(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_audit_log(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, object_types=queries.object_types())
    rows = queries.entries(form.filters() if form.is_bound else queries.AuditFilters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "page": page,
            "lines": readable_log(page.object_list),
            "query": query.urlencode(),
            "rooms": queries.rooms(),
        },
    )
