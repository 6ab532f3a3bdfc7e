"""Small hand-made codifier files and territory helpers for the territories tests."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl

from hromada.territories.codifier import LAYOUTS
from hromada.territories.models import Category, Level, Territory, TerritoryStatus
from hromada.territories.search import search_text_for
from hromada.territories.transliteration import transliterate
from tests.factories import TerritoryFactory

HEADER = list(LAYOUTS[0])
TITLE = [
    ["", "", "", "", "", "ЗАТВЕРДЖЕНО наказом Міністерства розвитку громад та територій"],
    [],
    ["Кодифікатор адміністративно-територіальних одиниць та територій територіальних громад"],
]

OBLAST = "UA05000000000010236"
RAION = "UA05020000000026686"
HROMADA = "UA05020030000031457"
CITY = "UA05020030010063857"
VILLAGE = "UA05020030020071224"
DISTRICT = "UA05020030010112345"
KYIV = "UA80000000000093317"
KYIV_DISTRICT = "UA80000000000126643"

# (level_1, level_2, level_3, level_4, level_extra, category, name): a tiny codifier.
SMALL = [
    [OBLAST, "", "", "", "", "O", "Вінницька"],
    [OBLAST, RAION, "", "", "", "P", "Вінницький"],
    [OBLAST, RAION, HROMADA, "", "", "H", "Вінницька"],
    [OBLAST, RAION, HROMADA, CITY, "", "M", "Вінниця"],
    [OBLAST, RAION, HROMADA, VILLAGE, "", "C", "Вінницькі Хутори"],
    [OBLAST, RAION, HROMADA, CITY, DISTRICT, "B", "Замостянський"],
    [KYIV, "", "", "", "", "K", "Київ"],
    [KYIV, KYIV, KYIV, KYIV, KYIV_DISTRICT, "B", "Голосіївський"],
]


def write_xlsx(path: Path, rows: list[list[str]], *, header: list[str] | None = None) -> Path:
    """The ministry's layout: a title block, then the header row, then the units."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in [*TITLE, header or HEADER, *rows]:
        sheet.append(line)
    workbook.save(path)
    return path


def write_csv(
    path: Path, rows: list[list[str]], *, header: list[str] | None = None, delimiter: str = ","
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header or HEADER)
        writer.writerows(rows)
    return path


def make_territory(
    code: str, category: str, name_uk: str, parent: Territory | None = None, **extra: object
) -> Territory:
    """A territory as the import would store it (Latin name and search text derived)."""
    name_en = transliterate(name_uk)
    return TerritoryFactory(
        code=code,
        category=category,
        name_uk=name_uk,
        name_en=name_en,
        search_text=search_text_for(name_uk, name_en, code),
        parent=parent,
        **extra,
    )


def make_tree() -> dict[str, Territory]:
    """Oblast > raion > hromada > two settlements, plus Kyiv with one district."""
    oblast = make_territory(OBLAST, Category.OBLAST, "Вінницька")
    oblast.oblast = oblast
    oblast.save(update_fields=["oblast"])
    raion = make_territory(RAION, Category.RAION, "Вінницький", oblast, oblast=oblast)
    hromada = make_territory(
        HROMADA,
        Category.HROMADA,
        "Вінницька",
        raion,
        oblast=oblast,
        raion=raion,
        hromada_type="city",
    )
    city = make_territory(CITY, Category.CITY, "Вінниця", hromada, oblast=oblast, raion=raion)
    village = make_territory(
        VILLAGE, Category.VILLAGE, "Вінницькі Хутори", hromada, oblast=oblast, raion=raion
    )
    hromada.centre = city
    hromada.save(update_fields=["centre"])
    kyiv = make_territory(KYIV, Category.SPECIAL_CITY, "Київ", hromada_type="city")
    kyiv.oblast = kyiv
    kyiv.save(update_fields=["oblast"])
    return {
        "oblast": oblast,
        "raion": raion,
        "hromada": hromada,
        "city": city,
        "village": village,
        "kyiv": kyiv,
    }


def make_status(territory: Territory, **fields: object) -> TerritoryStatus:
    values: dict[str, object] = {
        "status": "occupied",
        "start_date": dt.date(2022, 2, 24),
        "source": "test",
    }
    values.update(fields)
    return TerritoryStatus.objects.create(territory=territory, **values)


def levels() -> dict[str, int]:
    return {level: Territory.objects.filter(level=level).count() for level in Level.values}
