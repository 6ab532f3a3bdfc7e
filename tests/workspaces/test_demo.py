"""The demo's workspaces: chaired sections with meetings, news in every state."""

from __future__ import annotations

from django.core import mail
from django.test import Client
from django.urls import reverse

from hromada.members.models import RegionalBranch, Section
from hromada.workspaces.demo import build_workspaces_demo
from hromada.workspaces.models import Affiliation, Chair, DigestSent, Meeting, NewsItem, OptOut
from tests.conftest import Personas
from tests.members.factories import make_membership
from tests.workspaces.factories import a_section


def test_the_demo_official_chairs_a_section_and_news_wait_in_every_state(
    client: Client, personas: Personas
) -> None:
    make_membership(personas.hromada)
    RegionalBranch.objects.create(oblast=personas.oblast, name_uk="Полтавське відділення")
    summary = build_workspaces_demo()
    assert summary.meetings == Section.objects.filter(is_active=True).count() == 15
    assert Chair.objects.filter(person__email=personas.official.email).exists()
    assert set(NewsItem.objects.values_list("state", flat=True)) == {"published", "submitted"}
    assert list(OptOut.objects.values_list("topic", flat=True)) == ["events"]
    page = client.get(reverse("workspaces:news")).content.decode()
    assert "Асоціація оновила інформаційну систему" in page
    assert "Стартує збір статистики громад" not in page  # scheduled for next week
    assert "Регіональне відділення провело нараду" in page
    # Every section has a meeting and news; the demo oblast's branch has its news.
    for section in Section.objects.filter(is_active=True):
        assert Meeting.objects.filter(section=section).exists(), section
        assert NewsItem.objects.filter(section=section).exists(), section
    assert NewsItem.objects.filter(oblast=personas.oblast, state="published").exists()
    # The digest went to the first section through the queue, without the stopped topic.
    assert DigestSent.objects.filter(person__email=personas.official.email).exists()
    assert len(mail.outbox) == 1
    assert "затвердила план роботи" in mail.outbox[0].body
    # The CEMR membership and a partner project on the first section's page.
    assert Affiliation.objects.get().acronym == "CEMR"
    section_page = client.get(reverse("workspaces:section", args=[a_section().code]))
    assert "Енергоефективні громади" in section_page.content.decode()
    # Running it again changes nothing.
    assert build_workspaces_demo() == summary
