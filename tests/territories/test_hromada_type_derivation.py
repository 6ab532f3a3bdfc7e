"""A hromada's centre and type come from its settlements in the codifier."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from hromada.territories import codifier, hierarchy
from hromada.territories.centres import Settlement, find_centre, hromada_type_of
from hromada.territories.tables import read_grid

TYPE_EN = {"city": "urban", "settlement": "settlement", "village": "rural"}


def test_the_settlement_named_like_the_hromada_is_its_centre() -> None:
    settlements = [
        Settlement("UA01", "C", "Берізки"),
        Settlement("UA02", "C", "Андріївка"),
    ]
    assert find_centre("Андріївська", settlements) == settlements[1]


def test_stems_match_across_endings_and_vowel_changes() -> None:
    cases = {
        "Вінницька": "Вінниця",
        "Агрономічна": "Агрономічне",
        "Гуляйпільська": "Гуляйполе",
        "Новоодеська": "Нова Одеса",
        "Великомихайлівська": "Велика Михайлівка",
        "Кам’янець-Подільська": "Кам’янець-Подільський",
    }
    for hromada, centre in cases.items():
        settlements = [Settlement("UA01", "C", "Зелене"), Settlement("UA02", "M", centre)]
        assert find_centre(hromada, settlements) == settlements[1], hromada


def test_of_two_matching_settlements_the_first_in_the_codifier_wins() -> None:
    city = Settlement("UA01", "M", "Вінниця")
    farms = Settlement("UA02", "C", "Вінницькі Хутори")
    assert find_centre("Вінницька", [farms, city]) == city


def test_without_a_matching_name_the_first_settlement_is_the_centre() -> None:
    first = Settlement("UA01", "X", "Красятичі")
    assert find_centre("Поліська", [Settlement("UA02", "C", "Шкнева"), first]) == first


def test_the_type_follows_the_category_of_the_centre() -> None:
    assert hromada_type_of(Settlement("UA01", "M", "Вінниця")) == "city"
    assert hromada_type_of(Settlement("UA01", "X", "Терезине")) == "settlement"
    assert hromada_type_of(Settlement("UA01", "T", "Терезине")) == "settlement"
    assert hromada_type_of(Settlement("UA01", "C", "Андріївка")) == "village"
    assert hromada_type_of(None) == ""


def test_derived_types_agree_with_the_official_list_for_99_percent(shared_data: Path) -> None:
    """Measured on the bundled codifier against hromadas.csv (1469 mainland hromadas)."""
    with codifier.bundled_codifier() as path:
        targets = hierarchy.plan(codifier.parse(read_grid(path)))
    with (shared_data / "hromadas.csv").open(encoding="utf-8") as handle:
        official = {row["hromada_code"]: row for row in csv.DictReader(handle)}
    mainland = [t for t in targets if t.category == "H" and not t.is_crimea]
    assert len(mainland) == 1469
    same_type = sum(TYPE_EN[t.hromada_type] == official[t.code]["type_en"] for t in mainland)
    same_centre = sum(t.centre_code == official[t.code]["admin_center_code"] for t in mainland)
    assert same_type / len(mainland) >= 0.99  # measured: 1457 of 1469 (99.18 %)
    assert same_centre / len(mainland) >= 0.99  # measured: 1467 of 1469 (99.86 %)
    totals = Counter(t.hromada_type for t in mainland)
    official_totals = {"city": 409, "settlement": 435, "village": 625}
    for kind, count in official_totals.items():
        assert abs(totals[kind] - count) <= 12, kind
