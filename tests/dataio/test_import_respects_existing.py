"""An import respects what is already there: published values, blank cells, later batches."""

from __future__ import annotations

from pathlib import Path

import pytest

from hromada.audit.models import AuditEntry
from hromada.dataio.actions import import_file, rollback_import
from hromada.dataio.columns import ColumnRule, rule_from
from hromada.dataio.convert import Options
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import (
    ImportBatch,
    Missing,
    Observation,
    ObservationHistory,
    Publication,
    Status,
)
from tests.conftest import Personas
from tests.dataio.conftest import Catalogue
from tests.dataio.factories import write

Setting = tuple[Personas, Catalogue]


@pytest.fixture
def published(setting: Setting) -> Setting:
    """Two published revenue values of one hromada (2022, 2023)."""
    personas, catalogue = setting
    values = [
        ValueInput(personas.hromada.pk, catalogue.revenue.pk, year, "", amount, "")
        for year, amount in ((2022, 1500.5), (2023, 1600.0))
    ]
    record_observations(values, by=None, reason="import", status=Status.PUBLISHED)
    return setting


def long_file(folder: Path, code: str, rows: list[tuple[int, str]]) -> Path:
    lines = "".join(f"{code},budget.revenue,{year},{value}\n" for year, value in rows)
    return write(folder, "long.csv", "territory,indicator,year,value\n" + lines)


def test_importing_without_a_status_keeps_published_values_published(
    published: Setting, tmp_path: Path
) -> None:
    personas, _ = published
    rows = [(2021, "1400"), (2022, "1500.5"), (2023, "1700")]
    report = import_file(
        long_file(tmp_path, personas.hromada.code, rows), by=personas.analyst, options=Options()
    )
    assert (report.new, report.changed, report.unchanged) == (1, 1, 1)
    public = dict(Observation.objects.values_list("year", "value"))  # published rows only
    assert public == {2022: 1500.5, 2023: 1700.0}
    assert Observation.all_objects.get(year=2021).status == Status.DRAFT  # a new value


def test_the_preview_says_how_many_public_values_would_change_and_how(
    published: Setting, tmp_path: Path
) -> None:
    personas, _ = published
    path = long_file(
        tmp_path, personas.hromada.code, [(2021, "1400"), (2022, "1500.5"), (2023, "1700")]
    )
    kept = import_file(path, by=personas.analyst, options=Options(), dry_run=True)
    assert (kept.public_changed, kept.public_withdrawn, kept.public_added) == (1, 0, 0)
    drafts = import_file(
        path, by=personas.analyst, options=Options(), status=Status.DRAFT, dry_run=True
    )
    assert (drafts.public_changed, drafts.public_withdrawn, drafts.public_added) == (0, 2, 0)
    public = import_file(
        path, by=personas.analyst, options=Options(), status=Status.PUBLISHED, dry_run=True
    )
    assert (public.public_changed, public.public_withdrawn, public.public_added) == (1, 0, 1)


def test_a_blank_cell_in_a_wide_file_changes_nothing(published: Setting, tmp_path: Path) -> None:
    personas, _ = published
    path = write(
        tmp_path,
        "wide.csv",
        f"territory,year,budget.revenue,budget.share\n{personas.hromada.code},2023,,12.5\n",
    )
    report = import_file(path, by=personas.analyst, options=Options())
    assert report.ok, report.problems
    assert (report.new, report.changed) == (1, 0)
    assert Observation.objects.get(year=2023).value == 1600.0
    # "not reported" is said with a marker
    marked = write(
        tmp_path, "gap.csv", f"territory,year,budget.revenue\n{personas.hromada.code},2023,н/д\n"
    )
    report = import_file(marked, by=personas.analyst, options=Options(), status=Status.PUBLISHED)
    gap = Observation.objects.get(year=2023)
    assert (gap.value, gap.missing) == (None, Missing.NOT_REPORTED)


def test_an_earlier_import_rolls_back_once_the_later_one_is_undone(
    setting: Setting, tmp_path: Path
) -> None:
    personas, _ = setting
    code = personas.hromada.code
    first = import_file(long_file(tmp_path, code, [(2023, "100")]), by=None, options=Options())
    second = import_file(long_file(tmp_path, code, [(2023, "200")]), by=None, options=Options())
    assert first.batch and second.batch
    rollback_import(second.batch, by=None)
    assert Observation.all_objects.get().value == 100
    rollback_import(first.batch, by=None)
    assert not Observation.all_objects.exists()
    assert set(ImportBatch.objects.values_list("state", flat=True)) == {"rolled_back"}
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["dataio.import.apply"] * 2 + ["dataio.import.rollback"] * 2


def test_a_long_file_is_mapped_by_its_codes_with_a_factor(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    code = personas.hromada.code
    path = write(
        tmp_path,
        "elsewhere.csv",
        "hromada_code,year,indicator_code,value\n"
        f"{code},2023,income_own_uah,1234567.89\n"
        f"{code},2023,dfrr_executed,5\n",
    )
    mapping = [
        {"column": "income_own_uah", "indicator": "budget.revenue", "factor": "0.001"},
        {"column": "dfrr_executed", "indicator": "skip"},
    ]
    rules = [rule_from(entry) for entry in mapping]
    report = import_file(path, by=personas.analyst, options=Options(rules=rules))
    assert report.ok, report.problems
    assert report.new == 1
    assert Observation.all_objects.get().value == 1234.57


def test_a_range_problem_names_the_value_after_the_factor(setting: Setting, tmp_path: Path) -> None:
    personas, _ = setting
    path = write(
        tmp_path,
        "wide.csv",
        f"territory,year,share_in_thousands\n{personas.hromada.code},2023,134.45219\n",
    )
    rules = [ColumnRule("share_in_thousands", "budget.share", 1000.0)]
    report = import_file(path, by=personas.analyst, options=Options(rules=rules))
    (problem,) = report.problems
    assert problem.value == "134.45219"
    assert "134 452,19" in problem.reason.replace("\xa0", " ")
    assert "1 000" in problem.reason.replace("\xa0", " ")


def test_re_importing_the_same_published_figures_changes_nothing(
    published: Setting, tmp_path: Path
) -> None:
    personas, _ = published
    versions = Publication.objects.count()
    path = long_file(tmp_path, personas.hromada.code, [(2022, "1500.50"), (2023, "1 600,0")])
    report = import_file(path, by=personas.analyst, options=Options())
    assert report.unchanged == 2
    assert Publication.objects.count() == versions
    assert ObservationHistory.objects.count() == 2
