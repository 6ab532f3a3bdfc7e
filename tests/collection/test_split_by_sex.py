"""Indicators split by sex: the official gives the total and the values for women and men,
on the web and in Excel; the three must agree, and move through review together."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from hromada.collection.errors import CollectionError
from hromada.collection.models import Campaign
from hromada.collection.workflow_actions import (
    submit_submission,
    verify_submission,
)
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Indicator, Observation
from hromada.territories.models import Territory
from tests.collection.factories import PUPILS, YEAR, indicator, make_campaign, submission
from tests.conftest import Personas
from tests.releases.factories import release

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
RESIDENTS = "demography.residents"
AREA = "demography.area_share"


def split_campaign(hromadas: list[Territory], code: str = RESIDENTS) -> Campaign:
    indicator(RESIDENTS, area="demography", by_sex=True)
    indicator(AREA, area="demography", by_sex=True, value_type="decimal", decimals=1, unit="%")
    return make_campaign(hromadas, codes=[code, PUPILS], required=False)


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def field(client: Client, campaign: Campaign, code: str, data: dict[str, str]) -> str:
    hromada = campaign.submissions.get().territory.code
    url = reverse("collection:field", args=[campaign.pk, hromada, code])
    return str(client.post(url, data, headers=HTMX).content.decode())


def stored(hromada: Territory, code: str = RESIDENTS) -> dict[str, tuple[float | None, str]]:
    rows = Observation.all_objects.filter(territory=hromada, indicator__code=code, year=YEAR)
    return {o.sex: (o.value, o.status) for o in rows}


def put_parts(hromada: Territory, year: int, values: dict[str, float]) -> None:
    measure = Indicator.objects.get(code=RESIDENTS)
    items = [ValueInput(hromada.pk, measure.pk, year, sex, v, "") for sex, v in values.items()]
    record_observations(items, by=None, reason="import", status="published")


def test_the_form_shows_women_and_men_beside_the_total_with_last_years(
    personas: Personas,
) -> None:
    campaign = split_campaign([personas.hromada])
    put_parts(personas.hromada, YEAR - 1, {"": 9100.0, "f": 4730.0, "m": 4370.0})
    client = signed_in(personas.official)
    html = client.get(
        reverse("collection:entry", args=[campaign.pk, personas.hromada.code])
    ).content.decode()
    for sex in ("f", "m"):
        assert f'<label for="value-{RESIDENTS}-{sex}">' in html
        assert f'name="value_{sex}"' in html and f'name="missing_{sex}"' in html
    assert "Жінки" in html and "Чоловіки" in html
    assert "4730" in html.replace("\xa0", "").replace(" ", "")
    assert "4370" in html.replace("\xa0", "").replace(" ", "")
    assert 'name="value_f"' not in html.split(f'id="row-{PUPILS}"')[1]


def test_women_and_men_are_saved_as_drafts_with_the_total(personas: Personas) -> None:
    campaign = split_campaign([personas.hromada])
    answer = field(
        signed_in(personas.official), campaign, RESIDENTS,
        {"value": "9 000", "value_f": "4 700", "value_m": "4 300"},
    )  # fmt: skip
    assert "field-flags" not in answer
    assert stored(personas.hromada) == {
        "": (9000.0, "draft"), "f": (4700.0, "draft"), "m": (4300.0, "draft"),
    }  # fmt: skip


def test_women_and_men_that_do_not_add_up_to_the_total_are_an_error(personas: Personas) -> None:
    campaign = split_campaign([personas.hromada])
    client = signed_in(personas.official)
    answer = field(client, campaign, RESIDENTS, {"value": "9000", "value_f": "4700",
                                                 "value_m": "4200"})  # fmt: skip
    assert "field-flags" in answer and "8" in answer and "9" in answer
    target = submission(campaign, personas.hromada)
    with pytest.raises(CollectionError) as refused:
        submit_submission(target, by=personas.official)
    assert any(RESIDENTS in detail for detail in refused.value.details)


def test_decimals_agree_within_the_indicators_last_decimal_place(personas: Personas) -> None:
    campaign = split_campaign([personas.hromada], code=AREA)
    client = signed_in(personas.official)
    close = field(client, campaign, AREA, {"value": "10,0", "value_f": "4,96", "value_m": "5,04"})
    assert "field-flags" not in close
    off = field(client, campaign, AREA, {"value": "10,0", "value_f": "4,9", "value_m": "5,3"})
    assert "field-flags" in off


def test_each_part_is_checked_alone_and_against_the_total(personas: Personas) -> None:
    campaign = split_campaign([personas.hromada])
    client = signed_in(personas.official)
    larger = field(client, campaign, RESIDENTS, {"value": "100", "value_f": "150",
                                                 "value_m": "0"})  # fmt: skip
    assert "150" in larger and "100" in larger
    negative = field(client, campaign, RESIDENTS, {"value": "", "value_f": "-5", "value_m": ""})
    assert "field-flags" in negative
    alone = field(client, campaign, RESIDENTS, {"value": "100", "value_f": "60", "value_m": ""})
    assert "чоловік" in alone or "men" in alone
    reason = field(client, campaign, RESIDENTS, {"value": "100", "value_f": "",
                                                 "missing_f": "confidential", "value_m": "",
                                                 "missing_m": "confidential"})  # fmt: skip
    assert "field-flags" in reason
    explained = field(client, campaign, RESIDENTS, {"value": "100", "value_f": "",
                                                    "missing_f": "confidential", "value_m": "",
                                                    "missing_m": "confidential",
                                                    "comment": "Дані закриті"})  # fmt: skip
    assert "field-flags" not in explained
    parts = Observation.all_objects.filter(indicator__code=RESIDENTS, sex__in=["f", "m"])
    assert {(o.sex, o.value, o.missing) for o in parts} == {
        ("f", None, "confidential"), ("m", None, "confidential"),
    }  # fmt: skip


def test_the_split_moves_through_review_and_publication_with_the_total(
    personas: Personas,
) -> None:
    campaign = split_campaign([personas.hromada])
    client = signed_in(personas.official)
    field(client, campaign, RESIDENTS, {"value": "9000", "value_f": "4700", "value_m": "4300"})
    field(client, campaign, PUPILS, {"value": "500"})
    target = submission(campaign, personas.hromada)
    submit_submission(target, by=personas.official)
    assert {status for _v, status in stored(personas.hromada).values()} == {"submitted"}
    verify_submission(submission(campaign, personas.hromada), by=personas.coordinator)
    release(campaign.year, by=personas.analyst)
    assert stored(personas.hromada) == {
        "": (9000.0, "published"), "f": (4700.0, "published"), "m": (4300.0, "published"),
    }  # fmt: skip
    assert Observation.objects.filter(indicator__code=RESIDENTS, sex="f").count() == 1


def workbook(client: Client, campaign: Campaign, code: str) -> io.BytesIO:
    url = reverse("collection:workbook", args=[campaign.pk, code])
    return io.BytesIO(client.get(url).content)


def upload(client: Client, campaign: Campaign, code: str, content: bytes) -> str:
    file = SimpleUploadedFile("filled.xlsx", content)
    url = reverse("collection:upload", args=[campaign.pk, code])
    response = client.post(url, {"file": file}, follow=True)
    text = str(response.content.decode())
    return text if response.status_code == 200 else f"REFUSED {text}"


def filled(content: io.BytesIO, values: dict[tuple[str, str], object]) -> bytes:
    """Values by (indicator code, sex column text) in the Value column (H)."""
    book = load_workbook(content)
    for row in book["Data"].iter_rows(min_row=2):
        key = (str(row[2].value), str(row[4].value))
        if key in values:
            row[7].value = values[key]
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


TOTAL, WOMEN, MEN = "усього / total", "жінки / women", "чоловіки / men"


def split_values(women: float, men: float) -> dict[tuple[str, str], object]:
    """9,000 residents split as given, and 500 pupils."""
    return {(RESIDENTS, TOTAL): 9000, (RESIDENTS, WOMEN): women, (RESIDENTS, MEN): men,
            (PUPILS, TOTAL): 500}  # fmt: skip


def test_the_template_has_rows_for_women_and_men_of_a_split_indicator(
    personas: Personas,
) -> None:
    campaign = split_campaign([personas.hromada])
    put_parts(personas.hromada, YEAR - 1, {"": 9100.0, "f": 4730.0})
    sheet = load_workbook(workbook(signed_in(personas.official), campaign, personas.hromada.code))[
        "Data"
    ]
    rows = [(r[2], r[4], r[6]) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows[:3] == [
        (RESIDENTS, TOTAL, 9100.0),
        (RESIDENTS, WOMEN, 4730.0),
        (RESIDENTS, MEN, None),
    ]
    assert rows[3][:2] == (PUPILS, TOTAL)
    assert sheet["J3"].protection.locked and not sheet["J2"].protection.locked
    assert not sheet["H3"].protection.locked


def test_an_upload_saves_the_split_or_refuses_one_that_does_not_add_up(
    personas: Personas,
) -> None:
    campaign = split_campaign([personas.hromada])
    client = signed_in(personas.official)
    code = personas.hromada.code
    wrong = filled(workbook(client, campaign, code), split_values(4700, 4000))
    page = upload(client, campaign, code, wrong)
    assert page.startswith("REFUSED")
    assert ("Row 2, column H" in page) or ("Рядок 2, стовпець H" in page)
    assert not Observation.all_objects.exists()
    larger = filled(workbook(client, campaign, code), {(RESIDENTS, TOTAL): 100,
                    (RESIDENTS, WOMEN): 150, (RESIDENTS, MEN): 0})  # fmt: skip
    page = upload(client, campaign, code, larger)
    assert ("Row 3, column H" in page) or ("Рядок 3, стовпець H" in page)
    good = filled(workbook(client, campaign, code), split_values(4700, 4300))
    assert not upload(client, campaign, code, good).startswith("REFUSED")
    assert stored(personas.hromada) == {
        "": (9000.0, "draft"), "f": (4700.0, "draft"), "m": (4300.0, "draft"),
    }  # fmt: skip


def test_a_template_of_the_old_version_is_refused_cleanly(personas: Personas) -> None:
    campaign = split_campaign([personas.hromada])
    client = signed_in(personas.official)
    book = load_workbook(workbook(client, campaign, personas.hromada.code))
    meta = book["meta"]
    for row in meta.iter_rows():
        if row[0].value == "version":
            row[1].value = "1"
    output = io.BytesIO()
    book.save(output)
    page = upload(client, campaign, personas.hromada.code, output.getvalue())
    assert page.startswith("REFUSED")
    assert "старішої версії" in page or "older version" in page
    assert not Observation.all_objects.exists()


def test_a_sex_row_for_an_indicator_not_split_by_sex_is_refused(personas: Personas) -> None:
    campaign = split_campaign([personas.hromada])
    client = signed_in(personas.official)
    book = load_workbook(workbook(client, campaign, personas.hromada.code))
    sheet = book["Data"]
    last = sheet.max_row
    assert sheet.cell(last, 3).value == PUPILS
    sheet.cell(last, 5).value = WOMEN
    sheet.cell(last, 8).value = 5
    output = io.BytesIO()
    book.save(output)
    page = upload(client, campaign, personas.hromada.code, output.getvalue())
    assert page.startswith("REFUSED") and (f"Row {last}, column E" in page
                                           or f"Рядок {last}, стовпець E" in page)  # fmt: skip


def test_the_reviewer_sees_the_values_for_women_and_men(personas: Personas) -> None:
    campaign = split_campaign([personas.hromada])
    field(signed_in(personas.official), campaign, RESIDENTS,
          {"value": "9000", "value_f": "4700", "value_m": "4300"})  # fmt: skip
    url = reverse("collection:review", args=[campaign.pk, personas.hromada.code])
    html = signed_in(personas.coordinator).get(url).content.decode()
    # Grouped the Ukrainian way (a no-break space between thousands).
    assert "жінки: 4\xa0700" in html and "чоловіки: 4\xa0300" in html
