"""docs/api.md documents every endpoint, and its example client is the tested module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

import hromada.api.example_client
from tests.api.helpers import data

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


@pytest.mark.django_db
def test_every_path_in_the_openapi_schema_is_documented(client: Client) -> None:
    schema = data(client.get("/api/v1/openapi.json"))
    text = DOC.read_text(encoding="utf-8")
    missing = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
        if f"`{method.upper()} {path}`" not in text
    ]
    assert missing == []
    assert len(schema["paths"]) >= 12


def test_the_documented_client_is_the_tested_module() -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    source = Path(hromada.api.example_client.__file__).read_text(encoding="utf-8")
    assert source in blocks


@pytest.mark.django_db
def test_the_openapi_document_has_no_duplicate_keys(client: Client) -> None:
    """Swagger UI refuses a document with a key twice ("duplicated mapping key")."""
    import json

    duplicates: list[str] = []

    def refuse_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _value in pairs]
        duplicates.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=refuse_duplicates)
    assert duplicates == []
