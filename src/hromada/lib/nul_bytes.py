"""Refuse a request that carries a NUL character in its address or form fields.

PostgreSQL cannot store or compare text with a NUL character and raises an error deep inside
whatever query the value reaches (a search, a filter, a save): a fuzzer or a hostile client
then gets a 500. No real value contains one, so the request is refused at the door with a
400 that says why.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def carries_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    if any(NUL in key or any(NUL in v for v in values) for key, values in request.GET.lists()):
        return True
    content_type = request.META.get("CONTENT_TYPE", "")
    if request.method == "POST" and content_type.startswith(FORM_TYPES):
        return any(
            NUL in key or any(NUL in str(v) for v in values) for key, values in request.POST.lists()
        )
    if content_type.startswith("application/json"):
        return b"\\u0000" in request.body or NUL.encode() in request.body
    return False


class RefuseNulCharacters:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not carries_nul(request):
            return self.get_response(request)
        detail = _("The request contains a NUL character, which no value may contain.")
        if request.path.startswith("/api/"):
            body = {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": detail}
            return HttpResponse(
                json.dumps(body), status=400, content_type="application/problem+json"
            )
        return HttpResponse(render_to_string("400.html", request=request), status=400)
