"""A filled template is read row by row within limits: rows added past the template's are
refused at once, a repeated row is refused with both row numbers, a zip bomb is refused
from its directory, and someone else's upload is refused before the file is opened."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from hromada.collection.excel import Meta
from hromada.collection.excel_actions import upload_workbook
from hromada.indicators.models import Observation
from tests.collection.factories import GRADE1, PUPILS, make_campaign, submission
from tests.collection.test_excel import download, signed_in, upload
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def with_rows(content: bytes, extra: list[list[object]]) -> SimpleUploadedFile:
    book = load_workbook(io.BytesIO(content))
    sheet = book["Data"]
    for row in sheet.iter_rows(min_row=2):
        row[7].value = {PUPILS: 500, GRADE1: 61}[str(row[2].value)]
    for values in extra:
        sheet.append(values)
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile("filled.xlsx", output.getvalue())


def pupils_row(content: bytes, value: object) -> list[object]:
    sheet = load_workbook(io.BytesIO(content))["Data"]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[2] == PUPILS)
    return [*row[:7], value, None, None]


def test_a_repeated_row_is_refused_with_both_row_numbers(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    content = download(client, campaign.pk, personas.hromada.code)
    file = with_rows(content, [pupils_row(content, 999)])
    page = upload(client, campaign.pk, personas.hromada.code, file)
    assert page.startswith("REFUSED")
    assert "Рядок 4" in page and "повторює рядок 2" in page
    assert not Observation.all_objects.exists()


def test_rows_added_past_the_template_are_refused_at_the_first_one_too_many(
    personas: Personas,
) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    content = download(client, campaign.pk, personas.hromada.code)
    file = with_rows(content, [pupils_row(content, 500)] * 3000)
    page = upload(client, campaign.pk, personas.hromada.code, file)
    assert page.startswith("REFUSED")
    assert "Рядок 104: у цьому шаблоні рядків із відповідями — 2;" in page
    assert not Observation.all_objects.exists()


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(
    personas: Personas, settings: object
) -> None:
    settings.HROMADA_UPLOAD_MAX_UNZIPPED_MB = 2  # type: ignore[attr-defined]
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    content = download(client, campaign.pk, personas.hromada.code)
    buffer = io.BytesIO(with_rows(content, []).read())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (3 * 1024 * 1024))
    bomb = SimpleUploadedFile("filled.xlsx", buffer.getvalue())
    page = upload(client, campaign.pk, personas.hromada.code, bomb)
    assert page.startswith("REFUSED")
    assert "розпаковується до 3,0 МБ" in page
    assert not Observation.all_objects.exists()


class Unreadable(io.BytesIO):
    def read(self, *args: object) -> bytes:  # type: ignore[override]
        raise AssertionError("the file was opened before the uploader was checked")


def test_someone_elses_upload_is_refused_before_the_file_is_opened(personas: Personas) -> None:
    campaign = make_campaign([personas.other_hromada])
    theirs = submission(campaign, personas.other_hromada)
    meta = Meta(campaign.pk, personas.other_hromada.code, "hromada")
    with pytest.raises(PermissionDenied):
        upload_workbook(campaign, Unreadable(), meta, [theirs], by=personas.official)


def test_a_good_template_still_saves(personas: Personas, client: Client) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    content = download(client, campaign.pk, personas.hromada.code)
    page = upload(client, campaign.pk, personas.hromada.code, with_rows(content, []))
    assert not page.startswith("REFUSED")
    assert Observation.all_objects.count() == 2
