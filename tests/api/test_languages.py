"""The API follows Accept-Language for the names it writes out, as docs/api.md says."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from tests.analytics.factories import Dataset

pytestmark = pytest.mark.django_db

URL = "/api/v1/observations?indicator=demography.population&format=csv"


def _names(client: Client, language: str) -> set[str]:
    response = client.get(URL, headers={"Accept-Language": language})
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    return {row["territory_name"] for row in csv.DictReader(io.StringIO(body))}


def test_names_are_ukrainian_by_default_and_english_when_asked(
    client: Client, dataset: Dataset
) -> None:
    alpha = dataset.hromadas[0]
    assert alpha.name_uk in _names(client, "uk")
    assert alpha.name_uk in _names(client, "")
    english = _names(client, "en-GB,en;q=0.9")
    assert alpha.name_en in english and alpha.name_uk not in english
    assert alpha.name_uk in _names(client, "fr-FR,fr;q=0.9")  # not spoken here: Ukrainian
