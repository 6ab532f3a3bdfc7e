"""Where practices are linked from: the page of the hromada that started or took one up, and
the page of each indicator a practice targets."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hromada.indicators.models import Indicator
from hromada.indicators.related import RelatedLink
from hromada.learning.models import Practice, PracticeState
from hromada.territories.models import Level, Territory
from hromada.territories.panels import Panel

SHOWN = 10


def practices_panel(request: HttpRequest, territory: Territory) -> Panel | None:
    if territory.level != Level.HROMADA:
        return None
    found = list(
        Practice.objects.filter(state=PracticeState.PUBLISHED)
        .filter(Q(hromada=territory) | Q(adoptions__hromada=territory))
        .select_related("hromada")
        .distinct()
        .order_by("-pk")[:SHOWN]
    )
    if not found:
        return None
    return Panel("learning/panel_practices.html", {"territory": territory, "practices": found})


def practice_links(indicator: Indicator) -> list[RelatedLink]:
    """Published practices that name the indicator among their targets."""
    found = Practice.objects.filter(state=PracticeState.PUBLISHED, target_indicators=indicator)
    links = []
    for practice in found.order_by("-pk")[:SHOWN]:
        title = practice.shown_title
        url = reverse("learning:practice", args=[practice.pk])
        links.append(RelatedLink(str(_("best practice")), title.text, url, title.in_ukrainian))
    return links
