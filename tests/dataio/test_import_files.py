from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from hromada.dataio.actions import import_file
from hromada.dataio.columns import ColumnRule
from hromada.dataio.convert import Options
from hromada.indicators.models import ImportBatch, Missing, Observation, ObservationHistory, Status
from tests.conftest import Personas
from tests.dataio.conftest import Catalogue
from tests.dataio.factories import write

Setting = tuple[Personas, Catalogue]


def stored(indicator_code: str) -> dict[tuple[str, int, str], tuple[float | None, str]]:
    rows = Observation.all_objects.filter(indicator__code=indicator_code)
    return {(o.territory.code, o.year, o.sex): (o.value, o.missing) for o in rows}


def test_a_long_csv_is_imported_with_history_and_a_batch(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    code = personas.hromada.code
    path = write(
        tmp_path, "long.csv", f"territory,indicator,year,value\n{code},budget.revenue,2023,1500\n"
    )
    report = import_file(path, by=personas.analyst, options=Options())
    assert report.ok and (report.new, report.changed, report.unchanged) == (1, 0, 0)
    batch = ImportBatch.objects.get()
    assert (batch.file_name, batch.new_count, batch.created_by) == ("long.csv", 1, personas.analyst)
    assert len(batch.sha256) == 64
    assert stored("budget.revenue") == {(code, 2023, ""): (1500.0, "")}
    assert ObservationHistory.objects.get().batch == batch


def test_a_messy_windows_1251_file_with_semicolons_and_decimal_commas_is_read(
    setting: Setting, tmp_path: Path
) -> None:
    personas, _ = setting
    code = personas.hromada.code
    text = (
        "Код;Показник;Рік;Стать;Значення\n"
        f" {code} ;budget.revenue;2023;;1\u00a0234\u00a0567,5\n"
        f"{code};demography.population;2023;ж;4 512\n"
        f"{code};demography.population;2023;ч;н/д\n"
        f"{code};budget.share;2023;;к\n"
        f"{code};budget.share;2022;;—\n"
    )
    path = write(tmp_path, "messy.csv", text, encoding="cp1251")
    report = import_file(path, by=personas.analyst, options=Options())
    assert report.ok, report.problems
    assert stored("budget.revenue") == {(code, 2023, ""): (1234567.5, "")}
    assert stored("demography.population") == {
        (code, 2023, "f"): (4512.0, ""),
        (code, 2023, "m"): (None, Missing.NOT_REPORTED),
    }
    assert stored("budget.share") == {
        (code, 2023, ""): (None, Missing.CONFIDENTIAL),
        (code, 2022, ""): (None, Missing.NOT_REPORTED),
    }


def test_a_utf8_file_with_a_bom_and_english_headers_is_read(
    setting: Setting, tmp_path: Path
) -> None:
    personas, _ = setting
    text = (
        "\ufeffkatottg,indicator_code,year,value\n"
        f'{personas.hromada.code},budget.revenue,2021,"1\u202f001,5"\n'
    )
    report = import_file(write(tmp_path, "bom.csv", text), by=None, options=Options())
    assert report.ok
    assert stored("budget.revenue") == {(personas.hromada.code, 2021, ""): (1001.5, "")}


def test_a_territory_can_be_given_by_name_and_oblast_ignoring_apostrophes(
    setting: Setting, tmp_path: Path
) -> None:
    personas, _ = setting
    personas.hromada.name_uk = "Кам\u2019янська"
    personas.hromada.save()
    text = (
        "назва,область,показник,рік,значення\n"
        "кам'янська, Полтавська область ,budget.revenue,2023,7\n"
    )
    report = import_file(write(tmp_path, "names.csv", text), by=None, options=Options())
    assert report.ok, report.problems
    assert stored("budget.revenue") == {(personas.hromada.code, 2023, ""): (7.0, "")}


def test_every_problem_is_reported_and_nothing_is_written(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    code = personas.hromada.code
    text = (
        "territory,indicator,year,sex,value\n"
        f"{code},budget.revenue,2023,,100\n"
        f"UA00000000000000000,budget.revenue,2023,,1\n"
        f"{code},no.such.code,2023,,1\n"
        f"{code},budget.revenue_per_capita,2023,,1\n"
        f"{code},budget.revenue,1850,,1\n"
        f"{code},budget.revenue,2022,f,1\n"
        f"{code},budget.share,2023,,150\n"
        f"{code},budget.revenue,2021,,12 грн\n"
        f"{code},budget.revenue,2023,,100\n"
    )
    report = import_file(write(tmp_path, "bad.csv", text), by=personas.analyst, options=Options())
    assert not report.ok
    found = {(p.row, p.column, p.value) for p in report.problems}
    assert found == {
        (3, "territory", "UA00000000000000000"),
        (4, "indicator", "no.such.code"),
        (5, "indicator", "budget.revenue_per_capita"),
        (6, "year", "1850"),
        (7, "sex", "f"),
        (8, "value", "150"),
        (9, "value", "12 грн"),
        (10, "value", "100"),
    }
    assert report.problem_count == 8
    assert not Observation.all_objects.exists()
    assert not ImportBatch.objects.exists()
    assert not ObservationHistory.objects.exists()


def test_a_dry_run_counts_new_changed_and_unchanged_values_without_writing(
    setting: Setting, tmp_path: Path
) -> None:
    personas, _ = setting
    code, other = personas.hromada.code, personas.other_hromada.code
    first = (
        f"territory,indicator,year,value\n{code},budget.revenue,2022,1\n"
        f"{code},budget.revenue,2023,2\n"
    )
    import_file(write(tmp_path, "a.csv", first), by=None, options=Options())
    second = (
        "territory,indicator,year,value\n"
        f"{code},budget.revenue,2022,1\n{code},budget.revenue,2023,3\n{other},budget.revenue,2023,4\n"
    )
    report = import_file(write(tmp_path, "b.csv", second), by=None, options=Options(), dry_run=True)
    assert (report.new, report.changed, report.unchanged) == (1, 1, 1)
    change = report.changed_examples[0]
    assert (change.old_value, change.new.value) == (2.0, 3.0)
    assert Observation.all_objects.count() == 2
    assert ImportBatch.objects.count() == 1


def test_a_wide_file_takes_its_year_from_the_option_and_its_columns_from_codes(
    setting: Setting, tmp_path: Path
) -> None:
    personas, _ = setting
    code = personas.hromada.code
    text = f"hromada_code,hromada_name,budget.revenue,budget.share\n{code},Решетилівська,10,55\n"
    report = import_file(write(tmp_path, "wide.csv", text), by=None, options=Options(year=2022))
    assert report.ok and report.new == 2
    assert stored("budget.share") == {(code, 2022, ""): (55.0, "")}


def test_a_wide_file_with_unknown_columns_needs_a_mapping(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    text = f"hromada_code,year,income_own_2021\n{personas.hromada.code},2021,10\n"
    path = write(tmp_path, "wide.csv", text)
    report = import_file(path, by=None, options=Options())
    assert [(p.row, p.column) for p in report.problems] == [(1, "income_own_2021")]
    mapped = Options(rules=[ColumnRule("income_own_2021", "budget.revenue", factor=1000)])
    assert import_file(path, by=None, options=mapped).ok
    assert stored("budget.revenue") == {(personas.hromada.code, 2021, ""): (10000.0, "")}


def test_a_wide_xlsx_file_with_a_mapped_year_per_column(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    book = Workbook()
    sheet = book.active
    sheet.append(["KATOTTG", "own 2021", "own 2022", "comment"])
    sheet.append([personas.hromada.code, 1.5, "2,5", "note"])
    path = tmp_path / "wide.xlsx"
    book.save(path)
    rules = [
        ColumnRule("own 2021", "budget.revenue", 1000, 2021),
        ColumnRule("own 2022", "budget.revenue", 1000, 2022),
        ColumnRule("comment", "skip"),
    ]
    report = import_file(path, by=None, options=Options(rules=rules))
    assert report.ok, report.problems
    assert report.file_format == "xlsx"
    assert stored("budget.revenue") == {
        (personas.hromada.code, 2021, ""): (1500.0, ""),
        (personas.hromada.code, 2022, ""): (2500.0, ""),
    }


def test_values_are_imported_with_the_chosen_status(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    text = f"territory,indicator,year,value\n{personas.hromada.code},budget.revenue,2023,1\n"
    path = write(tmp_path, "p.csv", text)
    import_file(path, by=personas.analyst, options=Options(), status=Status.PUBLISHED)
    assert Observation.objects.count() == 1


def test_only_analysts_may_import(setting: Setting, tmp_path: Path) -> None:
    from django.core.exceptions import PermissionDenied

    personas, _ = setting
    path = write(tmp_path, "x.csv", "territory,indicator,year,value\n")
    with pytest.raises(PermissionDenied):
        import_file(path, by=personas.coordinator, options=Options())


def test_an_undecodable_or_empty_file_is_one_clear_problem(
    setting: Setting, tmp_path: Path
) -> None:
    empty = import_file(write(tmp_path, "empty.csv", ""), by=None, options=Options())
    assert [p.row for p in empty.problems] == [0]
    assert "empty" in empty.problems[0].reason.lower() or "порожн" in empty.problems[0].reason


def test_a_long_xlsx_file_keeps_numbers_as_stored(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    book = Workbook()
    sheet = book.active
    sheet.append(["Код громади", "Показник", "Рік", "Значення"])
    sheet.append([personas.hromada.code, "budget.revenue", 2021.0, 0.1])
    sheet.append([personas.hromada.code, "budget.revenue", 2022, "-"])
    sheet.append([None, None, None, None])
    path = tmp_path / "long.xlsx"
    book.save(path)
    report = import_file(path, by=None, options=Options())
    assert report.ok, report.problems
    assert stored("budget.revenue") == {
        (personas.hromada.code, 2021, ""): (0.1, ""),
        (personas.hromada.code, 2022, ""): (None, Missing.NOT_REPORTED),
    }
