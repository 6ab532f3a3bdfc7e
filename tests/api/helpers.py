"""Small helpers for API tests."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse


def body(response: HttpResponse) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return bytes(response.content)


def data(response: HttpResponse) -> Any:
    return json.loads(body(response))


def assert_problem(response: HttpResponse, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem document with the given status."""
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    document: dict[str, Any] = data(response)
    assert document["status"] == status
    assert document["type"].startswith("https://")
    assert document["title"]
    assert document["detail"]
    return document
