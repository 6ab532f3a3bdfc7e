"""Web citizenship around every API view: rate limits, caching headers and ETags.

CORS is django-cors-headers' (settings: CORS_*), for every address under /api/.

Public GET answers are also kept in the cache under their ETag, which holds the content
stamp (hromada.web.stamps): the same question is answered from memory until a publication
or a registry change makes a new stamp, so a popular ranking costs one small query.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation.trans_real import parse_accept_lang_header

from hromada.api.models import ApiToken
from hromada.api.problems import problem
from hromada.api.tokens import digest
from hromada.lib.client_ip import client_ip
from hromada.lib.query import known_query
from hromada.lib.throttle import wait_seconds
from hromada.web.stamps import PAGE_SECONDS, PAGES_CACHE, content_stamp, stamp_held

DEFAULT_RATE_LIMIT = 120  # requests per minute and client address; 0 turns the limit off
READ_METHODS = frozenset({"GET", "HEAD"})
# Pages about the API itself, not about data: no data ETag for them.
UNCACHED_SUFFIXES = ("/openapi.json", "/docs")
View = Callable[..., HttpResponse]
# Larger answers are not kept: they are rare, and would crowd out the rest.
KEPT_BYTES = 4 * 1024 * 1024
ANSWER_KEY = "hromada-api-answer:"


def rate_limit() -> int:
    return int(getattr(settings, "HROMADA_API_RATE_LIMIT", DEFAULT_RATE_LIMIT))


def over_limit(request: HttpRequest) -> int:
    """Seconds until the client may ask again; 0 while it is within its limit. Counted in
    the shared cache (hromada.lib.throttle), so all app processes count together."""
    return wait_seconds("api", client_ip(request), rate_limit())


def has_valid_token(request: HttpRequest) -> bool:
    """A request with an active token is not limited by address (an invalid one is)."""
    scheme, _, secret = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() != "bearer" or not secret:
        return False
    active = ApiToken.objects.filter(key_hash=digest(secret.strip()), revoked_at__isnull=True)
    return active.exists()


@functools.cache
def api_parameters() -> frozenset[str]:
    """Every query parameter some endpoint of the API declares (from its OpenAPI schema)."""
    from hromada.api.api import api

    schema = api.get_openapi_schema()
    return frozenset(
        parameter["name"]
        for operations in schema["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query"
    )


def answer_path(request: HttpRequest) -> str:
    """The path with the declared parameters only: a throwaway `?x=1` shares the answer."""
    query = known_query(request.GET, api_parameters()).urlencode()
    return f"{request.path}?{query}" if query else request.path


def language_of(request: HttpRequest) -> str:
    """The first language of Accept-Language that the site speaks; Ukrainian otherwise.

    The API has no language prefix in its paths, so LocaleMiddleware would always choose the
    default; the API follows the header alone (not the site's language cookie), as its
    guide says, and the header is part of the cache key.
    """
    header = request.headers.get("Accept-Language", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return str(settings.LANGUAGE_CODE)


def etag_for(request: HttpRequest, version: int, stamp: str) -> str:
    accept = request.headers.get("Accept", "")
    language = language_of(request)
    key = f"{answer_path(request)}|{accept}|{language}|{stamp}"
    return f'W/"v{version}-{hashlib.sha256(key.encode()).hexdigest()[:20]}"'


def _kept(etag: str) -> HttpResponse | None:
    """The answer kept for this ETag, rebuilt as a fresh response."""
    stored = caches[PAGES_CACHE].get(ANSWER_KEY + etag)
    if stored is None:
        return None
    content, headers = stored
    return HttpResponse(content, headers=headers)


def _keep(etag: str, response: HttpResponse) -> None:
    if getattr(response, "streaming", False) or len(response.content) > KEPT_BYTES:
        return
    kept = (response.content, dict(response.items()))
    caches[PAGES_CACHE].set(ANSWER_KEY + etag, kept, PAGE_SECONDS)


def _matches(header: str, etag: str) -> bool:
    tags = {tag.strip() for tag in header.split(",")}
    return "*" in tags or etag in tags or etag.removeprefix("W/") in tags


def citizen(view: View) -> View:
    """Wrap one URL view of the API with the rate limit and conditional GETs."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            return HttpResponse(status=204)
        # Activated, not overridden: a streamed CSV writes its names after the view returns.
        translation.activate(language_of(request))
        if not has_valid_token(request):
            wait = over_limit(request)
            if wait:
                detail = f"More than {rate_limit()} requests a minute; try again in {wait} s."
                response = problem(request, 429, detail, headers={"Retry-After": str(wait)})
                return response
        private = "HTTP_AUTHORIZATION" in request.META
        cached = (
            request.method in READ_METHODS
            and not private
            and not request.path.endswith(UNCACHED_SUFFIXES)
        )
        if cached:
            stamp = content_stamp()
            etag = etag_for(request, stamp.version, stamp.key)
            if _matches(request.headers.get("If-None-Match", ""), etag):
                response = HttpResponse(status=304)
                response["ETag"] = etag
                return response
        head = request.method == "HEAD"
        if head:  # answered as a GET without the body, so HEAD works wherever GET does
            request.method = "GET"
        kept = _kept(etag) if cached else None
        try:
            if kept is not None:
                response = kept
            elif cached:
                with stamp_held(stamp):  # the view answers for the ETag's stamp
                    response = view(request, *args, **kwargs)
            else:
                response = view(request, *args, **kwargs)
        except Http404:  # the bare root: ninja's own view raises instead of answering
            response = problem(request, 404, "See /api/v1/docs for the endpoints of this API.")
        if cached and kept is None and response.status_code == 200:
            _keep(etag, response)
        if response.status_code == 405 and "problem" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            response = problem(request, 405, f"Use one of: {allowed}.", headers={"Allow": allowed})
        if private:
            response["Cache-Control"] = "private, no-store"
        elif cached and response.status_code == 200:
            response["ETag"] = etag
            if stamp.published_at is not None:
                response["Last-Modified"] = http_date(stamp.published_at.timestamp())
            response["Cache-Control"] = "public, max-age=60"
            response["Vary"] = "Accept, Accept-Language"
        if head:
            request.method = "HEAD"
            if getattr(response, "streaming", False):
                response = HttpResponse(status=response.status_code, headers=dict(response.items()))
            else:
                response.content = b""
        return response

    return wrapped
