"""A hromada's territory page leads with a short summary and charts; the tables follow,
one disclosure per area."""

from __future__ import annotations

import json
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.analytics.factories import make_dataset

pytestmark = pytest.mark.django_db


def page_of(code: str, language: str = "uk") -> str:
    cache.clear()
    prefix = "/en" if language == "en" else ""
    response = Client().get(prefix + reverse("territories:detail", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_leads_with_the_summary_before_the_facts_and_tables() -> None:
    alpha = make_dataset().hromadas[0]
    html = page_of(alpha.code)
    summary, facts, tables = (
        html.index("Коротко"),
        html.index("Код КАТОТТГ"),
        html.index('class="data-area"'),
    )
    assert summary < facts < tables
    assert re.search(r"у 2024 році, місце \d+ серед \d+ громад зі значенням", html)
    # Own revenue per resident: grouped the Ukrainian way, its unit in Ukrainian.
    assert re.search(r"2\s000 грн на мешканця у 2024 році", html)


def test_the_summary_has_a_chart_of_each_headline_indicator_by_year() -> None:
    alpha = make_dataset().hromadas[0]
    html = page_of(alpha.code)
    specs = re.findall(
        r'<script id="summary-\d+-spec" type="application/json">(.*?)</script>', html
    )
    assert specs
    first = json.loads(specs[0])
    assert first["kind"] == "lines" and first["years"][-3:] == [2022, 2023, 2024]
    assert "vendor/echarts/echarts.min.js" in html


def test_the_summary_is_in_english_on_english_pages() -> None:
    alpha = make_dataset().hromadas[0]
    html = page_of(alpha.code, "en")
    assert "In short" in html and "in 2024, rank" in html


def test_a_hromada_without_published_figures_says_so() -> None:
    alpha = make_dataset(publish=False).hromadas[0]
    assert "Опублікованих показників цієї громади ще немає." in page_of(alpha.code)
