"""Search by Ukrainian or Latin name or by code, whatever apostrophe or case is typed."""

from __future__ import annotations

import pytest

from hromada.territories import queries
from hromada.territories.search import normalise, search_text_for
from tests.territories import factories as f

CODE = "UA68040170000071209"


def test_normalisation_lowercases_and_unifies_every_apostrophe() -> None:
    variants = ["Кам'янець", "Кам’янець", "Камʼянець", "Кам`янець", "Кам‘янець", " КАМ’ЯНЕЦЬ "]
    assert {normalise(v) for v in variants} == {"кам'янець"}


def test_search_text_holds_both_names_and_the_code() -> None:
    text = search_text_for("Кам’янець-Подільська", "Kamianets-Podilska", CODE)
    assert text == f"кам'янець-подільська kamianets-podilska {CODE.lower()}"


@pytest.fixture
def kamianets(db: None) -> None:
    f.make_territory(CODE, "H", "Кам’янець-Подільська")
    f.make_territory("UA68040170010087021", "M", "Кам’янець-Подільський")
    f.make_territory("UA05020030020071224", "C", "Вінницькі Хутори")


@pytest.mark.parametrize(
    "query", ["кам'янець", "Кам’янець", "КАМʼЯНЕЦЬ", "kamianets", "Kamianets-Podilska"]
)
def test_any_spelling_of_the_name_finds_the_hromada(kamianets: None, query: str) -> None:
    assert CODE in {t.code for t in queries.search(query)}


def test_every_word_of_the_query_must_match(kamianets: None) -> None:
    assert [t.code for t in queries.search("кам’янець подільська")] == [CODE]
    assert queries.search("кам’янець вінницькі") == []


def test_a_part_of_the_code_finds_the_territory(kamianets: None) -> None:
    assert [t.code for t in queries.search("ua6804017000007")] == [CODE]


def test_hromadas_come_before_settlements_and_an_empty_query_finds_nothing(
    kamianets: None,
) -> None:
    assert [t.category for t in queries.search("кам’янець")] == ["H", "M"]
    assert queries.search("   ") == []
