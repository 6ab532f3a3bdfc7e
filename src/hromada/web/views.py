from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hromada.web import queries


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"overview": queries.overview()})
