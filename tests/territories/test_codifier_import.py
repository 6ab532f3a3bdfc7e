"""`hromada import_katottg`: the codifier as the ministry publishes it, loaded in bulk."""

from __future__ import annotations

import datetime as dt
import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from hromada.territories.models import CodifierImport, Territory
from hromada.territories.tables import _read_xlsx_openpyxl, read_grid
from tests.territories import factories as f

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("import_katottg", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_xlsx_with_a_title_block_builds_the_hierarchy(tmp_path: Path) -> None:
    out, _ = run(str(f.write_xlsx(tmp_path / "kodifikator.xlsx", f.SMALL)), "--as-of", "2024-01-19")
    assert "1 oblasts, 1 raions, 2 hromadas, 2 settlements, 2 city districts" in out
    assert "8 new, 0 updated, 0 retired, 0 unchanged" in out
    hromada = Territory.objects.select_related("parent", "oblast", "raion", "centre").get(
        code=f.HROMADA
    )
    assert (hromada.level, hromada.category, hromada.name_en) == ("hromada", "H", "Vinnytska")
    assert hromada.parent.code == f.RAION
    assert (hromada.oblast.code, hromada.raion.code) == (f.OBLAST, f.RAION)
    assert hromada.centre.code == f.CITY
    assert hromada.hromada_type == "city"
    assert hromada.valid_from == dt.date(2024, 1, 19)
    assert hromada.search_text == f"вінницька vinnytska {f.HROMADA.lower()}"


def test_oblasts_are_their_own_oblast_and_settlements_know_their_raion(tmp_path: Path) -> None:
    run(str(f.write_xlsx(tmp_path / "k.xlsx", f.SMALL)))
    oblast = Territory.objects.get(code=f.OBLAST)
    village = Territory.objects.get(code=f.VILLAGE)
    district = Territory.objects.get(code=f.DISTRICT)
    assert oblast.oblast_id == oblast.pk and oblast.parent_id is None
    assert village.oblast_id == oblast.pk and village.raion.code == f.RAION
    assert (district.level, district.parent.code) == ("district", f.CITY)


def test_kyiv_is_a_city_hromada_without_parent(tmp_path: Path) -> None:
    run(str(f.write_xlsx(tmp_path / "k.xlsx", f.SMALL)))
    kyiv = Territory.objects.get(code=f.KYIV)
    assert (kyiv.level, kyiv.category, kyiv.hromada_type) == ("hromada", "K", "city")
    assert kyiv.parent_id is None and kyiv.oblast_id == kyiv.pk and not kyiv.is_crimea
    assert Territory.objects.get(code=f.KYIV_DISTRICT).parent_id == kyiv.pk


def test_crimea_and_sevastopol_are_marked(tmp_path: Path) -> None:
    rows = [
        ["UA01000000000013043", "", "", "", "", "O", "Автономна Республіка Крим"],
        ["UA85000000000065278", "", "", "", "", "K", "Севастополь"],
    ]
    run(str(f.write_xlsx(tmp_path / "k.xlsx", rows)))
    assert set(Territory.objects.filter(is_crimea=True).values_list("code", flat=True)) == {
        "UA01000000000013043",
        "UA85000000000065278",
    }


def test_the_csv_of_the_shared_data_layout_imports_the_same(tmp_path: Path) -> None:
    header = ["level_1", "level_2", "level_3", "level_4", "level_extra", "category", "name", "code"]
    rows = [[*row, "ignored"] for row in f.SMALL]
    run(str(f.write_xlsx(tmp_path / "k.xlsx", f.SMALL)))
    out, _ = run(str(f.write_csv(tmp_path / "k.csv", rows, header=header)))
    assert "0 new, 0 updated, 0 retired, 8 unchanged" in out


def test_a_semicolon_csv_with_the_ministry_header_is_read(tmp_path: Path) -> None:
    out, _ = run(str(f.write_csv(tmp_path / "k.csv", f.SMALL, delimiter=";")))
    assert "8 new" in out


def test_a_windows_1251_csv_is_read(tmp_path: Path) -> None:
    path = f.write_csv(tmp_path / "k.csv", f.SMALL, delimiter=";")
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1251"))
    run(str(path))
    assert Territory.objects.get(code=f.VILLAGE).name_uk == "Вінницькі Хутори"


def test_cyrillic_category_letters_of_older_editions_are_understood(tmp_path: Path) -> None:
    rows = [
        [*row[:5], row[5].translate(str.maketrans("OPHMCBK", "ОРНМСВК")), row[6]] for row in f.SMALL
    ]
    run(str(f.write_xlsx(tmp_path / "k.xlsx", rows)))
    assert Territory.objects.get(code=f.CITY).category == "M"


def test_reimporting_the_same_file_changes_nothing(tmp_path: Path) -> None:
    path = f.write_xlsx(tmp_path / "k.xlsx", f.SMALL)
    run(str(path))
    before = list(Territory.objects.values())
    out, _ = run(str(path))
    assert "0 new, 0 updated, 0 retired, 8 unchanged" in out
    assert list(Territory.objects.values()) == before
    record = CodifierImport.objects.first()
    assert record is not None
    assert (record.created, record.updated, record.retired, record.unchanged) == (0, 0, 0, 8)
    assert record.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_newer_edition_renames_adds_and_retires_without_deleting(tmp_path: Path) -> None:
    run(str(f.write_xlsx(tmp_path / "old.xlsx", f.SMALL)))
    newer = [row for row in f.SMALL if row[5] != "C"]
    newer[2] = [*newer[2][:6], "Вінницька міська"]
    newer.append([f.OBLAST, f.RAION, f.HROMADA, "UA05020030030012345", "", "X", "Зарічне"])
    out, _ = run(str(f.write_xlsx(tmp_path / "new.xlsx", newer)), "--as-of", "2025-05-16")
    assert "1 new, 1 updated, 1 retired, 6 unchanged" in out
    assert Territory.objects.get(code=f.HROMADA).name_en == "Vinnytska miska"
    village = Territory.objects.get(code=f.VILLAGE)
    assert village.valid_to == dt.date(2025, 5, 16)
    assert Territory.objects.get(code="UA05020030030012345").valid_from == dt.date(2025, 5, 16)
    assert Territory.objects.count() == 9


def test_a_code_that_comes_back_is_valid_again(tmp_path: Path) -> None:
    run(str(f.write_xlsx(tmp_path / "a.xlsx", f.SMALL)))
    run(str(f.write_xlsx(tmp_path / "b.xlsx", [r for r in f.SMALL if r[5] != "C"])))
    out, _ = run(str(f.write_xlsx(tmp_path / "c.xlsx", f.SMALL)))
    assert "1 updated" in out
    assert Territory.objects.get(code=f.VILLAGE).valid_to is None


def test_progress_is_shown_on_stderr(tmp_path: Path) -> None:
    _, err = run(str(f.write_xlsx(tmp_path / "k.xlsx", f.SMALL)))
    assert "\rwriting: 100%" in err


def test_calamine_and_openpyxl_read_the_same_grid(tmp_path: Path) -> None:
    path = f.write_xlsx(tmp_path / "k.xlsx", f.SMALL)
    assert read_grid(path) == _read_xlsx_openpyxl(path)
