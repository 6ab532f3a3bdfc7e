"""The Excel round trip: a pre-filled template out, the same checks and all-or-nothing in."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from hromada.collection.models import State
from hromada.indicators.models import Observation
from tests.collection.factories import GRADE1, PUPILS, YEAR, make_campaign, put, submission
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def download(client: Client, campaign_pk: int, code: str, name: str = "workbook") -> bytes:
    response = client.get(reverse(f"collection:{name}", args=[campaign_pk, code]))
    assert response.status_code == 200
    return response.content


def filled(
    content: bytes, values: dict[str, object], edit: dict[str, object] | None = None
) -> SimpleUploadedFile:
    book = load_workbook(io.BytesIO(content))
    sheet = book["Data"]
    for row in sheet.iter_rows(min_row=2):
        if row[2].value in values:
            row[7].value = values[row[2].value]
    for cell, value in (edit or {}).items():
        sheet[cell] = value
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile("filled.xlsx", output.getvalue())


def upload(
    client: Client, campaign_pk: int, code: str, file: SimpleUploadedFile, name: str = "upload"
) -> str:
    """The page after the upload; a refused workbook answers 400 with the report."""
    response = client.post(
        reverse(f"collection:{name}", args=[campaign_pk, code]), {"file": file}, follow=True
    )
    text: str = response.content.decode()
    return text if response.status_code == 200 else f"REFUSED {text}"


def test_the_template_is_pre_filled_protected_and_explained(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    put(personas.hromada, PUPILS, YEAR - 1, 640.0)
    book = load_workbook(
        io.BytesIO(download(signed_in(personas.official), campaign.pk, personas.hromada.code))
    )
    sheet = book["Data"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2], r[6]) for r in rows] == [
        (personas.hromada.code, PUPILS, 640.0),
        (personas.hromada.code, GRADE1, None),
    ]
    assert (
        sheet.protection.sheet
        and not sheet["H2"].protection.locked
        and sheet["A2"].protection.locked
    )
    assert "не застосовується" in sheet.data_validations.dataValidation[0].formula1
    assert book["meta"].sheet_state == "veryHidden"
    assert len(book.sheetnames) == 3


def test_a_good_upload_saves_drafts(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    content = download(client, campaign.pk, personas.hromada.code)
    page = upload(
        client, campaign.pk, personas.hromada.code, filled(content, {PUPILS: 500, GRADE1: "61"})
    )
    assert not page.startswith("REFUSED")
    stored = dict(
        Observation.all_objects.filter(territory=personas.hromada).values_list(
            "indicator__code", "value"
        )
    )
    assert stored == {PUPILS: 500.0, GRADE1: 61.0}
    assert submission(campaign, personas.hromada).state == State.DRAFT


def test_an_upload_with_an_error_saves_nothing_and_names_row_and_column(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    content = download(client, campaign.pk, personas.hromada.code)
    page = upload(
        client, campaign.pk, personas.hromada.code, filled(content, {PUPILS: 500, GRADE1: -4})
    )
    assert page.startswith("REFUSED") and "upload-problems" in page
    assert ("Row 3, column H" in page) or ("Рядок 3, стовпець H" in page)
    assert not Observation.all_objects.exists()


def test_another_hromadas_template_is_refused(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada, personas.other_hromada])
    analyst = signed_in(personas.analyst)
    theirs = download(analyst, campaign.pk, personas.other_hromada.code)
    page = upload(
        signed_in(personas.official),
        campaign.pk,
        personas.hromada.code,
        filled(theirs, {PUPILS: 1}),
    )
    assert page.startswith("REFUSED") and personas.other_hromada.code in page
    assert not Observation.all_objects.exists()


def test_an_edited_header_or_forged_metadata_is_refused(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    content = download(client, campaign.pk, personas.hromada.code)
    edited = filled(content, {PUPILS: 1}, {"H1": "Value"})
    assert upload(client, campaign.pk, personas.hromada.code, edited).startswith("REFUSED")
    book = load_workbook(io.BytesIO(content))
    book["meta"]["B2"] = personas.hromada.code  # unchanged scope, but re-signed by nobody:
    book["meta"]["B1"] = campaign.pk + 1
    output = io.BytesIO()
    book.save(output)
    for file in (output.getvalue(), b"not a workbook"):
        page = upload(
            client, campaign.pk, personas.hromada.code, SimpleUploadedFile("x.xlsx", file)
        )
        assert page.startswith("REFUSED")
    assert not Observation.all_objects.exists()


def test_a_coordinator_fills_a_whole_oblast_in_one_workbook(personas: Personas) -> None:
    from tests import factories

    neighbour = factories.make_hromada(personas.hromada.raion)
    campaign = make_campaign([personas.hromada, neighbour, personas.other_hromada])
    client = signed_in(personas.coordinator)
    content = download(client, campaign.pk, personas.oblast.code, "oblast_workbook")
    codes = {
        r[0]
        for r in load_workbook(io.BytesIO(content))["Data"].iter_rows(min_row=2, values_only=True)
    }
    assert codes == {personas.hromada.code, neighbour.code}
    upload(
        client,
        campaign.pk,
        personas.oblast.code,
        filled(content, {PUPILS: 300, GRADE1: 30}),
        "oblast_upload",
    )
    assert Observation.all_objects.filter(value=300.0).count() == 2
    other = client.get(
        reverse("collection:oblast_workbook", args=[campaign.pk, personas.other_oblast.code])
    )
    assert other.status_code == 403


@pytest.mark.parametrize(
    ("language", "offered", "chosen"),
    [("uk", "не подано", "конфіденційно"), ("en", "not reported", "confidential")],
)
def test_why_missing_is_offered_in_the_readers_language_and_comes_back(
    personas: Personas, language: str, offered: str, chosen: str
) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    prefix = "/en" if language == "en" else ""
    response = client.get(
        prefix + reverse("collection:workbook", args=[campaign.pk, personas.hromada.code])
    )
    book = load_workbook(io.BytesIO(response.content))
    listed = book["Data"].data_validations.dataValidation[0].formula1
    assert offered in listed and "not_reported" not in listed
    assert book["Data"]["F2"].value in ({"uk": "осіб", "en": "persons"}[language], "units")
    upload_file = filled(
        response.content, {PUPILS: 500}, edit={"I3": chosen, "J3": "Дані в управлінні освіти"}
    )
    page = upload(signed_in(personas.official), campaign.pk, personas.hromada.code, upload_file)
    assert not page.startswith("REFUSED"), page
    grade1 = Observation.all_objects.get(indicator__code=GRADE1, year=YEAR)
    assert (grade1.value, grade1.missing) == (None, "confidential")
