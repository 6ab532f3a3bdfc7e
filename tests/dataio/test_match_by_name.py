"""Matching hromadas by name uses the type word and former names, and never guesses."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from hromada.dataio.actions import import_file
from hromada.dataio.convert import Options
from hromada.indicators.models import Indicator, Observation
from hromada.territories.models import Category, FormerName, HromadaType, Level, Territory
from tests import factories
from tests.dataio.factories import make_area, make_indicator, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def namesakes() -> tuple[Territory, Territory]:
    """Первомайська міська, and Заводська селищна that was called Первомайська until 2024."""
    raion = factories.make_raion(factories.make_oblast("Миколаївська", "Mykolaivska"))
    city = factories.make_hromada(raion, name_uk="Первомайська", hromada_type=HromadaType.CITY)
    renamed = factories.make_hromada(
        raion, name_uk="Заводська", hromada_type=HromadaType.SETTLEMENT
    )
    FormerName.objects.create(territory=renamed, name_uk="Первомайська")
    make_indicator("budget.revenue")
    return city, renamed


def wide(folder: Path, rows: str) -> Path:
    return write(
        folder, "by-name.csv", "hromada_name,oblast_name,type,year,budget.revenue\n" + rows
    )


def test_the_type_word_tells_apart_a_renamed_hromada_from_its_namesake(
    namesakes: tuple[Territory, Territory], tmp_path: Path
) -> None:
    city, renamed = namesakes
    path = wide(
        tmp_path,
        "Первомайська,Миколаївська,міська,2023,100\nПервомайська,Миколаївська,селищна,2023,200\n",
    )
    report = import_file(path, by=None, options=Options())
    assert report.ok, report.problems
    stored = dict(Observation.all_objects.values_list("territory__code", "value"))
    assert stored == {city.code: 100.0, renamed.code: 200.0}


def test_the_type_word_inside_the_full_name_counts(
    namesakes: tuple[Territory, Territory], tmp_path: Path
) -> None:
    _city, renamed = namesakes
    path = write(
        tmp_path,
        "full.csv",
        "hromada_name,oblast_name,year,budget.revenue\n"
        "Первомайська селищна територіальна громада,Миколаївська область,2023,200\n",
    )
    report = import_file(path, by=None, options=Options())
    assert report.ok, report.problems
    assert Observation.all_objects.get().territory == renamed


def test_a_name_that_could_mean_two_hromadas_is_refused_with_both_candidates(
    namesakes: tuple[Territory, Territory], tmp_path: Path
) -> None:
    city, renamed = namesakes
    path = wide(tmp_path, "Первомайська,Миколаївська,,2023,100\n")
    report = import_file(path, by=None, options=Options())
    (problem,) = report.problems
    assert city.code in problem.reason and renamed.code in problem.reason
    assert "Первомайська" in problem.reason and "Заводська" in problem.reason
    assert not Observation.all_objects.exists()


def load_registry(shared_data: Path) -> None:
    """Oblasts and hromadas as the codifier has them now, and the names an older codifier
    edition gave them (the renamings)."""
    start = dt.date(2020, 7, 17)
    with (shared_data / "katottg_oblasts.csv").open(encoding="utf-8") as handle:
        oblasts = Territory.objects.bulk_create(
            Territory(
                code=row["oblast_code"],
                level=Level.OBLAST,
                category=row["category"],
                name_uk=row["name_uk"],
                name_en=row["name_en"],
                valid_from=start,
            )
            for row in csv.DictReader(handle)
        )
    oblast_of = {oblast.code: oblast for oblast in oblasts}
    types = {"міська": "city", "селищна": "settlement", "сільська": "village"}
    with (shared_data / "hromadas.csv").open(encoding="utf-8") as handle:
        hromadas = Territory.objects.bulk_create(
            Territory(
                code=row["hromada_code"],
                level=Level.HROMADA,
                category=Category.HROMADA,
                name_uk=row["name_uk"],
                name_en=row["name_en"],
                hromada_type=types.get(row["type_uk"], ""),
                oblast=oblast_of[row["oblast_code"]],
                valid_from=start,
            )
            for row in csv.DictReader(handle)
        )
    current = {h.code: h for h in hromadas}
    with (shared_data / "katottg_koatuu_map.csv").open(encoding="utf-8") as handle:
        FormerName.objects.bulk_create(
            FormerName(territory=current[row["katottg"]], name_uk=row["name"])
            for row in csv.DictReader(handle)
            if row["category"] == "H"
            and row["katottg"] in current
            and row["name"] != current[row["katottg"]].name_uk
        )


def test_the_real_kse_rows_matched_by_name_land_on_their_own_hromadas(
    shared_data: Path, tmp_path: Path
) -> None:
    """The KSE file names renamed hromadas by their old names (Первомайська for Заводська):
    matched by name, oblast and type, no row may land on another hromada's code."""
    load_registry(shared_data)
    Indicator.objects.create(
        code="population_total",
        area=make_area("demography"),
        name_uk="Населення",
        name_en="Population",
        unit="persons",
    )
    rows: list[tuple[str, str, str, str]] = []
    with (shared_data / "kse_hromada_full_dataset.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.append((row["hromada_name"], row["oblast_name"], row["type"], row["hromada_code"]))

    def by_name(kept: list[tuple[str, str, str, str]]) -> Path:
        # the row's position as its value tells which row landed where
        lines = [f"{n},{o},{t},2022,{i}" for i, (n, o, t, _code) in enumerate(kept)]
        header = "hromada_name,oblast_name,type,year,population_total\n"
        return write(tmp_path, "kse-by-name.csv", header + "\n".join(lines) + "\n")

    first = import_file(by_name(rows), by=None, options=Options(), dry_run=True)
    refused = {problem.row - 2 for problem in first.problems}
    assert len(refused) <= 10  # true namesakes of one oblast and type: only the code helps
    for problem in first.problems:
        assert rows[problem.row - 2][3] in problem.reason  # the right one is among the candidates
    kept = [row for i, row in enumerate(rows) if i not in refused]
    report = import_file(by_name(kept), by=None, options=Options())
    assert report.ok, report.problems[:5]
    landed = dict(Observation.all_objects.values_list("value", "territory__code"))
    assert landed == {float(i): code for i, (_n, _o, _t, code) in enumerate(kept)}
