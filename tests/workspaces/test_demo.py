"""The demo's workspaces: chaired sections with meetings, news in every state."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from hromada.workspaces.demo import build_workspaces_demo
from hromada.workspaces.models import Chair, NewsItem, OptOut
from tests.conftest import Personas


def test_the_demo_official_chairs_a_section_and_news_wait_in_every_state(
    client: Client, personas: Personas
) -> None:
    summary = build_workspaces_demo()
    assert summary.meetings == 2
    assert Chair.objects.filter(person__email=personas.official.email).exists()
    assert set(NewsItem.objects.values_list("state", flat=True)) == {"published", "submitted"}
    assert list(OptOut.objects.values_list("topic", flat=True)) == ["events"]
    page = client.get(reverse("workspaces:news")).content.decode()
    assert "Асоціація оновила інформаційну систему" in page
    assert "Стартує збір статистики громад" not in page  # scheduled for next week
    assert "Регіональне відділення провело нараду" in page
    # Running it again changes nothing.
    assert build_workspaces_demo() == summary
