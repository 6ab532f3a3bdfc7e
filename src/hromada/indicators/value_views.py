"""One value of one territory: its current state and every change that led to it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hromada.indicators.data_queries import value_page
from hromada.indicators.models import Indicator
from hromada.indicators.units import unit_label
from hromada.territories.models import Territory


def value_detail(
    request: HttpRequest, territory_code: str, indicator_code: str, year: int
) -> HttpResponse:
    territory = get_object_or_404(Territory, code=territory_code)
    indicator = get_object_or_404(Indicator.objects.select_related("area"), code=indicator_code)
    page = value_page(request.user, territory, indicator, year)
    if not page.observations and not page.changes:
        raise Http404
    context = {"page": page, "unit": unit_label(indicator.unit)}
    return render(request, "indicators/value_detail.html", context)
