"""URLs of the API, each view wrapped with rate limit and caching (hromada.api.web).

Mounted outside i18n_patterns: `path("api/v1/", include("hromada.api.urls"))`.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, re_path

from hromada.api.api import api
from hromada.api.problems import problem
from hromada.api.web import citizen

app_name = "api"


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem(request, 404, "This API has no such endpoint; see /api/v1/docs.")


def _wrapped(pattern: URLPattern) -> URLPattern:
    return URLPattern(
        pattern.pattern, citizen(pattern.callback), pattern.default_args, pattern.name
    )


_patterns, _app_name, _namespace = api.urls
urlpatterns = [_wrapped(p) for p in _patterns if isinstance(p, URLPattern)] + [
    re_path(r"^(?P<rest>.*)$", citizen(not_found), name="not_found"),
]
