"""The rankings and observation lists are written straight to JSON (hromada.api.rendering),
skipping ninja's validation: their answers must still be exactly what the route's schema
describes and what ninja wrote from the same rows before, types included (50000.0, not
50000; datetimes to the millisecond with `Z`)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client, RequestFactory
from ninja.responses import NinjaJSONEncoder
from ninja.schema import Schema

from hromada.analytics.rank_table import rank_table
from hromada.api.analytics import RANK_FIELDS
from hromada.api.observations import (
    OBSERVATION_FIELDS,
    filtered,
    observation_page,
    plain_page,
)
from hromada.api.schemas import ObservationOut, ObservationPage, RankingOut, RankOut
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Indicator, Observation, Status
from hromada.members.models import Membership, MembershipStatus
from tests.analytics.factories import Dataset, make_rule_group
from tests.api.helpers import data

pytestmark = pytest.mark.django_db
JSON = "application/json; charset=utf-8"


def as_ninja_wrote_it(schema: type[Schema], payload: dict[str, Any]) -> str:
    """What ninja answered for `payload`: validated by the schema, written by its encoder;
    as canonical text, so that 1 and 1.0 or two spellings of a time differ."""
    dumped = schema.model_validate(payload).model_dump()
    return canonical(json.loads(json.dumps(dumped, cls=NinjaJSONEncoder)))


def canonical(document: Any) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


def ranking_as_before(indicator: str, year: int | None, peers: str, hromada: str) -> str:
    """The answer the ranking view built before, field by field, from the same rank table."""
    result = rank_table(
        Indicator.objects.get(code=indicator), year=year, peers_key=peers, hromada=hromada
    )
    return as_ninja_wrote_it(
        RankingOut,
        {
            "indicator": indicator,
            "year": result.year,
            "compare_per": result.compare_per,
            "peers": peers,
            "reported": result.reported,
            "data_version": result.data_version,
            "items": [
                {
                    "territory": row.code,
                    "name": row.name,
                    "value": row.value,
                    "comparable_value": row.comparable_value,
                    "per_year": row.per_year,
                    "missing": row.missing,
                    "rank": row.rank,
                    "rank_all": row.rank_all,
                    "percentile": row.percentile,
                    "quartile": row.quartile,
                }
                for row in result.items
            ],
        },
    )


def test_the_field_lists_are_the_schemas_fields_in_order() -> None:
    assert [name for name, _attribute in RANK_FIELDS] == list(RankOut.model_fields)
    assert [name for name, _column in OBSERVATION_FIELDS] == list(ObservationOut.model_fields)


@pytest.mark.parametrize(
    ("query", "peers", "year"),
    [
        ("", "", 2023),
        ("&peers=type&hromada={h0}", "type", 2023),
        ("&peers=oblast&hromada={h0}", "oblast", None),
        ("&peers=members", "members", None),
    ],
)
def test_a_ranking_is_what_ninja_wrote_before(
    client: Client, dataset: Dataset, query: str, peers: str, year: int | None
) -> None:
    for member in dataset.hromadas[:3]:
        Membership.objects.create(
            territory=member, joined_on=dt.date(2020, 1, 1), status=MembershipStatus.ACTIVE
        )
    h0 = dataset.hromadas[0].code
    url = "/api/v1/rankings?indicator=budget.revenue.own" + query.format(h0=h0)
    url += f"&year={year}" if year else ""
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, JSON)
    answer = data(response)
    assert answer["items"], "a ranking with nothing in it proves little"
    hromada = h0 if "hromada" in query else ""
    assert canonical(answer) == ranking_as_before("budget.revenue.own", year, peers, hromada)
    assert canonical(answer) == as_ninja_wrote_it(RankingOut, answer)


def test_a_ranking_in_a_saved_group_is_what_ninja_wrote_before(
    client: Client, dataset: Dataset
) -> None:
    group = make_rule_group(dataset)
    url = f"/api/v1/rankings?indicator=budget.revenue.own&year=2023&peers={group.key}"
    answer = data(client.get(url))
    assert canonical(answer) == ranking_as_before("budget.revenue.own", 2023, group.key, "")


def _observation_as_before(row: Observation) -> dict[str, Any]:
    return {
        "territory": row.territory.code,
        "indicator": row.indicator.code,
        "year": row.year,
        "sex": row.sex,
        "value": row.value,
        "missing": row.missing,
        "status": row.status,
        "source": row.source,
        "note": row.note,
        "updated_at": row.updated_at,
    }


def test_observation_pages_are_what_ninja_wrote_before(client: Client, dataset: Dataset) -> None:
    hromada = dataset.hromadas[0]
    noted = ValueInput(hromada.pk, dataset.population.pk, 2021, "", 123.5, "", "a note, «лапки»")
    record_observations([noted], by=None, reason="test", status=Status.PUBLISHED)
    published = list(Observation.objects.select_related("territory", "indicator").order_by("pk"))
    url, seen = "/api/v1/observations?limit=7", 0
    while url:
        response = client.get(url)
        assert (response.status_code, response["Content-Type"]) == (200, JSON)
        answer = data(response)
        rows = published[seen : seen + 7]
        before = {"items": [_observation_as_before(row) for row in rows], "next": answer["next"]}
        assert canonical(answer) == as_ninja_wrote_it(ObservationPage, before)
        assert (answer["next"] is None) == (seen + 7 >= len(published))
        seen += len(answer["items"])
        url = answer["next"]
    assert seen == len(published) > 7


def test_a_rankings_items_have_the_schemas_fields_in_order(
    client: Client, dataset: Dataset
) -> None:
    answer = data(client.get("/api/v1/rankings?indicator=budget.revenue.own&year=2023"))
    assert answer["items"]
    assert all(list(item) == list(RankOut.model_fields) for item in answer["items"])


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"indicator": ["budget.revenue.own"], "year_from": 2022},
        {"indicator": ["budget.revenue.own", "demography.population", "no.such"]},
        {"indicator": ["no.such"]},
        {"year_from": 2021, "year_to": 2022, "sex": ""},
    ],
)
def test_the_plain_page_query_answers_what_the_queryset_did(
    dataset: Dataset, query: dict[str, Any]
) -> None:
    narrow = {"indicator": [], "year_from": None, "year_to": None, "sex": None} | query
    request = RequestFactory().get("/api/v1/observations")
    rows = filtered(
        Observation.objects.all(),
        narrow["indicator"],
        None,
        [],
        None,
        narrow["year_from"],
        narrow["year_to"],
        narrow["sex"],
    )
    cursor, pages = None, 0
    while True:
        expected = observation_page(request, rows, cursor, 3)
        args = (narrow["indicator"], narrow["year_from"], narrow["year_to"], narrow["sex"])
        assert plain_page(request, *args, cursor, 3).content == expected.content
        following = data(expected)["next"]
        if following is None:
            break
        cursor, pages = following.rsplit("cursor=", 1)[1], pages + 1
    if query.get("indicator") != ["no.such"]:
        assert pages > 1, "one page proves little"
