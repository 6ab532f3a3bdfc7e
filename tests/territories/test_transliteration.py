"""The official Ukrainian-Latin transliteration (CMU resolution No. 55 of 27.01.2010)."""

from __future__ import annotations

import pytest

from hromada.territories.transliteration import transliterate


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("Згорани", "Zghorany"),
        ("Юрій", "Yurii"),
        ("Київ", "Kyiv"),
        ("Олексій", "Oleksii"),
        ("Знам’янка", "Znamianka"),
        ("Розгон", "Rozghon"),
        ("Єнакієве", "Yenakiieve"),
        ("Їжакевич", "Yizhakevych"),
        ("Йосипівка", "Yosypivka"),
        ("Яготин", "Yahotyn"),
        ("Стрий", "Stryi"),
        ("Щорс", "Shchors"),
        ("Гаївка", "Haivka"),
        ("Ґорґани", "Gorgany"),
        ("Біла Церква", "Bila Tserkva"),
        ("Кам’янець-Подільська", "Kamianets-Podilska"),
        ("Жовква", "Zhovkva"),
        ("Харків", "Kharkiv"),
        ("Коропʼє", "Koropie"),
        ("Уляники", "Ulianyky"),
        ("Андріївська", "Andriivska"),
        ("Ямпіль", "Yampil"),
    ],
)
def test_names_follow_the_official_table(ukrainian: str, latin: str) -> None:
    assert transliterate(ukrainian) == latin


def test_word_initial_rule_applies_after_a_space_or_hyphen_but_not_an_apostrophe() -> None:
    assert transliterate("Нова Ямпіль-Юрівка") == "Nova Yampil-Yurivka"
    assert transliterate("Мʼясниківка") == "Miasnykivka"


def test_soft_sign_and_every_apostrophe_are_dropped() -> None:
    assert transliterate("Львів") == "Lviv"
    assert transliterate("Пам'ятне Пам`ятне Пам‘ятне") == "Pamiatne Pamiatne Pamiatne"


def test_names_written_in_capitals_stay_in_capitals() -> None:
    assert transliterate("ЩОРС") == "SHCHORS"
    assert transliterate("ЗГОРАНИ") == "ZGHORANY"


def test_latin_letters_digits_and_punctuation_pass_through() -> None:
    assert transliterate("Сектор 5 (A)") == "Sektor 5 (A)"
