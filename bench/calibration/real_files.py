"""The real public files in ../shared/data read as the shipped catalogue's indicators.

Each entry says which column of which file holds which catalogue indicator, and the factor
from the file's unit to the catalogue's (the budget file is in UAH, the catalogue in
thousand UAH). `make calibrate` builds clean submissions from them, and
tests/indicators/test_hard_limits_on_real_files.py checks that no real value is impossible.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BUDGET_FILE = "hromada_budget_2021_2023.csv"
POPULATION_FILE = "hromada_population_2022.csv"
TERRITORIES_FILE = "hromadas.csv"
TYPES = {"міська": "city", "селищна": "settlement", "сільська": "village"}


@dataclass(frozen=True)
class Column:
    file: str
    column: str
    code: str
    factor: float = 1.0
    year: int | None = None  # None: the file has a `year` column


# Budget lines, in the order of the file's columns (a swap of neighbours is a planted error).
BUDGET = tuple(
    Column(BUDGET_FILE, column, code, 0.001)
    for column, code in (
        ("income_total", "budget.revenue.total"),
        ("income_transfert", "budget.revenue.transfers"),
        ("income_military", "budget.revenue.pit_military"),
        ("income_pdfo", "budget.revenue.pit"),
        ("income_unified_tax", "budget.revenue.single_tax"),
        ("income_property_tax", "budget.revenue.property_tax"),
        ("income_excise_duty", "budget.revenue.excise"),
        ("income_corporate_tax", "budget.revenue.corporate_tax"),
        ("income_parking_fee", "budget.revenue.parking_fee"),
        ("income_tourist_fee", "budget.revenue.tourist_fee"),
        ("income_eco_tax", "budget.revenue.environmental_tax"),
        ("income_non_tax", "budget.revenue.non_tax"),
        ("income_capital_proceedings", "budget.revenue.capital"),
        ("income_special_funds", "budget.revenue.special_funds"),
        ("income_rent", "budget.revenue.natural_resources_rent"),
        ("income_base_subsidy", "budget.revenue.basic_subsidy"),
        ("income_own", "budget.revenue.own"),
    )
)

OTHERS = (
    Column(POPULATION_FILE, "total_population_2022", "demography.population", 1, 2022),
    Column(POPULATION_FILE, "urban_population_2022", "demography.population_urban", 1, 2022),
    *(
        Column(
            "hromada_finance_monitoring_2020_2022q1.csv",
            f"population_{year}",
            "demography.population",
            1000,
            year,
        )
        for year in (2020, 2021)
    ),
    *(
        Column(
            "hromada_finance_monitoring_2020_2022q1.csv",
            f"tax_capacity_index_{year}",
            "budget.revenue.tax_capacity_index",
            1,
            year,
        )
        for year in (2021, 2022)
    ),
    *(
        Column(
            "hromada_finance_monitoring_2020_2022q1.csv",
            f"{name}_{year}",
            f"budget.revenue.{code}",
            1,
            year,
        )
        for name, code in (("basic_grant", "basic_subsidy"), ("reverse_grant", "reverse_subsidy"))
        for year in (2021, 2022)
    ),
    Column(
        "kse_hromada_full_dataset.csv", "total_popultaion_2022", "demography.population", 1, 2022
    ),
    *(
        Column(
            "kse_hromada_full_dataset.csv",
            f"income_{name}_{year}",
            f"budget.revenue.{code}",
            1,
            year,
        )
        for name, code in (("own", "own"), ("total", "total"))
        for year in (2021, 2022)
    ),
    Column("hromada_osbb_2015_2020.csv", "sum_osbb_2020", "housing.osbb", 1, 2020),
    Column("hromada_zno_2022.csv", "mean_score", "education.nmt_average", 1, 2022),
    Column("hromada_health_declarations_2022.csv", "total", "health.pmd_declarations", 1, 2022),
    Column(
        "hromada_cooperation_agreements.csv",
        "n_agreements",
        "governance.cooperation_agreements",
        1,
        2022,
    ),
    Column("hromada_geography.csv", "area_km2", "demography.area_km2", 1, 2022),
)

# The long file's own indicator codes, as catalogue indicators.
LONG_FILE = "hromada_indicators_long.csv"
LONG = {
    "population_total": ("demography.population", 1.0),
    "population_urban": ("demography.population_urban", 1.0),
    "area_km2": ("demography.area_km2", 1.0),
    "general_fund_revenue": ("budget.revenue.general_fund", 1.0),
    "tax_capacity_index": ("budget.revenue.tax_capacity_index", 1.0),
    "basic_grant": ("budget.revenue.basic_subsidy", 1.0),
    "reverse_grant": ("budget.revenue.reverse_subsidy", 1.0),
    **{
        f"budget_income_{name}": (f"budget.revenue.{code}", 0.001)
        for name, code in (
            ("total", "total"),
            ("own", "own"),
            ("transfert", "transfers"),
            ("pdfo", "pit"),
            ("military", "pit_military"),
            ("unified_tax", "single_tax"),
            ("property_tax", "property_tax"),
            ("excise_duty", "excise"),
            ("base_subsidy", "basic_subsidy"),
        )
    },
    "osbb_count": ("housing.osbb", 1.0),
    "dfrr_executed": ("budget.revenue.dfrr", 1.0),
}


@dataclass(frozen=True)
class RealValue:
    file: str
    column: str
    hromada: str
    year: int
    code: str
    value: float  # in the catalogue's unit


def number(text: str) -> float | None:
    text = text.strip()
    if text in ("", "NA", "nan"):
        return None
    try:
        return float(text)
    except ValueError:
        return None


def read_columns(folder: Path, columns: tuple[Column, ...]) -> Iterator[RealValue]:
    for file in sorted({c.file for c in columns}):
        mine = [c for c in columns if c.file == file]
        with (folder / file).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column in mine:
                    value = number(row.get(column.column) or "")
                    year = column.year or int(row["year"])
                    if value is not None:
                        yield RealValue(
                            file,
                            column.column,
                            row["hromada_code"],
                            year,
                            column.code,
                            value * column.factor,
                        )


def read_long(folder: Path) -> Iterator[RealValue]:
    with (folder / LONG_FILE).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, factor = LONG.get(row["indicator_code"], ("", 1.0))
            value = number(row["value"])
            if code and value is not None:
                yield RealValue(
                    LONG_FILE,
                    row["indicator_code"],
                    row["hromada_code"],
                    int(row["year"]),
                    code,
                    value * factor,
                )


def every_real_value(folder: Path) -> Iterator[RealValue]:
    yield from read_columns(folder, BUDGET)
    yield from read_columns(folder, OTHERS)
    yield from read_long(folder)
