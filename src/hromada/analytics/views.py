"""Analytics pages: thin views over queries in profile, ranking, compare and aggregates."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from hromada.analytics import charts, geo
from hromada.analytics.compare import MAX_HROMADAS, Comparison, comparison, long_rows
from hromada.analytics.formatting import number
from hromada.analytics.page_cache import cached_body
from hromada.analytics.params import (
    PROFILE_PARAMS,
    RANKING_PARAMS,
    integer,
    ranking_filters,
    with_param,
)
from hromada.analytics.peers import DEFAULT_PEERS
from hromada.analytics.profile import Profile, build_profile
from hromada.analytics.ranking import RankingPage, ranking_page
from hromada.indicators import picking as indicator_picking
from hromada.indicators.models import Indicator, Polarity
from hromada.indicators.population_bands import BANDS
from hromada.lib.query import known_query
from hromada.lib.table_files import table_response
from hromada.lib.throttle import throttled
from hromada.territories import picking
from hromada.territories.models import HromadaType, Level, Territory

# The ranking table shows this many rows a page; the CSV and XLSX hold all of them.
RANKING_PAGE_SIZE = 50


def _hromada(code: str) -> Territory:
    return get_object_or_404(
        Territory.objects.select_related("oblast"), code=code, level=Level.HROMADA
    )


def methods(request: HttpRequest) -> HttpResponse:
    return render(request, "analytics/methods.html")


def index(request: HttpRequest) -> HttpResponse:
    indicators = Indicator.objects.filter(is_active=True).select_related("area")
    return render(request, "analytics/index.html", {"indicators": indicators})


@throttled
def profile(request: HttpRequest, code: str) -> HttpResponse:
    territory = _hromada(code)
    peers_key = request.GET.get("peers", DEFAULT_PEERS)

    def built() -> Profile:
        page = build_profile(territory, peers_key)
        if page is None:
            raise Http404
        return page

    file_format = request.GET.get("format", "")
    if file_format in {"csv", "xlsx"}:
        return table_response(f"profile-{territory.code}", file_format, *profile_table(built()))

    def context() -> dict[str, object]:
        page = built()
        return {"page": page, "territory": territory, "headline_charts": headline_charts(page)}

    body = cached_body(
        request, "profile", "analytics/profile_body.html", context, params=PROFILE_PARAMS
    )
    return render(request, "analytics/profile.html", {"territory": territory, "body": body})


def headline_charts(page: Profile, prefix: str = "headline") -> list[dict[str, object]]:
    return [
        {
            "row": row,
            "chart": charts.lines(
                f"{prefix}-{n}",
                row.indicator.name,
                _("Values of this hromada by year."),
                page.years,
                [{"name": page.territory.name, "values": row.series}],
                row.indicator.decimals,
                row.unit,
            ),
        }
        for n, row in enumerate(page.headline)
    ]


def profile_table(page: Profile) -> tuple[list[str], list[list[object]]]:
    header = [
        _("indicator code"),
        _("indicator"),
        _("year"),
        _("value"),
        _("unit"),
        _("compared value"),
        _("compared"),
        _("rank among all hromadas"),
        _("hromadas ranked"),
        _("rank among peers"),
        _("peers ranked"),
        _("percentile among peers"),
        _("why missing"),
    ]
    rows: list[list[object]] = []
    for area in page.areas:
        for row in area.rows:
            rows.append(
                [
                    row.indicator.code,
                    row.indicator.name,
                    row.year or "",
                    row.value,
                    row.unit,
                    row.compared,
                    row.compared_unit,
                    row.rank_all,
                    row.count_all or "",
                    row.rank_peer,
                    row.count_peer or "",
                    "" if row.percentile_peer is None else round(row.percentile_peer),
                    row.missing_note,
                ]
            )
    return header, rows


@throttled
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    item = get_object_or_404(Indicator.objects.select_related("area"), code=code)
    query = known_query(request.GET, RANKING_PARAMS)
    filters = ranking_filters(query)
    file_format = request.GET.get("format", "")
    if file_format in {"csv", "xlsx"}:
        page = ranking_page(item, filters)
        header = [
            _("KATOTTG code"),
            _("hromada"),
            _("oblast"),
            _("year"),
            _("value"),
            _("compared value"),
            _("compared"),
            _("rank among all hromadas"),
            _("rank in this selection"),
            _("percentile"),
        ]
        rows = [
            [
                r.code,
                r.name,
                r.oblast,
                page.year or "",
                r.raw if r.raw is not None else "",
                r.measure if r.measure is not None else "",
                page.measure_unit,
                r.rank_all,
                r.rank_here,
                r.percentile,
            ]
            for r in page.rows
        ]
        return table_response(f"ranking-{item.code}-{page.year}", file_format, header, rows)

    def context() -> dict[str, object]:
        page = ranking_page(item, filters)
        rows = Paginator([*page.ranked_rows, *page.unranked_rows], RANKING_PAGE_SIZE)
        shown = rows.get_page(request.GET.get("page"))
        return {
            "page": page,
            "shown": shown,
            "shown_ranked": [row for row in shown.object_list if row.rank_here],
            "shown_unranked": [row for row in shown.object_list if not row.rank_here],
            "page_links": page_links(query, shown.paginator.num_pages),
            "filters": filters,
            "bands": BANDS,
            "types": HromadaType.choices,
            "has_boundaries": geo.has_boundaries(),
            "sort_links": sort_links(query),
            "measure_links": measure_links(query),
            "summary": summary_text(page),
            "export_query": query.urlencode(),
            "charts": ranking_charts(page),
        }

    body = cached_body(
        request, "ranking", "analytics/indicator_body.html", context, params=RANKING_PARAMS
    )
    return render(request, "analytics/indicator.html", {"indicator": item, "body": body})


def ranking_charts(page: RankingPage) -> dict[str, dict[str, object]]:
    # The distribution and the map show the measure ranked (per resident where the
    # indicator grows with size); the national series stays in the indicator's own unit.
    item, decimals = page.indicator, page.measure_decimals
    year = page.year or ""
    described = (
        _(
            "How many hromadas of this selection fall in each range of values; "
            "the bar of %(name)s is highlighted."
        )
        % {"name": page.selected.name}
        if page.selected
        else _("How many hromadas of this selection fall in each range of values.")
    )
    trend = page.trend
    return {
        "distribution": charts.histogram(
            "distribution",
            _("Distribution in %(year)s") % {"year": year},
            described,
            page.histogram,
            decimals,
            _("number of hromadas"),
            _("value, %(unit)s") % {"unit": page.measure_unit} if page.measure_unit else _("value"),
        ),
        "map": charts.choropleth(
            "map",
            _("Map, %(year)s") % {"year": year},
            _("Hromadas coloured by value; grey where there is no value."),
            reverse("analytics:boundaries"),
            page.map_values,
            item.polarity if page.coloured else Polarity.NEUTRAL,
            decimals,
            page.measure_unit,
        ),
        "trend": charts.lines(
            "trend",
            _("Ukraine and oblast over time"),
            str(trend["note"])
            or _(
                "Aggregates follow the indicator's aggregation rule; "
                "derived indicators are ratios of sums."
            ),
            page.years,
            trend["series"],  # type: ignore[arg-type]
            page.measure_decimals,
            page.measure_unit,
        ),
    }


def page_links(query: QueryDict, pages: int) -> list[tuple[int, str]]:
    """(number, query string) of each page of the ranking table."""
    return [(n, with_param(query, "page", str(n))) for n in range(1, pages + 1)]


def sort_links(query: QueryDict) -> dict[str, str]:
    """A new order starts again on the first page."""
    query = query.copy()
    query.pop("page", None)
    links = {s: with_param(query, "sort", s) for s in ("rank", "name", "value", "oblast")}
    links["minus_value"] = with_param(query, "sort", "-value")
    return links


def measure_links(query: QueryDict) -> dict[str, str]:
    """Rank by the value as reported, or (the default) by the fair measure."""
    query = query.copy()
    query.pop("page", None)
    query.pop("measure", None)
    return {"raw": with_param(query, "measure", "raw"), "per": query.urlencode()}


def summary_text(page: RankingPage) -> dict[str, str]:
    if page.summary is None:
        return {}
    decimals = page.measure_decimals
    fields = ("minimum", "q1", "median", "q3", "maximum", "mad")
    return {name: number(getattr(page.summary, name), decimals) for name in fields}


def _geo_etag(request: HttpRequest) -> str:
    return geo.boundaries_stamp()


@condition(etag_func=_geo_etag)
def boundaries(request: HttpRequest) -> HttpResponse:
    body = geo.hromada_geojson(geo.boundaries_stamp())
    response = HttpResponse(body, content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@throttled
def compare(request: HttpRequest) -> HttpResponse:
    chosen = picking.resolve(request.GET.getlist("h")[: MAX_HROMADAS * 2], limit=MAX_HROMADAS)
    result = comparison(chosen.codes, request.GET.getlist("i"), integer(request.GET.get("year")))
    file_format = request.GET.get("format", "")
    if file_format in {"csv", "xlsx"}:
        header = [
            _("KATOTTG code"),
            _("hromada"),
            _("indicator code"),
            _("indicator"),
            _("year"),
            _("value"),
        ]
        return table_response("comparison", file_format, header, long_rows(result))
    chosen_indicators = [row.indicator.code for row in result.rows]
    context = {
        "result": result,
        "hromadas": chosen,
        "indicator_areas": indicator_picking.by_area(chosen_indicators),
        "max_hromadas": MAX_HROMADAS,
        "chosen_indicators": chosen_indicators,
        "query": request.GET.urlencode(),
        "charts": compare_charts(result),
    }
    return render(request, "analytics/compare.html", context)


def compare_charts(result: Comparison) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    names = [name for _, name in result.hromadas]
    for n, row in enumerate(result.rows):
        name, decimals = row.indicator.name, row.indicator.decimals
        lines: list[dict[str, object]] = [
            {"name": hromada, "values": values}
            for hromada, values in zip(names, row.series, strict=True)
        ]
        out.append(
            {
                "name": name,
                "lines": charts.lines(
                    f"lines-{n}",
                    _("%(name)s over the years") % {"name": name},
                    _("One line per hromada; gaps are years without a value."),
                    result.years,
                    lines,
                    decimals,
                    row.unit,
                ),
                "bars": charts.bars(
                    f"bars-{n}",
                    _("%(name)s in %(year)s") % {"name": name, "year": result.year},
                    _("One bar per hromada."),
                    names,
                    row.bars,
                    decimals,
                    row.unit,
                ),
            }
        )
    return out
