from __future__ import annotations

from hromada.lib.ukrainian_order import sort_key


def test_names_sort_in_the_order_of_the_ukrainian_alphabet() -> None:
    names = ["Ялтинська", "Їжакевичі", "Ґорґани", "Ізюмська", "Єланецька", "Артемівська", "Гола"]
    assert sorted(names, key=sort_key) == [
        "Артемівська",
        "Гола",
        "Ґорґани",
        "Єланецька",
        "Ізюмська",
        "Їжакевичі",
        "Ялтинська",
    ]


def test_apostrophes_and_case_do_not_change_the_order() -> None:
    assert sort_key("Кам’янська") == sort_key("кам'янська") == sort_key("Камянська")
