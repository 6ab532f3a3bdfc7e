from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hromada.members.queries import member_overview
from hromada.territories import queries as territory_queries
from hromada.web import queries
from hromada.web.search import site_search


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/home.html", {"overview": queries.overview(), "members": member_overview()}
    )


def search(request: HttpRequest) -> HttpResponse:
    """The header's search: a KATOTTG code opens its territory; words search every room."""
    query = request.GET.get("q", "")
    exact = territory_queries.exact_code(query)
    if exact is not None:
        return redirect("territories:detail", code=exact.code)
    return render(request, "web/search.html", {"results": site_search(query, request.user)})
