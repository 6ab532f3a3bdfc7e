"""The app side of the ranking and the profile: server time of the real pages.

Runs in a worker process with Django set up. Each page is requested with Django's test
client (the whole stack: URL routing, middleware, the query functions, the cache, the
template), once untimed to load code and templates, then `repeat` times: the cache is
cleared and the page requested twice, the first (cold cache) and the second (warm cache)
request timed.
"""

from __future__ import annotations

import time
from typing import Any

from bench.queries import subjects

HOST = "127.0.0.1"


def ensure_published() -> int:
    """Make the generated values visible to the public pages: they read published data only,
    as of the newest Publication row. Adds that row if there is none; returns its id."""
    from hromada.indicators.models import Observation, Publication

    latest = Publication.objects.order_by("-pk").first()
    if latest is not None:
        return latest.pk
    count = Observation.objects.filter(status="published").count()
    made = Publication.objects.create(reason="benchmark data", values_count=count)
    return made.pk


def page_addresses(cursor: Any, marker: str) -> dict[str, str]:
    """The ranking page of the measured indicator-year and the profile of the measured
    hromada: the same subjects as the raw SQL baselines."""
    indicator_id, year, territory_id = subjects(cursor)
    cursor.execute(f"SELECT code FROM indicators_indicator WHERE id = {marker}", (indicator_id,))
    indicator = cursor.fetchone()[0]
    cursor.execute(f"SELECT code FROM territories_territory WHERE id = {marker}", (territory_id,))
    hromada = cursor.fetchone()[0]
    return {
        "ranking": f"/analytics/indicator/{indicator}/?year={year}",
        "profile": f"/territories/{hromada}/profile/",
        "api": f"/api/v1/rankings?indicator={indicator}&year={year}",
    }


def time_page(address: str, repeat: int) -> dict[str, Any]:
    from django.core.cache import caches
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    first = client.get(address)
    if first.status_code != 200:
        raise RuntimeError(f"GET {address} answered {first.status_code}")
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(repeat):
        for each in caches.all():  # the value arrays and the rendered bodies
            each.clear()
        for series in (cold, warm):
            start = time.perf_counter()
            response = client.get(address)
            series.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise RuntimeError(f"GET {address} answered {response.status_code}")
    return {"cold": cold, "seconds": warm, "bytes": len(first.content), "address": address}
