from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from hromada.members import queries
from hromada.members.panels import membership_panel
from hromada.territories import panels
from hromada.territories.models import HromadaType
from tests import factories
from tests.conftest import Personas
from tests.members.factories import make_membership

pytestmark = pytest.mark.django_db


def test_overview_counts_active_members_by_type(personas: Personas) -> None:
    raion = personas.hromada.raion
    assert raion is not None
    make_membership(personas.hromada)
    make_membership(factories.make_hromada(raion, hromada_type=HromadaType.CITY))
    make_membership(factories.make_hromada(raion, hromada_type=HromadaType.SETTLEMENT))
    make_membership(personas.other_hromada, status="left", left_on=dt.date(2020, 1, 1))
    overview = queries.member_overview()
    assert overview.total == 3
    assert overview.by_type == {"city": 1, "settlement": 1, "village": 1}


def test_member_hromadas_and_counts_by_oblast_leave_out_inactive_members(
    personas: Personas,
) -> None:
    make_membership(personas.hromada)
    make_membership(personas.other_hromada, status="suspended")
    assert list(queries.member_hromadas()) == [personas.hromada]
    assert queries.member_counts_by_oblast() == {personas.oblast.pk: 1}


def test_membership_of_a_territory(personas: Personas) -> None:
    membership = make_membership(personas.hromada)
    assert queries.membership_of(personas.hromada) == membership
    assert queries.membership_of(personas.other_hromada) is None


def test_the_panel_is_registered_for_the_territory_page(personas: Personas) -> None:
    request = RequestFactory().get("/")
    request.user = personas.official
    make_membership(personas.hromada)
    built = panels.panels_for(request, personas.hromada)
    ours = [p for p in built if p.template == "members/panel_membership.html"]
    assert len(ours) == 1
    html = render_to_string(ours[0].template, ours[0].context, request=request)
    assert reverse("members:workspace", args=[personas.hromada.code]) in html


def test_the_panel_offers_the_workspace_only_to_those_who_may_open_it(
    personas: Personas,
) -> None:
    make_membership(personas.hromada)
    request = RequestFactory().get("/")
    request.user = personas.official
    own = membership_panel(request, personas.hromada)
    request.user = personas.outsider
    public = membership_panel(request, personas.hromada)
    assert own is not None and own.context["can_open_workspace"] is True
    assert public is not None and public.context["can_open_workspace"] is False


def test_the_panel_says_when_a_hromada_is_not_a_member_and_skips_oblasts(
    personas: Personas,
) -> None:
    request = RequestFactory().get("/")
    request.user = personas.outsider
    panel = membership_panel(request, personas.other_hromada)
    assert panel is not None and panel.context["membership"] is None
    assert membership_panel(request, personas.oblast) is None
