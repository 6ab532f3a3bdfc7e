"""Rate limits kept in Django's cache, so every app process counts the same requests.

A counter per client and fixed window lives in the `default` cache: Redis in production
(HROMADA_CACHE_URL), shared by all workers and machines; local memory otherwise (one process,
as in development and tests). The API limits anonymous clients by address; the expensive
pages (rankings, profiles and their PDF, comparisons, aggregates, the pivot, data exports)
limit every client, a signed-in person by account and a visitor by address.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string

WINDOW = 60  # seconds; limits are per minute
View = Callable[..., HttpResponseBase]


def wait_seconds(scope: str, client: str, limit: int, *, window: int = WINDOW) -> int:
    """Count one request of `client`; the seconds until it may ask again, 0 within its limit.

    `limit` requests per fixed window; 0 or less turns the limit off."""
    if limit <= 0:
        return 0
    now = int(time.time())
    slot = now // window
    name = hashlib.blake2b(client.encode(), digest_size=12).hexdigest()
    key = f"hromada-rate:{scope}:{name}:{slot}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count <= limit:
        return 0
    return (slot + 1) * window - now or 1


def client_of(request: HttpRequest) -> str:
    """A signed-in person by account (a whole office may share one address), others by
    address."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"address:{request.META.get('REMOTE_ADDR', '')}"


def page_limit() -> int:
    return int(settings.HROMADA_PAGE_RATE_LIMIT)


def too_many_requests(request: HttpRequest, wait: int) -> HttpResponse:
    # The page lives with the site's other templates (hromada.web).
    body = render_to_string(
        "web/too_many_requests.html", {"wait": wait, "limit": page_limit()}, request=request
    )
    return HttpResponse(body, status=429, headers={"Retry-After": str(wait)})


def throttled(view: View) -> View:
    """Limit an expensive page to HROMADA_PAGE_RATE_LIMIT requests a minute per client."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        wait = wait_seconds("page", client_of(request), page_limit())
        if wait:
            return too_many_requests(request, wait)
        return view(request, *args, **kwargs)

    return wrapped
