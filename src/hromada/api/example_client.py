"""A small client of the Hromada API using only the standard library.

It is printed verbatim in docs/api.md, and a test runs it against a live server.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any


def fetch(url: str) -> dict[str, Any]:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        result: dict[str, Any] = json.load(response)
        return result


def observations(base: str, **filters: str | list[str]) -> Iterator[dict[str, Any]]:
    """Every published value matching the filters, following `next` links page by page."""
    query = urllib.parse.urlencode({"limit": "1000", **filters}, doseq=True)
    url: str | None = f"{base}/observations?{query}"
    while url:
        page = fetch(url)
        yield from page["items"]
        url = page["next"]


def main(base: str = "http://127.0.0.1:8000/api/v1") -> None:
    for row in observations(base, indicator=["demography.population"], year_from="2023"):
        print(row["territory"], row["year"], row["value"] if row["value"] is not None else "—")


if __name__ == "__main__":
    main()
