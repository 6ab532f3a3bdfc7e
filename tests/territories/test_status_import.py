"""`hromada import_territory_status`: periods of occupation and hostilities from a file."""

from __future__ import annotations

import csv
import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from hromada.territories.models import Territory, TerritoryStatus
from tests.factories import make_official
from tests.territories import factories as f

pytestmark = pytest.mark.django_db


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(path: Path, *args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("import_territory_status", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(path: Path) -> str:
    err = StringIO()
    with translation.override("en"), pytest.raises(CommandError) as raised:
        call_command("import_territory_status", str(path), stdout=StringIO(), stderr=err)
    assert not TerritoryStatus.objects.exists()
    return f"{err.getvalue()}\n{raised.value}"


PLAIN = ["code", "status", "start_date", "end_date", "source", "note"]


def test_the_plain_layout_creates_statuses(tmp_path: Path) -> None:
    tree = f.make_tree()
    rows = [
        [f.HROMADA, "occupied", "2022-02-24", "2022-04-30", "Order 309", "liberated"],
        [f.HROMADA, "hostilities", "01.05.2022", "", "", ""],
    ]
    out = run(write(tmp_path / "s.csv", PLAIN, rows))
    assert "2 new, 0 changed, 0 unchanged" in out
    occupied, hostilities = TerritoryStatus.objects.filter(territory=tree["hromada"]).order_by(
        "start_date"
    )
    assert (occupied.end_date, occupied.source, occupied.note) == (
        dt.date(2022, 4, 30),
        "Order 309",
        "liberated",
    )
    assert (hostilities.start_date, hostilities.end_date, hostilities.source) == (
        dt.date(2022, 5, 1),
        None,
        "s.csv",
    )


def test_reimporting_updates_the_end_and_changes_nothing_else(tmp_path: Path) -> None:
    f.make_tree()
    run(write(tmp_path / "a.csv", PLAIN, [[f.HROMADA, "occupied", "2022-02-24", "", "x", ""]]))
    assert "0 new, 0 changed, 1 unchanged" in run(
        write(tmp_path / "a.csv", PLAIN, [[f.HROMADA, "occupied", "2022-02-24", "", "x", ""]])
    )
    out = run(
        write(
            tmp_path / "b.csv",
            PLAIN,
            [[f.HROMADA, "occupied", "2022-02-24", "2022-11-11", "x", ""]],
        )
    )
    assert "0 new, 1 changed, 0 unchanged" in out
    assert TerritoryStatus.objects.get().end_date == dt.date(2022, 11, 11)


def test_problems_are_listed_by_row_and_column_and_nothing_is_written(tmp_path: Path) -> None:
    f.make_tree()
    rows = [
        [f.HROMADA, "occupied", "2022-02-24", "", "", ""],
        ["UA99999999999999999", "occupied", "2022-02-24", "", "", ""],
        [f.HROMADA, "flooded", "2022-02-24", "", "", ""],
        [f.HROMADA, "hostilities", "24/02/2022", "", "", ""],
        [f.RAION, "hostilities", "2022-03-01", "2022-02-01", "", ""],
        [f.HROMADA, "occupied", "2022-02-24", "", "", ""],
        ["UA123", "occupied", "2022-02-24", "", "", ""],
    ]
    message = refused(write(tmp_path / "s.csv", PLAIN, rows))
    assert "Row 3, column “code”: no territory has the code UA99999999999999999." in message
    assert "Row 4, column “status”: “flooded” is not a status" in message
    assert "Row 5, column “start_date”: “24/02/2022” is not a date" in message
    assert "Row 6, column “end_date”: the end comes before the start." in message
    assert "Row 7, column “start_date”: the same status and start as row 2." in message
    assert "Row 8, column “code”: “UA123” is not a KATOTTG code" in message
    assert "6 problems found; nothing was imported." in message


def test_a_file_with_foreign_columns_is_refused(tmp_path: Path) -> None:
    message = refused(write(tmp_path / "s.csv", ["name", "when"], [["x", "y"]]))
    assert "The first row must name the columns code, status, start_date." in message


LEGACY = [
    "hromada_short_name",
    "hromada_code",
    "Status_war_sept",
    "Status_war_sept_ext",
    "deoccupation_date",
]


def test_the_2022_ministry_list_is_mapped_to_periods(tmp_path: Path) -> None:
    codes = [f"UA0502003{n:010d}" for n in range(5)]
    for code in codes:
        f.make_territory(code, "H", "Громада")
    rows = [
        ["Aa", codes[0], "not occupied", "not occupied", "0"],
        ["Bb", codes[1], "not occupied, in the war zone", "not occupied, in the war zone", "0"],
        ["Cc", codes[2], "occupied", "occupied", "0"],
        ["Dd", codes[3], "deoccupied", "deoccupied_Mar_Apr", "March-April"],
        ["Ee", codes[4], "occupied", "occupied", "November"],
    ]
    out = run(write(tmp_path / "hromada_war_status_2022.csv", LEGACY, rows))
    assert "4 new" in out
    found = {
        s.territory.code: (s.status, s.start_date, s.end_date)
        for s in TerritoryStatus.objects.select_related("territory")
    }
    start = dt.date(2022, 2, 24)
    assert found == {
        codes[1]: ("hostilities", start, None),
        codes[2]: ("occupied", start, None),
        codes[3]: ("occupied", start, dt.date(2022, 4, 30)),
        codes[4]: ("occupied", start, dt.date(2022, 11, 30)),
    }
    assert Territory.objects.get(code=codes[3]).statuses.get().note == (
        "deoccupied_Mar_Apr; deoccupation: March-April"
    )


def test_the_start_of_the_legacy_periods_can_be_given(tmp_path: Path) -> None:
    f.make_territory("UA05020030000012345", "H", "Громада")
    rows = [["Aa", "UA05020030000012345", "occupied", "occupied", "0"]]
    run(write(tmp_path / "s.csv", LEGACY, rows), "--start-date", "2014-04-07")
    assert TerritoryStatus.objects.get().start_date == dt.date(2014, 4, 7)


def test_the_real_2022_list_imports(tmp_path: Path, shared_data: Path) -> None:
    source = shared_data / "hromada_war_status_2022.csv"
    with source.open(encoding="utf-8") as handle:
        codes = {row["hromada_code"] for row in csv.DictReader(handle)}
    Territory.objects.bulk_create(
        Territory(
            code=code,
            level="hromada",
            category="H",
            name_uk=code,
            name_en=code,
            search_text=code.lower(),
            valid_from=dt.date(2020, 7, 17),
        )
        for code in codes
    )
    out = run(source)
    assert "367 new, 0 changed, 0 unchanged" in out
    counts = {
        status: TerritoryStatus.objects.filter(status=status).count()
        for status in ("occupied", "hostilities")
    }
    assert counts == {"occupied": 254, "hostilities": 113}


def test_a_non_analyst_named_as_author_is_refused_before_the_file_is_read(
    tmp_path: Path,
) -> None:
    tree = f.make_tree()
    official = make_official(tree["hromada"], username="official")
    rows = [[f.HROMADA, "occupied", "2022-02-24", "", "", ""]]
    with translation.override("en"), pytest.raises(CommandError, match="Only analysts"):
        call_command(
            "import_territory_status", str(write(tmp_path / "s.csv", PLAIN, rows)),
            "--by", official.username, stdout=StringIO(), stderr=StringIO(),
        )  # fmt: skip
    assert not TerritoryStatus.objects.exists()
