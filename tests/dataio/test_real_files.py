"""The import proven on the real public files in /work/shared/data (read in place)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from hromada.dataio.actions import import_file
from hromada.dataio.columns import read_mapping_file, rule_from
from hromada.dataio.convert import Options
from hromada.dataio.exporting import csv_chunks, write_xlsx
from hromada.indicators.models import Indicator, Observation, Publication, Status
from hromada.territories.models import Category, Level, Territory
from tests.dataio.factories import make_area

pytestmark = pytest.mark.django_db


def make_territories(codes: set[str]) -> None:
    Territory.objects.bulk_create(
        Territory(
            code=code,
            level=Level.HROMADA,
            category=Category.HROMADA,
            name_uk=code,
            name_en=code,
            search_text=code.lower(),
            valid_from=dt.date(2020, 7, 17),
        )
        for code in sorted(codes)
    )


def make_catalogue(folder: Path) -> None:
    area = make_area("real")
    with (folder / "indicators_catalog.csv").open(encoding="utf-8") as handle:
        Indicator.objects.bulk_create(
            Indicator(
                code=row["indicator_code"],
                area=area,
                name_uk=row["name_uk"],
                name_en=row["name_en"],
                unit=row["unit"],
            )
            for row in csv.DictReader(handle)
        )


def codes_in(path: Path, column: str) -> set[str]:
    with path.open(encoding="utf-8") as handle:
        return {row[column] for row in csv.DictReader(handle)}


def test_every_value_of_the_real_long_file_passes_the_checks(shared_data: Path) -> None:
    """A dry run over all 70,476 values: parsing, codes, years, duplicates, the plan.

    Writing them all takes ~20 s on SQLite (the ORM bulk insert of values and history),
    so the write path is proven on the wide file below and measured in bench/.
    """
    path = shared_data / "hromada_indicators_long.csv"
    make_catalogue(shared_data)
    make_territories(codes_in(path, "hromada_code"))
    report = import_file(path, by=None, options=Options(), dry_run=True)
    assert report.ok, report.problems[:5]
    assert (report.new, report.changed, report.unchanged) == (70_476, 0, 0)
    assert not Observation.all_objects.exists()


def test_the_real_wide_kse_file_imports_with_a_mapping(shared_data: Path, tmp_path: Path) -> None:
    path = shared_data / "kse_hromada_full_dataset.csv"
    make_catalogue(shared_data)
    make_territories(codes_in(path, "hromada_code"))
    mapping = tmp_path / "kse.json"
    mapping.write_text(
        json.dumps(
            [
                {"column": "total_popultaion_2022", "indicator": "population_total", "year": 2022},
                {
                    "column": "income_own_2021",
                    "indicator": "budget_income_own",
                    "factor": 1000,
                    "year": 2021,
                },
                {
                    "column": "income_own_2022",
                    "indicator": "budget_income_own",
                    "factor": 1000,
                    "year": 2022,
                },
                {"column": "sum_osbb_2020", "indicator": "osbb_count", "year": 2020},
                {"column": "dfrr_executed", "indicator": "skip"},
            ]
        )
    )
    report = import_file(path, by=None, options=Options(rules=read_mapping_file(mapping)))
    assert report.ok, report.problems[:5]
    columns = ["total_popultaion_2022", "income_own_2021", "income_own_2022", "sum_osbb_2020"]
    with path.open(encoding="utf-8") as handle:
        filled = sum(1 for row in csv.DictReader(handle) for c in columns if row[c].strip())
    assert report.new == filled  # a blank cell changes nothing
    own = Observation.all_objects.filter(indicator__code="budget_income_own", year=2021)
    assert own.filter(value__isnull=False).count() > 1400
    with path.open(encoding="utf-8") as handle:
        first = next(csv.DictReader(handle))
    stored = own.get(territory__code=first["hromada_code"]).value
    assert stored == pytest.approx(float(first["income_own_2021"]) * 1000)


def test_the_real_budget_file_scaled_to_thousands_leaves_no_phantom_changes(
    shared_data: Path, tmp_path: Path
) -> None:
    """Own revenues in UAH (`22014600.559999987` in the file) scaled by 0.001 into the
    catalogue's thousand UAH at one decimal, then the same figures typed in thousand UAH, then
    the CSV and XLSX exports: nothing is a change, nothing shows float noise."""
    path = shared_data / "hromada_budget_2021_2023.csv"
    make_territories(codes_in(path, "hromada_code"))
    Indicator.objects.create(
        code="budget.revenue.own",
        area=make_area("budget"),
        name_uk="Власні доходи",
        name_en="Own revenues",
        unit="thousand UAH",
        decimals=1,
    )
    rules = [
        rule_from({"column": "income_own", "indicator": "budget.revenue.own", "factor": "0.001"})
    ]
    first = import_file(path, by=None, options=Options(rules=rules), status=Status.PUBLISHED)
    assert first.ok, first.problems[:5]
    assert first.new > 4000
    versions = Publication.objects.count()

    with path.open(encoding="utf-8") as handle:
        lines = [
            f"{row['hromada_code']},{row['year']},{Decimal(row['income_own']) / 1000}"
            for row in csv.DictReader(handle)
            if row["income_own"].strip()
        ]
    typed = tmp_path / "own-thousands.csv"
    typed.write_text("hromada_code,year,budget.revenue.own\n" + "\n".join(lines) + "\n")
    again = import_file(typed, by=None, options=Options())
    assert again.ok, again.problems[:5]
    assert (again.changed, again.unchanged) == (0, first.new)

    exported = tmp_path / "export.csv"
    exported.write_text("".join(csv_chunks(Observation.all_objects.all())), encoding="utf-8")
    assert "9999999" not in exported.read_text(encoding="utf-8")
    workbook = tmp_path / "export.xlsx"
    write_xlsx(Observation.all_objects.all(), workbook)
    for export in (exported, workbook):
        back = import_file(export, by=None, options=Options())
        assert (back.new, back.changed, back.unchanged) == (0, 0, first.new)
    assert Publication.objects.count() == versions
