from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hromada.members.queries import member_overview
from hromada.web import queries


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/home.html", {"overview": queries.overview(), "members": member_overview()}
    )
