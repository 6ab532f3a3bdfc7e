"""Full-text search over bills, on the database the tests run on (SQLite FTS5 or PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from hromada.legislation import actions, queries, search
from hromada.legislation.consultations import ArticleText, open_consultation
from hromada.legislation.models import Audience, Bill
from tests.conftest import Personas

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram search is PostgreSQL's"
)
MAIN = (
    "bill_id,number,convocation,registrationDate,type,rubric,subject,title,"
    "currentPhase_title,currentPhase_date\n"
)


def _draft(personas: Personas, number: str, title: str) -> Bill:
    return actions.add_draft(
        by=personas.analyst,
        number=number,
        title=title,
        kind="Проект Закону",
        registered_on=dt.date(2026, 9, 1),
    )


def _consult(personas: Personas, bill: Bill, text: str) -> None:
    open_consultation(
        bill,
        by=personas.analyst,
        title="Консультація",
        question="Що думають громади?",
        opens_on=dt.date(2026, 9, 1),
        closes_on=dt.date(2026, 9, 30),
        audience=Audience.ALL,
        section=None,
        oblast=None,
        articles=[ArticleText("Стаття 1", text)],
    )


def _numbers(query: str) -> list[str]:
    ids = search.search_bills(query)
    numbers = dict(Bill.objects.filter(pk__in=ids).values_list("pk", "number"))
    return [numbers[pk] for pk in ids]


@pytest.fixture
def bills(personas: Personas) -> dict[str, Bill]:
    budget = _draft(personas, "100", "Про зміни до Бюджетного кодексу щодо громад")
    land = _draft(personas, "200", "Про землі сільськогосподарського призначення")
    water = _draft(personas, "300", "Про питну воду в Кам’янець-Подільській громаді")
    _consult(personas, land, "Кошти від плати за землю зараховуються до бюджетів громад.")
    return {"budget": budget, "land": land, "water": water}


def test_a_word_of_the_title_finds_the_bill(bills: dict[str, Bill]) -> None:
    assert _numbers("кодексу") == ["100"]
    assert _numbers("ЗЕМЛІ призначення") == ["200"]


def test_a_word_of_the_drafts_text_finds_the_bill(bills: dict[str, Bill]) -> None:
    assert _numbers("зараховуються") == ["200"]
    assert _numbers("плати землю") == ["200"]


def test_the_beginning_of_a_word_finds_its_forms(bills: dict[str, Bill]) -> None:
    assert _numbers("сільськогосп") == ["200"]
    assert set(_numbers("бюджет")) == {"100", "200"}


def test_hits_in_the_title_come_before_hits_in_the_text(bills: dict[str, Bill]) -> None:
    # "громад" is in the titles of 100 and 300 and only in the drafts' text of 200.
    found = _numbers("громад")
    assert set(found) == {"100", "200", "300"} and found[-1] == "200"
    assert _numbers("бюджет") == ["100", "200"]


def test_case_and_every_apostrophe_variant_find_the_same(bills: dict[str, Bill]) -> None:
    for query in ("кам'янець", "Кам’янець", "КАМʼЯНЕЦЬ", "камянець-подільській"):
        assert _numbers(query) == ["300"], query


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"бюджет',
        "бюджет*",
        "бюджет NEAR земля",
        "NEAR(бюджет земля, 2)",
        "-бюджет",
        "бюджет OR AND NOT",
        "title:бюджет",
        "{title body}: бюджет",
        "бюджет' & ! | :* <->",
        "(((",
        "^бюджет",
        "'; DROP TABLE legislation_bill; --",
        "б" * 10_000,
        " ".join(["бюджет"] * 500),
        "\x00бюджет",
    ],
)
def test_hostile_queries_return_normally(bills: dict[str, Bill], query: str) -> None:
    ids = search.search_bills(query)
    assert isinstance(ids, list)
    list(search.matching(query))


@pytest.mark.parametrize(
    "query", ['"бюджет', "бюджет*", "-бюджет", "^бюджет", "\x00бюджет", "бюджет " * 500]
)
def test_operators_around_a_word_are_read_as_the_word(bills: dict[str, Bill], query: str) -> None:
    assert _numbers(query) == ["100", "200"]


def test_a_query_of_punctuation_only_finds_nothing(bills: dict[str, Bill]) -> None:
    assert search.search_bills('"*-') == []
    assert not search.matching('"*-').exists()


def test_an_imported_bill_is_found_by_its_new_words(personas: Personas) -> None:
    first = MAIN + "9,500,9,2026-09-02,Проект Закону,,,Про старі назви вулиць,,\n"
    actions.import_bills([("bills_main.csv", first.encode())], by=personas.analyst)
    assert _numbers("вулиць") == ["500"]
    second = MAIN + "9,500,9,2026-09-02,Проект Закону,,,Про нові правила благоустрою,,\n"
    summary = actions.import_bills([("bills_main.csv", second.encode())], by=personas.analyst)
    assert summary.updated == ["500"]
    assert _numbers("благоустрою") == ["500"]
    assert _numbers("вулиць") == []


def test_a_deleted_bill_leaves_the_index(bills: dict[str, Bill]) -> None:
    bills["water"].delete()
    assert _numbers("питну") == []


def test_the_filters_narrow_the_ranked_hits(bills: dict[str, Bill]) -> None:
    rows = queries.ranked_bills(queries.BillFilters(text="громад", stage="first_reading"))
    assert len(rows) == 0
    rows = queries.ranked_bills(queries.BillFilters(text="громад", stage="registered"))
    assert [b.number for b in rows][-1] == "200" and len(rows) == 3


@on_postgresql
def test_a_misspelt_word_is_found_by_trigrams(bills: dict[str, Bill]) -> None:
    assert _numbers("сільськогосподраського") == ["200"]
    assert _numbers("бюджетнго") == ["100"]
    assert _numbers("бюджетнго кодкесу") == ["100"]
    assert search.matching("бюджетнго").get() == bills["budget"]
    assert _numbers("ґґґґґ") == [] and not search.matching("бюджетнго ґґґґґ").exists()


@on_postgresql
def test_the_typo_fallback_knows_the_words_of_new_and_changed_titles(
    personas: Personas,
) -> None:
    bill = _draft(personas, "400", "Про вуличне освітлення")
    assert _numbers("освітленя") == ["400"]
    bill.title = "Про зелені насадження"
    bill.refresh_search_text()
    bill.save()
    assert _numbers("насадженя") == ["400"] and _numbers("освітленя") == []


@on_postgresql
def test_postgresql_answers_from_its_gin_index(bills: dict[str, Bill]) -> None:
    words = Bill.objects.alias(document=search.StoredVector()).filter(
        document=search._tsquery(["бюджет"])
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        assert "bill_search_gin" in words.explain()


def test_the_bill_list_shows_the_best_match_first(bills: dict[str, Bill], client: Client) -> None:
    page = client.get("/legislation/", {"q": "громад"}).content.decode()
    link = "/legislation/bills/{}/".format
    assert page.index(link(200)) > max(page.index(link(100)), page.index(link(300)))
    assert link(200) not in client.get("/legislation/", {"q": "питну"}).content.decode()


def test_the_site_search_and_the_api_use_the_same_search(
    bills: dict[str, Bill], client: Client
) -> None:
    page = client.get("/search/", {"q": "зараховуються"}).content.decode()
    assert "№ 200" in page
    answer = client.get("/api/v1/bills", {"q": "Зараховуються"}).json()
    assert [item["number"] for item in answer["items"]] == ["200"]
    assert client.get("/api/v1/bills", {"q": 'NEAR("*'}).status_code == 200


def test_the_ranked_bill_list_reads_a_bounded_number_of_queries(
    personas: Personas, client: Client, django_assert_max_num_queries: Any
) -> None:
    Bill.objects.bulk_create(
        Bill(number=f"9{n:03}", title=f"Про спільне {n}", search_text=f"9{n:03} про спільне {n}")
        for n in range(60)
    )
    with django_assert_max_num_queries(8):
        page = client.get("/legislation/", {"q": "спільн"}).content.decode()
    assert page.count("/legislation/bills/9") == 50  # one page of the 60 hits
