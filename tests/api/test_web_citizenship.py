"""ETags and 304s, caching headers, open CORS for reads, and the anonymous rate limit."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from tests.analytics.factories import Dataset
from tests.api.helpers import assert_problem

pytestmark = pytest.mark.django_db
URL = "/api/v1/observations?indicator=demography.population"


def test_a_read_carries_etag_last_modified_and_public_cache_control(
    client: Client, dataset: Dataset
) -> None:
    response = client.get(URL)
    assert response["ETag"].startswith('W/"v')
    assert response["Last-Modified"].endswith("GMT")
    assert response["Cache-Control"] == "public, max-age=60"


def test_asking_again_with_the_etag_answers_304_without_a_body(
    client: Client, dataset: Dataset
) -> None:
    etag = client.get(URL)["ETag"]
    again = client.get(URL, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_a_new_publication_changes_the_etag(client: Client, dataset: Dataset) -> None:
    etag = client.get(URL)["ETag"]
    hromada = dataset.hromadas[0]
    change = [ValueInput(hromada.pk, dataset.population.pk, 2024, "", 50_500.0, "")]
    record_observations(change, by=None, reason="correction", status=Status.PUBLISHED)
    response = client.get(URL, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_different_filters_have_different_etags(client: Client, dataset: Dataset) -> None:
    assert client.get(URL)["ETag"] != client.get(URL + "&year_from=2024")["ETag"]


def test_reads_are_open_to_every_origin(client: Client, dataset: Dataset) -> None:
    response = client.get(URL, headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_request_is_answered_with_the_allowed_methods(client: Client) -> None:
    response = client.options("/api/v1/territories", headers={"Origin": "https://example.org"})
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_errors_carry_the_cors_header_too(client: Client) -> None:
    response = client.get("/api/v1/territories/UA00000000000000000")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_anonymous_client_over_the_limit_gets_429_with_retry_after(
    client: Client, settings: Any
) -> None:
    settings.HROMADA_API_RATE_LIMIT = 3
    statuses = [client.get("/api/v1/areas").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    response = client.get("/api/v1/areas")
    document = assert_problem(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "3 requests" in document["detail"]


def test_the_limit_counts_each_client_address_apart(client: Client, settings: Any) -> None:
    settings.HROMADA_API_RATE_LIMIT = 1
    assert client.get("/api/v1/areas", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get("/api/v1/areas", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/api/v1/areas", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_zero_limit_turns_rate_limiting_off(client: Client, settings: Any) -> None:
    settings.HROMADA_API_RATE_LIMIT = 0
    assert {client.get("/api/v1/areas").status_code for _ in range(5)} == {200}


def test_head_answers_like_get_without_a_body(client: Client, dataset: Dataset) -> None:
    get = client.get(URL)
    head = client.head(URL)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    csv_head = client.head(URL + "&format=csv")
    assert csv_head["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_head.content == b""


def test_the_docs_page_serves_swagger_from_this_site(client: Client) -> None:
    page = client.get("/api/v1/docs").content.decode()
    assert "/api/v1/openapi.json" in page
    assert "cdn.jsdelivr.net" not in page


def test_each_language_has_its_own_etag(client: Client, dataset: Dataset) -> None:
    uk = client.get(URL, headers={"Accept-Language": "uk"})["ETag"]
    en = client.get(URL, headers={"Accept-Language": "en"})
    assert en["ETag"] != uk
    assert (
        client.get(URL, headers={"Accept-Language": "en", "If-None-Match": uk}).status_code == 200
    )
