"""A malformed or foreign codifier is refused as a whole, with every problem located."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from hromada.territories.models import CodifierImport, Territory
from tests.territories import factories as f

pytestmark = pytest.mark.django_db

# In the XLSX the title block takes rows 1-3 and the header row 4; units start on row 5.
FIRST_ROW = 5


def refused(path: Path) -> str:
    err = StringIO()
    with translation.override("en"), pytest.raises(CommandError) as raised:
        call_command("import_katottg", str(path), stdout=StringIO(), stderr=err)
    assert Territory.objects.count() == 0
    assert CodifierImport.objects.count() == 0
    return f"{err.getvalue()}\n{raised.value}"


def with_row(index: int, column: int, value: str) -> list[list[str]]:
    rows = [list(row) for row in f.SMALL]
    rows[index][column] = value
    return rows


def test_a_file_without_the_header_row_is_foreign(tmp_path: Path) -> None:
    path = f.write_xlsx(tmp_path / "k.xlsx", f.SMALL, header=["Код", "Назва"])
    assert "No header row with the columns Перший рівень" in refused(path)


def test_an_unknown_category_letter_names_row_and_column(tmp_path: Path) -> None:
    message = refused(f.write_xlsx(tmp_path / "k.xlsx", with_row(3, 5, "Z")))
    assert f"Row {FIRST_ROW + 3}, column “Категорія об’єкта”: unknown category “Z”" in message
    assert "1 problem found; nothing was imported." in message


def test_a_bad_code_shape_names_row_and_column(tmp_path: Path) -> None:
    rows = with_row(4, 3, "UA0502003002007122")
    message = refused(f.write_xlsx(tmp_path / "k.xlsx", rows))
    assert f"Row {FIRST_ROW + 4}, column “Четвертий рівень”: “UA0502003002007122” is not" in message


def test_a_child_whose_parent_is_missing_is_refused(tmp_path: Path) -> None:
    rows = [row for row in f.SMALL if row[5] != "P"]
    message = refused(f.write_xlsx(tmp_path / "k.xlsx", rows))
    assert f"Row {FIRST_ROW + 1}, column “Другий рівень”: parent {f.RAION} is not listed" in message


def test_a_duplicate_code_points_at_its_first_row(tmp_path: Path) -> None:
    rows = [*f.SMALL, f.SMALL[3]]
    message = refused(f.write_xlsx(tmp_path / "k.xlsx", rows))
    row, first = FIRST_ROW + len(f.SMALL), FIRST_ROW + 3
    expected = f"code {f.CITY} is already listed on row {first}"
    assert f"Row {row}, column “Четвертий рівень”: {expected}" in message


def test_an_empty_name_is_refused(tmp_path: Path) -> None:
    message = refused(f.write_xlsx(tmp_path / "k.xlsx", with_row(2, 6, "  ")))
    assert f"Row {FIRST_ROW + 2}, column “Назва об’єкта”: the name is empty." in message


def test_a_category_in_the_wrong_column_is_refused(tmp_path: Path) -> None:
    message = refused(f.write_xlsx(tmp_path / "k.xlsx", with_row(2, 5, "P")))
    assert "category P does not belong in column “Третій рівень”" in message


def test_a_gap_between_levels_is_refused(tmp_path: Path) -> None:
    message = refused(f.write_xlsx(tmp_path / "k.xlsx", with_row(2, 1, "")))
    assert f"Row {FIRST_ROW + 2}, column “Другий рівень”: the code is missing" in message


def test_a_unit_under_the_wrong_kind_of_parent_is_refused(tmp_path: Path) -> None:
    rows = [*f.SMALL, [f.KYIV, f.KYIV, "UA80000000010012345", "", "", "H", "Дивна"]]
    message = refused(f.write_xlsx(tmp_path / "k.xlsx", rows))
    assert f"a unit of category H cannot belong to {f.KYIV} (category K)" in message


def test_every_problem_is_counted_but_the_listing_stops_at_fifty(tmp_path: Path) -> None:
    rows = [*f.SMALL] + [
        [f.OBLAST, f.RAION, f.HROMADA, f"UA0502003{n:010d}", "", "Q", "Х"] for n in range(60)
    ]
    message = refused(f.write_xlsx(tmp_path / "k.xlsx", rows))
    assert message.count("unknown category") == 50
    assert "… and 10 more problems." in message
    assert "60 problems found; nothing was imported." in message


def test_a_file_that_is_not_a_spreadsheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    assert "cannot be read as a spreadsheet" in refused(path)


def test_a_missing_file_is_a_command_error(tmp_path: Path) -> None:
    assert "No such file" in refused(tmp_path / "nowhere.xlsx")


def test_a_corrupted_newer_edition_leaves_the_registry_as_it_was(tmp_path: Path) -> None:
    call_command(
        "import_katottg", str(f.write_xlsx(tmp_path / "good.xlsx", f.SMALL)), stdout=StringIO()
    )
    before = list(Territory.objects.order_by("code").values_list("code", "name_uk", "valid_to"))
    corrupted = with_row(3, 5, "Z")
    corrupted[1][6] = "Перейменований"  # a rename that must not slip in beside the bad row
    with translation.override("en"), pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_katottg",
            str(f.write_xlsx(tmp_path / "bad.xlsx", corrupted)),
            stdout=StringIO(),
            stderr=StringIO(),
        )
    after = list(Territory.objects.order_by("code").values_list("code", "name_uk", "valid_to"))
    assert after == before
    assert CodifierImport.objects.count() == 1
