from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import Workbook

from hromada.lib.tabular import open_table
from hromada.members.importing import ImportRejected, import_memberships
from hromada.members.models import Membership, MembershipChange
from hromada.territories.models import Territory
from tests import factories
from tests.members.factories import make_membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def hromadas() -> list[Territory]:
    raion = factories.make_raion(factories.make_oblast())
    return [factories.make_hromada(raion) for _ in range(3)]


def csv_file(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "members.csv"
    path.write_bytes(text.encode(encoding))
    return path


def run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_members", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_clean_file_admits_every_hromada_with_both_date_styles(
    tmp_path: Path, hromadas: list[Territory]
) -> None:
    a, b, _ = hromadas
    path = csv_file(
        tmp_path,
        "code,joined_on,decision\n"
        f"{a.code},2021-03-15,рішення Правління № 3\n"
        f"{b.code},15.03.2021,\n",
    )
    summary = run(path)
    assert "2" in summary
    joined = dict(Membership.objects.values_list("territory__code", "joined_on"))
    assert joined == {a.code: dt.date(2021, 3, 15), b.code: dt.date(2021, 3, 15)}
    assert MembershipChange.objects.count() == 2


def test_running_the_same_file_twice_changes_nothing(
    tmp_path: Path, hromadas: list[Territory]
) -> None:
    path = csv_file(tmp_path, f"code;joined_on\n{hromadas[0].code};01.02.2020\n")
    run(path)
    table = open_table(path)
    result = import_memberships(table, by=None)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert Membership.objects.count() == 1
    assert MembershipChange.objects.count() == 1


def test_a_changed_status_updates_the_member_and_its_history(
    tmp_path: Path, hromadas: list[Territory]
) -> None:
    membership = make_membership(hromadas[0], joined_on=dt.date(2016, 1, 1))
    path = csv_file(
        tmp_path,
        f"код;дата вступу;статус;дата виходу\n{hromadas[0].code};01.01.2016;вийшла;31.12.2023\n",
        encoding="cp1251",
    )
    run(path)
    membership.refresh_from_db()
    assert (membership.status, membership.left_on) == ("left", dt.date(2023, 12, 31))
    assert membership.changes.get().old_status == "active"


def test_every_problem_is_listed_with_its_row_and_nothing_is_written(
    tmp_path: Path, hromadas: list[Territory]
) -> None:
    a = hromadas[0]
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    oblast = a.oblast
    assert oblast is not None
    path = csv_file(
        tmp_path,
        "code,joined_on,status\n"
        f"{a.code},2021-03-15,\n"  # fine on its own
        "UA99999999999999999,2021-03-15,\n"  # unknown code
        f"{oblast.code},2021-03-15,\n"  # not a hromada
        f"{hromadas[1].code},31/02/2021,\n"  # bad date
        f"{hromadas[2].code},{future},\n"  # future date
        f"{a.code},2021-03-15,\n"  # duplicate of row 2
        f"{hromadas[1].code},2021-03-15,paused\n",  # duplicate and bad status
    )
    with pytest.raises(ImportRejected) as rejected:
        import_memberships(open_table(path), by=None)
    found = {(p.row, p.code) for p in rejected.value.problems}
    assert found == {
        (3, "unknown_code"),
        (4, "not_hromada"),
        (5, "bad_date"),
        (6, "future_date"),
        (7, "duplicate_row"),
        (8, "duplicate_row"),
        (8, "bad_status"),
    }
    assert not Membership.objects.exists()


def test_the_command_prints_the_problems_and_exits_non_zero(
    tmp_path: Path, hromadas: list[Territory]
) -> None:
    path = csv_file(tmp_path, "code,joined_on\nUA99999999999999999,2021-03-15\n")
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("import_members", str(path), stdout=StringIO(), stderr=errors)
    assert "UA99999999999999999" in errors.getvalue()
    assert not Membership.objects.exists()


def test_a_missing_column_is_reported_on_the_header_row(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "code,decision\nUA1,x\n")
    with pytest.raises(ImportRejected) as rejected:
        import_memberships(open_table(path), by=None)
    assert [(p.row, p.column, p.code) for p in rejected.value.problems] == [
        (1, "joined_on", "missing_column")
    ]


def test_an_xlsx_file_with_date_cells_is_imported(
    tmp_path: Path, hromadas: list[Territory]
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Код громади", "Дата вступу"])
    sheet.append([hromadas[0].code, dt.date(2019, 11, 4)])
    path = tmp_path / "members.xlsx"
    book.save(path)
    run(path)
    assert Membership.objects.get().joined_on == dt.date(2019, 11, 4)


def test_a_dry_run_checks_the_file_but_writes_nothing(
    tmp_path: Path, hromadas: list[Territory]
) -> None:
    path = csv_file(tmp_path, f"code,joined_on\n{hromadas[0].code},2021-03-15\n")
    run(path, "--dry-run")
    assert not Membership.objects.exists()


def test_the_import_by_a_non_analyst_is_refused(tmp_path: Path, hromadas: list[Territory]) -> None:
    official = factories.make_official(hromadas[0], username="mayor")
    path = csv_file(tmp_path, f"code,joined_on\n{hromadas[0].code},2021-03-15\n")
    with pytest.raises(CommandError):
        run(path, "--by", "mayor")
    assert official.pk and not Membership.objects.exists()


def test_an_unreadable_file_is_a_command_error(tmp_path: Path) -> None:
    path = tmp_path / "members.ods"
    path.write_bytes(b"anything")
    with pytest.raises(CommandError):
        run(path)
