"""ETags and 304s, caching headers, open CORS for reads, and the anonymous rate limit."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hromada.analytics.actions import delete_peer_group
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from tests.analytics.factories import Dataset, make_rule_group
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
    response = client.options(
        "/api/v1/territories",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in response


def test_errors_carry_the_cors_header_too(client: Client) -> None:
    response = client.get(
        "/api/v1/territories/UA00000000000000000", headers={"Origin": "https://example.org"}
    )
    assert response["Access-Control-Allow-Origin"] == "*"


def test_only_the_configured_origins_are_let_in_when_the_list_is_narrowed(
    client: Client, settings: Any
) -> None:
    settings.CORS_ALLOW_ALL_ORIGINS = False
    settings.CORS_ALLOWED_ORIGINS = ["https://dashboard.example.org"]
    allowed = client.get("/api/v1/areas", headers={"Origin": "https://dashboard.example.org"})
    other = client.get("/api/v1/areas", headers={"Origin": "https://elsewhere.example.org"})
    assert allowed["Access-Control-Allow-Origin"] == "https://dashboard.example.org"
    assert "Access-Control-Allow-Origin" not in other


def test_pages_outside_the_api_send_no_cors_header(client: Client) -> None:
    response = client.get("/", headers={"Origin": "https://example.org"})
    assert "Access-Control-Allow-Origin" not in response


def test_behind_the_proxy_each_client_has_its_own_limit(client: Client, settings: Any) -> None:
    settings.HROMADA_API_RATE_LIMIT = 2
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    first = [
        client.get("/api/v1/areas", headers={"X-Real-IP": "203.0.113.7"}).status_code
        for _ in range(3)
    ]
    other = client.get("/api/v1/areas", headers={"X-Real-IP": "198.51.100.20"})
    assert first == [200, 200, 429]
    assert other.status_code == 200


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


RANKING = "/api/v1/rankings?indicator=budget.revenue.own&year=2023"


def test_a_repeated_public_read_is_answered_from_the_cache_with_one_query(
    client: Client, dataset: Dataset, django_assert_max_num_queries: Any
) -> None:
    first = client.get(RANKING)
    with django_assert_max_num_queries(1):  # the content stamp, nothing else
        again = client.get(RANKING)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"]


def test_a_publication_replaces_the_kept_answer(client: Client, dataset: Dataset) -> None:
    before = client.get(RANKING).json()
    top = before["items"][0]
    hromada = next(h for h in dataset.hromadas if h.code == top["territory"])
    change = [ValueInput(hromada.pk, dataset.revenue.pk, 2023, "", 1.0, "")]
    record_observations(change, by=None, reason="correction", status=Status.PUBLISHED)
    after = client.get(RANKING).json()
    assert after["data_version"] > before["data_version"]
    assert after["items"][0]["territory"] != hromada.code
    assert next(i for i in after["items"] if i["territory"] == hromada.code)["value"] == 1.0


def test_a_published_value_sent_back_to_draft_leaves_the_kept_answer(
    client: Client, dataset: Dataset
) -> None:
    before = client.get(RANKING).json()
    hromada = dataset.hromadas[0]
    assert next(i for i in before["items"] if i["territory"] == hromada.code)["value"] is not None
    change = [ValueInput(hromada.pk, dataset.revenue.pk, 2023, "", 1.0, "")]
    record_observations(change, by=None, reason="correction", status=Status.DRAFT)
    after = client.get(RANKING).json()
    assert next(i for i in after["items"] if i["territory"] == hromada.code)["value"] is None
    assert after["reported"] == before["reported"] - 1


def test_a_changed_peer_group_is_not_answered_from_the_old_cache(
    client: Client, dataset: Dataset
) -> None:
    group = make_rule_group(dataset)
    url = f"{RANKING}&peers={group.key}"
    assert len(client.get(url).json()["items"]) == 2  # the group's two villages
    delete_peer_group(group, by=None)
    assert len(client.get(url).json()["items"]) == len(dataset.hromadas)  # no group: everyone


def test_a_token_holders_read_is_never_kept_for_others(client: Client, dataset: Dataset) -> None:
    client.get(RANKING, headers={"Authorization": "Bearer not-a-real-token"})
    response = client.get(RANKING)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
