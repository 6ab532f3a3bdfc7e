"""Analysts set up the year's campaign: the questionnaire, who reports, dates, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from hromada.collection.campaign_actions import (
    CampaignSpec,
    ItemSpec,
    copy_campaign,
    create_campaign,
)
from hromada.collection.errors import CollectionError
from hromada.collection.models import Campaign, Item
from tests.collection.factories import GRADE1, PUPILS, make_campaign, make_questionnaire_indicators
from tests.conftest import Personas
from tests.indicators.factories import make_derived
from tests.members.factories import make_membership

pytestmark = pytest.mark.django_db


def spec(codes: list[str], hromadas: list[str] | None = None) -> CampaignSpec:
    return CampaignSpec(
        year=2024,
        name_uk="Збір 2024",
        opens_on=dt.date(2025, 1, 10),
        closes_on=dt.date(2025, 3, 1),
        items=[ItemSpec("Освіта", code) for code in codes],
        hromada_codes=hromadas,
    )


def test_a_campaign_asks_every_member_hromada_by_default(personas: Personas) -> None:
    make_questionnaire_indicators()
    make_membership(personas.hromada)
    campaign = create_campaign(spec([PUPILS, GRADE1]), by=personas.analyst)
    assert list(campaign.submissions.values_list("territory__code", flat=True)) == [
        personas.hromada.code
    ]
    assert [i.indicator.code for i in Item.objects.filter(campaign=campaign)] == [PUPILS, GRADE1]


def test_derived_indicators_are_refused_with_a_message(personas: Personas) -> None:
    make_questionnaire_indicators()
    make_derived("education.share_grade1", f"{GRADE1} / {PUPILS} * 100", area="education")
    with pytest.raises(CollectionError) as refused:
        create_campaign(
            spec([PUPILS, "education.share_grade1"], [personas.hromada.code]), by=personas.analyst
        )
    assert any("education.share_grade1" in line for line in refused.value.details)
    assert not Campaign.objects.exists()


def test_only_analysts_create_campaigns(personas: Personas) -> None:
    make_questionnaire_indicators()
    for user in (personas.official, personas.coordinator):
        with pytest.raises(PermissionDenied):
            create_campaign(spec([PUPILS], [personas.hromada.code]), by=user)


def test_copying_last_years_campaign_moves_it_a_year_on(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    copied = copy_campaign(campaign, by=personas.analyst)
    assert (copied.year, copied.opens_on.year) == (campaign.year + 1, campaign.opens_on.year + 1)
    assert "2025" in copied.name_uk
    assert copied.items.count() == 2 and copied.submissions.count() == 1


def test_the_campaign_page_creates_a_campaign_from_questionnaire_lines(personas: Personas) -> None:
    make_questionnaire_indicators()
    client = Client()
    client.force_login(personas.analyst)
    response = client.post(
        reverse("collection:create"),
        {
            "year": 2024,
            "name_uk": "Збір 2024",
            "opens_on": "2025-01-10",
            "closes_on": "2025-03-01",
            "reminder_days": "7, 1",
            "change_threshold": 40,
            "hromadas": personas.hromada.code,
            "questionnaire": (
                f"{PUPILS} | Освіта / Education | так\n"
                f"{GRADE1} | Освіта / Education | ні | 80 | Учні 1 класу"
            ),
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert (campaign.reminder_days, campaign.change_threshold) == ([7, 1], 0.4)
    grade1 = campaign.items.get(indicator__code=GRADE1)
    assert (grade1.required, grade1.change_threshold, grade1.help_uk) == (
        False,
        0.8,
        "Учні 1 класу",
    )
    assert campaign.sections.get().title_en == "Education"
    edit = client.get(reverse("collection:edit", args=[campaign.pk]))
    assert f"{GRADE1} | Освіта / Education" in edit.content.decode()


def test_officials_cannot_open_the_campaign_pages(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.official)
    assert client.get(reverse("collection:create")).status_code == 403
