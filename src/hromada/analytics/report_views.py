"""Aggregates, pivot, similar hromadas and the profile PDF."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from hromada.analytics.aggregate_page import GROUPINGS, aggregate_page
from hromada.analytics.compare import MAX_HROMADAS
from hromada.analytics.page_cache import body_key
from hromada.analytics.params import PROFILE_PARAMS, integer
from hromada.analytics.pdf import profile_pdf_bytes
from hromada.analytics.peers import DEFAULT_PEERS
from hromada.analytics.pivot import PivotRequest, build_pivot
from hromada.analytics.profile import build_profile
from hromada.analytics.similar import similar_hromadas
from hromada.indicators.models import Indicator
from hromada.indicators.population_bands import POPULATION_CODE
from hromada.lib.table_files import table_response
from hromada.lib.throttle import throttled
from hromada.territories.models import HromadaType, Level, Territory
from hromada.web.stamps import PAGE_SECONDS, PAGES_CACHE


def _hromada(code: str) -> Territory:
    return get_object_or_404(
        Territory.objects.select_related("oblast"), code=code, level=Level.HROMADA
    )


@throttled
def profile_pdf(request: HttpRequest, code: str) -> HttpResponse:
    territory = _hromada(code)
    key = body_key(request, "profile-pdf", PROFILE_PARAMS)
    cache = caches[PAGES_CACHE]
    body: bytes | None = cache.get(key)
    if body is None:
        # Rendering takes about two seconds of CPU; the same file is served until the
        # next publication changes the content stamp in the key.
        page = build_profile(territory, request.GET.get("peers", DEFAULT_PEERS))
        if page is None:
            raise Http404
        body = profile_pdf_bytes(page, request.build_absolute_uri("/"))
        cache.set(key, body, PAGE_SECONDS)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="profile-{territory.code}.pdf"'
    return response


def _weights(request: HttpRequest) -> list[float]:
    out = []
    for text in request.GET.getlist("w"):
        try:
            out.append(min(max(float(text.replace(",", ".")), 0.0), 10.0))
        except ValueError:
            out.append(1.0)
    return out


@throttled
def similar(request: HttpRequest, code: str) -> HttpResponse:
    territory = _hromada(code)
    result = similar_hromadas(territory, request.GET.getlist("i"), _weights(request))
    if result is None:
        raise Http404
    rows = list(zip(result.indicators, result.weights, result.own_values, strict=True))
    # One click from the neighbours to Compare: this hromada, the nearest ones, the indicators.
    peers = [n.code for n in result.neighbours[: MAX_HROMADAS - 1]]
    compare_query = urlencode(
        [("h", territory.code), *(("h", c) for c in peers)]
        + [("i", item.code) for item in result.indicators]
    )
    context = {
        "result": result,
        "territory": territory,
        "chosen": rows,
        "compare_query": compare_query,
        "compare_count": len(peers),
    }
    return render(request, "analytics/similar.html", context)


@throttled
def aggregates(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("indicator", POPULATION_CODE)
    indicator = Indicator.objects.filter(code=code).select_related("area").first()
    if indicator is None:
        indicator = Indicator.objects.filter(is_active=True).select_related("area").first()
    if indicator is None:
        return render(request, "analytics/aggregates.html", {"page": None})
    page = aggregate_page(
        indicator, request.GET.get("by", "oblast"), integer(request.GET.get("year"))
    )
    file_format = request.GET.get("format", "")
    if file_format in {"csv", "xlsx"}:
        header = [
            _("group"),
            _("year"),
            _("value"),
            _("hromadas reported"),
            _("hromadas in the group"),
            _("share of population covered, %"),
        ]
        rows = [
            [
                r.name,
                page.year or "",
                r.raw if r.raw is not None else "",
                r.reported,
                r.members,
                r.population_share,
            ]
            for r in page.rows
        ]
        return table_response(f"aggregates-{indicator.code}-{page.by}", file_format, header, rows)
    context = {
        "page": page,
        "groupings": GROUPINGS,
        "indicators": Indicator.objects.filter(is_active=True).select_related("area"),
        "query": request.GET.urlencode(),
    }
    return render(request, "analytics/aggregates.html", context)


@throttled
def pivot(request: HttpRequest) -> HttpResponse:
    query = request.GET
    pivot_request = PivotRequest(
        rows=query.get("rows", "hromada"),
        columns=query.get("columns", "year"),
        indicators=tuple(query.getlist("i")),
        year=integer(query.get("year")),
        oblast=integer(query.get("oblast")),
        hromada_type=query.get("type", "") if query.get("type", "") in HromadaType.values else "",
        members=query.get("members") == "1",
    )
    table = build_pivot(pivot_request)
    if query.get("format") in {"csv", "xlsx"}:
        header = [_("row"), _("KATOTTG code"), *table.header]
        rows = [[r.label, r.code, *[v if v is not None else "" for v in r.raw]] for r in table.rows]
        return table_response("pivot", query.get("format", "csv"), header, rows)
    context = {
        "table": table,
        "types": HromadaType.choices,
        "chosen": [item.code for item in table.indicators],
        "query": query.urlencode(),
        # The codifier numbers oblasts in the order of the Ukrainian alphabet.
        "oblasts": Territory.objects.oblasts().order_by("code"),
    }
    return render(request, "analytics/pivot.html", context)
