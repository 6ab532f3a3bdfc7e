"""One number reader and one verdict behind every face (issue 11, part 1)."""

from __future__ import annotations

import pytest

from hromada.collection.validation.verdict import Answer, check_answers
from hromada.indicators.models import Observation
from tests.collection.factories import GRADE1, PUPILS, YEAR, indicator, make_campaign
from tests.collection.test_entry import HTMX, field_url, signed_in
from tests.collection.test_excel import download, filled, upload
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"), [("12.345,0", 12345.0), ("1,234.0", 1234.0), ("\u22125", -5.0)]
)
def test_the_web_form_reads_ukrainian_and_english_forms_and_the_unicode_minus(
    personas: Personas, typed: str, stored: float
) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    client.post(field_url(campaign.pk, personas.hromada.code), {"value": typed}, headers=HTMX)
    assert Observation.all_objects.get(indicator__code=PUPILS, year=YEAR).value == stored


def test_a_number_that_reads_two_ways_is_refused_naming_both(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    url = field_url(campaign.pk, personas.hromada.code)
    html = client.post(url, {"value": "1,234"}, headers=HTMX).content.decode()
    assert "1 234" in html and "1.234" in html
    assert not Observation.all_objects.filter(indicator__code=PUPILS).exists()


def test_an_unusual_value_warns_until_a_comment_explains_it(personas: Personas) -> None:
    code = "budget.revenue.corporate_tax"
    indicator(
        code, area="budget", unit="thousand UAH", value_type="decimal", decimals=1, min_value=0.0
    )
    campaign = make_campaign([personas.hromada], codes=[code])
    territory = personas.hromada.pk
    refunds = Answer(territory, code, -12.5)
    verdict = check_answers(campaign, [refunds], territory_ids=[territory])
    assert verdict.ok  # not an error: Treasury amounts net of refunds can be negative
    assert [f.kind for f in verdict.unexplained] == ["range_unusual"]
    explained = Answer(territory, code, -12.5, comment="Повернення податку більші за надходження")
    assert check_answers(campaign, [explained], territory_ids=[territory]).unexplained == []


def test_an_impossible_value_is_an_error_whatever_the_comment(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    territory = personas.hromada.pk
    answer = Answer(territory, PUPILS, -3.0, comment="так є")
    verdict = check_answers(campaign, [answer], territory_ids=[territory])
    assert [f.kind for f in verdict.errors if f.code == PUPILS] == ["range_impossible"]


def test_a_workbook_text_cell_is_read_like_the_web_form_reads_it(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    content = download(client, campaign.pk, personas.hromada.code)
    typed = filled(content, {PUPILS: "1.234,0", GRADE1: "\u22120"})
    page = upload(client, campaign.pk, personas.hromada.code, typed)
    assert not page.startswith("REFUSED"), page[:300]
    stored = dict(Observation.all_objects.values_list("indicator__code", "value"))
    assert stored == {PUPILS: 1234.0, GRADE1: 0.0}


def test_a_workbook_cell_that_reads_two_ways_is_refused_naming_both(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    content = download(client, campaign.pk, personas.hromada.code)
    page = upload(client, campaign.pk, personas.hromada.code, filled(content, {PUPILS: "1,234"}))
    assert page.startswith("REFUSED") and "1 234" in page and "1.234" in page
    assert not Observation.all_objects.exists()
