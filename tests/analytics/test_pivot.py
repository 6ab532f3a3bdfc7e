from __future__ import annotations

import io
from typing import Any

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.analytics.factories import Dataset


def pivot(client: Client, **query: Any) -> Any:
    return client.get(reverse("analytics:pivot"), query)


def test_hromadas_by_years(client: Client, dataset: Dataset) -> None:
    table = pivot(client, i="demography.population").context["table"]
    assert table.header == ["2022", "2023", "2024"]
    assert table.rows[0].label == "Альфа"
    assert table.rows[0].raw == [52_000, 51_000, 50_000]


def test_oblasts_by_indicators_show_coverage(client: Client, dataset: Dataset) -> None:
    response = pivot(
        client,
        rows="oblast",
        columns="indicator",
        year="2024",
        i=["demography.population", "budget.revenue.own"],
    )
    table = response.context["table"]
    poltava = next(row for row in table.rows if row.label == "Полтавська")
    assert poltava.raw == [64_000, 107_800]
    assert poltava.coverage == ["3/3", "2/3"]


def test_filters_keep_only_members_of_a_type(client: Client, dataset: Dataset) -> None:
    table = pivot(client, type="settlement").context["table"]
    assert [row.label for row in table.rows] == ["Епсилон"]


def test_pivot_exports_to_xlsx(client: Client, dataset: Dataset) -> None:
    response = pivot(client, i="demography.population", format="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert [c.value for c in sheet[1]][2:] == ["2022", "2023", "2024"]
    assert sheet.max_row == 6


def test_pivot_runs_a_constant_number_of_queries(
    client: Client, dataset: Dataset, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(11):
        pivot(client, rows="oblast", columns="indicator", i=["demography.population"])
