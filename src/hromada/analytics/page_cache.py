"""Rendered bodies of the heavy analytics pages, kept under the content stamp.

The ranking and the profile compute ranks over every hromada; their body (everything but
the site's frame with the user's menu and CSRF token) depends only on the published data,
the registry, the language and the query parameters the page reads; others are ignored, so
a throwaway `?x=1` cannot bypass the cache. It is rendered once per content stamp
(hromada.web.stamps) and then served from the cache, so a page read by many people after a
publication is computed once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from hromada.lib.query import known_query
from hromada.web.stamps import PAGE_SECONDS, PAGES_CACHE, content_stamp

KEY_PREFIX = "analytics-body:"


def body_key(request: HttpRequest, kind: str, params: Iterable[str]) -> str:
    query = known_query(request.GET, params).urlencode()
    parts = f"{kind}|{content_stamp().key}|{get_language()}|{request.path}?{query}"
    return KEY_PREFIX + hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()


def cached_body(
    request: HttpRequest,
    kind: str,
    template: str,
    context: Callable[[], dict[str, Any]],
    *,
    params: Iterable[str],
) -> SafeString:
    """The body rendered from `template` with `context()`, which runs only on a miss (and
    may raise Http404 there). `params` names the query parameters the body depends on;
    `context()` must read no others."""
    key = body_key(request, kind, params)
    cache = caches[PAGES_CACHE]
    body: str | None = cache.get(key)
    if body is None:
        # Rendered without the request: no context processor, nothing about the user.
        body = render_to_string(template, context())
        cache.set(key, body, PAGE_SECONDS)
    return mark_safe(body)  # noqa: S308 - our own template's output
