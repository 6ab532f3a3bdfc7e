"""Analysts set up the year's campaign: the questionnaire, who reports, dates, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import translation

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


def _campaign_fields(personas: Personas) -> dict[str, object]:
    return {
        "year": 2024,
        "name_uk": "Збір 2024",
        "opens_on": "2025-01-10",
        "closes_on": "2025-03-01",
        "reminder_days": "7, 1",
        "change_threshold": 40,
        "hromadas": [personas.hromada.name_uk],
    }


def _questions(*rows: dict[str, object]) -> dict[str, object]:
    data: dict[str, object] = {"q-TOTAL_FORMS": len(rows), "q-INITIAL_FORMS": len(rows)}
    for n, row in enumerate(rows):
        data.update({f"q-{n}-{key}": value for key, value in row.items()})
    return data


def test_the_builder_adds_ticked_indicators_and_saves_them_in_the_numbered_order(
    personas: Personas,
) -> None:
    make_questionnaire_indicators()
    client = Client()
    client.force_login(personas.analyst)
    url = reverse("collection:create")
    # "Add" puts the ticked indicators into the questionnaire without saving anything.
    adding = {**_campaign_fields(personas), **_questions(), "add": [PUPILS, GRADE1]}
    added = client.post(url, {**adding, "action": "add"})
    assert not Campaign.objects.exists()
    cards = [form["code"].value() for form in added.context["questions"].forms]
    assert cards == [PUPILS, GRADE1]
    assert added.context["form"]["name_uk"].value() == "Збір 2024"
    # Save with GRADE1 moved first, given its own threshold and help, and optional.
    education = {"section_uk": "Освіта", "section_en": "Education"}
    pupils = {"code": PUPILS, "ORDER": 2, "required": "on", **education}
    grade1 = {"code": GRADE1, "ORDER": 1, "threshold": "80", "help_uk": "Учні 1 класу"}
    fields = {**_campaign_fields(personas), **_questions(pupils, {**grade1, **education})}
    response = client.post(url, {**fields, "action": "save"})
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert (campaign.reminder_days, campaign.change_threshold) == ([7, 1], 0.4)
    assert [i.indicator.code for i in campaign.items.order_by("order")] == [GRADE1, PUPILS]
    grade1 = campaign.items.get(indicator__code=GRADE1)
    assert (grade1.required, grade1.change_threshold, grade1.help_uk) == (
        False,
        0.8,
        "Учні 1 класу",
    )
    assert campaign.sections.get().title_en == "Education"
    assert list(campaign.submissions.values_list("territory", flat=True)) == [personas.hromada.pk]
    edit = client.get(reverse("collection:edit", args=[campaign.pk])).content.decode()
    assert f'value="{GRADE1}"' in edit and 'value="Учні 1 класу"' not in edit
    assert "Учні 1 класу</textarea>" in edit
    assert f'name="hromadas" value="{personas.hromada.code}" checked' in edit


def test_a_removed_question_goes_and_an_empty_questionnaire_is_refused(
    personas: Personas,
) -> None:
    make_questionnaire_indicators()
    client = Client()
    client.force_login(personas.analyst)
    row = {"code": PUPILS, "ORDER": 1, "section_uk": "Освіта", "DELETE": "on"}
    response = client.post(
        reverse("collection:create"),
        {**_campaign_fields(personas), **_questions(row), "action": "save"},
    )
    assert response.status_code == 200
    assert not Campaign.objects.exists()
    with translation.override("uk"):
        expected = translation.gettext("The questionnaire has no indicators.")
    assert expected in response.content.decode()


def test_officials_cannot_open_the_campaign_pages(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.official)
    assert client.get(reverse("collection:create")).status_code == 403
