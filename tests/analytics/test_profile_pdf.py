"""The profile PDF draws the same headline charts in Ukrainian and in English, quickly."""

from __future__ import annotations

import io
import re
import time

import numpy as np
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from hromada.analytics.formatting import sparkline_points, svg_bars
from hromada.analytics.pdf import trend_text
from tests.analytics.factories import Dataset

# A rectangle in a PDF content stream: "x y w h re".
RECTANGLE = re.compile(rb"[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ re\b")


def pdf_in(client: Client, code: str, language: str) -> bytes:
    with translation.override(language):
        url = reverse("analytics:profile_pdf", kwargs={"code": code})
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def bars_drawn(pdf: bytes) -> int:
    reader = PdfReader(io.BytesIO(pdf))
    content = b"".join(page.get_contents().get_data() for page in reader.pages)  # type: ignore[union-attr]
    return len(RECTANGLE.findall(content))


def test_svg_coordinates_keep_a_decimal_point_in_ukrainian() -> None:
    with translation.override("uk"):
        bars = svg_bars([1.5, None, 2.25, 3.0])
        line = sparkline_points(np.array([1.0, 2.0, 3.5]))
    assert all("," not in value for bar in bars for value in bar.values())
    assert bars[0]["x"] == "7.5"
    assert line.count(",") == 3  # only between x and y of each point


def test_the_ukrainian_pdf_draws_as_many_bars_as_the_english_one(
    client: Client, dataset: Dataset
) -> None:
    code = dataset.hromadas[0].code
    ukrainian = bars_drawn(pdf_in(client, code, "uk"))
    english = bars_drawn(pdf_in(client, code, "en"))
    assert english > 0
    assert ukrainian == english


def test_the_pdf_takes_under_two_seconds_of_cpu_and_is_then_served_from_the_cache(
    client: Client, dataset: Dataset
) -> None:
    code = dataset.hromadas[0].code
    pdf_in(client, code, "en")  # the first one loads fonts and WeasyPrint
    started = time.process_time()
    first = pdf_in(client, code, "uk")
    assert time.process_time() - started < 2.0
    started = time.process_time()
    assert pdf_in(client, code, "uk") == first
    assert time.process_time() - started < 0.2


def test_the_trend_of_a_row_is_text_from_its_lowest_to_its_highest_value() -> None:
    assert trend_text([1.0, None, 3.0, 2.0]) == "▁ █▅"
    assert trend_text([5.0, 5.0]) == "▁▁"
    assert trend_text([None, 4.0]) == ""


def test_the_pdf_reads_as_text_with_every_area_and_value(client: Client, dataset: Dataset) -> None:
    # The PDF is styled against its own small stylesheet (hromada.analytics.pdf.LIGHT_UA):
    # the headings, tables and values must still be laid out and extractable.
    code = dataset.hromadas[0].code
    reader = PdfReader(io.BytesIO(pdf_in(client, code, "uk")))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Профіль громади: Альфа" in text
    assert "Ключові показники" in text and "Місце серед усіх · серед подібних" in text
    assert "2024 50 000 осіб -1 000" in text
    assert reader.outline  # the headings are the PDF's bookmarks
