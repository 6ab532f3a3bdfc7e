"""Nothing unpublished leaks: every public page and every API format, walked as a visitor
and as an official of another hromada, shows none of the values that are not released.

Each unpublished value (draft, submitted, returned, verified, and verified after the release
of its year) is a distinctive number, alone in its hromada and year, so a page leaks it
whether it shows the value, a rank table, a sum or a mean of that year. The second test
releases one of them and checks that the same walk then finds it, so the walk can fail.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.http import HttpResponseBase, StreamingHttpResponse
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from hromada.releases.models import Release
from hromada.territories.models import Territory
from tests import factories
from tests.analytics.factories import Dataset, make_dataset
from tests.releases.factories import release

pytestmark = pytest.mark.django_db

REVENUE = "budget.revenue.own"
# status name -> (hromada index in the dataset, year, value); index 5 is an extra hromada.
SECRETS = {
    "draft": (0, 2019, 7_351_911.0),
    "submitted": (1, 2020, 7_352_922.0),
    "returned": (2, 2021, 7_354_944.0),
    "verified": (3, 2025, 7_353_933.0),
    "verified, not released": (5, 2024, 7_355_955.0),
}
YEARS = sorted({year for _h, year, _v in SECRETS.values()})


def _pattern(value: float) -> re.Pattern[str]:
    """The number however it is written: 7351911, 7 351 911, 7,351,911, 7351911.0 …"""
    digits = f"{value:.0f}"
    head, rest = digits[: len(digits) % 3 or 3], digits[len(digits) % 3 or 3 :]
    groups = [head, *(rest[i : i + 3] for i in range(0, len(rest), 3))]
    return re.compile(r"\D{0,3}".join(groups))


PATTERNS = {name: _pattern(value) for name, (_h, _y, value) in SECRETS.items()}


def _unpublished(dataset: Dataset, hromadas: list[Territory]) -> Release:
    """The published dataset is released; then the unpublished values are written."""
    analyst = factories.make_analyst(username="releaser")
    done = release(2022, 2024, by=analyst)
    revenue = dataset.revenue.pk

    def write(name: str, status: str) -> None:
        index, year, value = SECRETS[name]
        item = ValueInput(hromadas[index].pk, revenue, year, "", value, "")
        record_observations([item], by=None, reason="form", status=status)

    write("draft", Status.DRAFT)
    write("submitted", Status.SUBMITTED)
    write("returned", Status.SUBMITTED)
    write("returned", Status.DRAFT)
    write("verified", Status.VERIFIED)
    write("verified, not released", Status.VERIFIED)
    return done


def _text(response: HttpResponseBase) -> str:
    if isinstance(response, StreamingHttpResponse):
        body = b"".join(response.streaming_content)  # type: ignore[arg-type]
    else:
        body = response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(body), read_only=True)
        cells = (c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                 for c in row)  # fmt: skip
        return " ".join(str(c) for c in cells if c is not None)
    if "pdf" in kind:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", errors="replace")


def _paths(codes: list[str], release_id: int) -> Iterator[str]:
    own = f"/analytics/indicator/{REVENUE}/"
    for prefix in ("", "/en"):
        yield from (f"{prefix}/", f"{prefix}/analytics/", f"{prefix}/releases/")
        yield f"{prefix}{own}"
    yield "/analytics/methods/"
    yield "/analytics/boundaries.geojson"
    yield f"/indicators/{REVENUE}/"
    yield "/releases/calendar.ics"
    yield f"/releases/{release_id}/"
    yield f"/releases/{release_id}/changes.csv"
    compare = "&".join(f"h={code}" for code in codes)
    for year in ["", *map(str, YEARS)]:
        query = f"year={year}" if year else ""
        for fmt in ("", "csv", "xlsx"):
            tail = "&".join(part for part in (query, f"format={fmt}" if fmt else "") if part)
            yield f"{own}?{tail}"
            yield f"/analytics/aggregates/?indicator={REVENUE}&{tail}"
            yield f"/analytics/aggregates/?indicator={REVENUE}&by=type&{tail}"
            yield f"/analytics/compare/?{compare}&i={REVENUE}&{tail}"
            yield f"/analytics/pivot/?i={REVENUE}&{tail}"
            yield f"/analytics/pivot/?i={REVENUE}&columns=year&rows=oblast&{tail}"
        yield f"/api/v1/rankings?indicator={REVENUE}&{query}"
        for by in ("nation", "oblast", "type"):
            yield f"/api/v1/aggregates?indicator={REVENUE}&by={by}&{query}"
    for code in codes:
        yield f"{own}?hromada={code}"
        yield f"/territories/{code}/"
        yield f"/territories/{code}/profile/"
        yield f"/analytics/profile/{code}/"
        yield f"/analytics/profile/{code}/?format=csv"
        yield f"/analytics/profile/{code}/?format=xlsx"
        yield f"/analytics/profile/{code}/pdf/"
        yield f"/analytics/similar/{code}/"
        yield f"/api/v1/similar/{code}"
        yield f"/api/v1/territories/{code}"
        for year in YEARS:
            yield f"/indicators/values/{code}/{REVENUE}/{year}/"
    for fmt in ("csv", "xlsx", "json", "jsonstat"):
        yield f"/data/export/?format={fmt}"
        for status in Status.values:
            yield f"/data/export/?format={fmt}&status={status}"
    for fmt in ("json", "csv", "jsonstat"):
        yield f"/api/v1/observations?format={fmt}&limit=1000"
        yield f"/api/v1/observations?format={fmt}&limit=1000&release={release_id}"
    yield "/api/v1/changes?since=0&limit=1000"
    yield f"/api/v1/indicators/{REVENUE}"
    yield "/api/v1/releases"
    yield f"/api/v1/releases/{release_id}"
    yield "/api/v1/drafts/observations"


def _leaks(client: Client, paths: list[str]) -> list[str]:
    found = []
    for path in paths:
        cache.clear()
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code >= 300:
            continue
        text = _text(response)
        found += [f"{name} in {path}" for name, p in PATTERNS.items() if p.search(text)]
    return found


@pytest.fixture
def world(db: None) -> tuple[list[str], Release, list[Client]]:
    dataset = make_dataset()
    extra = factories.make_hromada(dataset.hromadas[0].parent, name_uk="Зета", name_en="Zeta")
    hromadas = [*dataset.hromadas, extra]
    done = _unpublished(dataset, hromadas)
    # An official of a hromada with no unpublished value (Epsilon).
    other = Client()
    other.force_login(factories.make_official(dataset.hromadas[4], username="elsewhere"))
    return [h.code for h in hromadas], done, [Client(), other]


def test_no_unpublished_value_reaches_any_public_page_or_api_format(
    world: tuple[list[str], Release, list[Client]],
) -> None:
    codes, done, clients = world
    paths = list(dict.fromkeys(_paths(codes, done.pk)))
    for client in clients:
        assert _leaks(client, paths) == []


def test_the_walk_finds_a_value_once_it_is_released(
    world: tuple[list[str], Release, list[Client]],
) -> None:
    _codes, _done, clients = world
    later = release(2025, by=factories.make_analyst(username="second"))
    paths = [
        f"/analytics/indicator/{REVENUE}/?year=2025",
        "/api/v1/observations?format=csv",
        f"/api/v1/observations?release={later.pk}",
        f"/analytics/aggregates/?indicator={REVENUE}&year=2025&format=xlsx",
    ]
    found = _leaks(clients[0], paths)
    assert [line.split(" in ")[0] for line in found] == ["verified"] * len(paths)
