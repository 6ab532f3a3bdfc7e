"""A file import refuses impossible values only (issue 11, part 3)."""

from __future__ import annotations

from pathlib import Path

from hromada.dataio.actions import import_file
from hromada.dataio.convert import Options
from hromada.indicators.models import Observation
from tests.conftest import Personas
from tests.dataio.conftest import Catalogue
from tests.dataio.factories import make_indicator, write

Setting = tuple[Personas, Catalogue]


def test_a_negative_treasury_amount_is_imported_but_a_negative_count_is_refused(
    setting: Setting, tmp_path: Path
) -> None:
    personas, _ = setting
    make_indicator("budget.revenue.corporate_tax", unit="thousand UAH", min_value=0)
    make_indicator("education.schools", unit="units", min_value=0, hard_min=0)
    code = personas.hromada.code
    refunds = f"territory,indicator,year,value\n{code},budget.revenue.corporate_tax,2023,-12.5\n"
    report = import_file(write(tmp_path, "refunds.csv", refunds), by=None, options=Options())
    assert report.ok, report.problems
    # Imported, and listed for the analyst with its row, column and why it is unusual.
    assert report.unusual.count == 1
    (unusual,) = report.unusual.shown
    assert (unusual.row, unusual.column, unusual.value) == (2, "value", "-12.5")
    assert "-12,5" in unusual.reason and "мінімум" in unusual.reason
    assert (
        Observation.all_objects.get(indicator__code="budget.revenue.corporate_tax").value == -12.5
    )
    count = f"territory,indicator,year,value\n{code},education.schools,2023,-3\n"
    report = import_file(write(tmp_path, "count.csv", count), by=None, options=Options())
    assert not report.ok
    assert "неможливе" in report.problems[0].reason
    assert not Observation.all_objects.filter(indicator__code="education.schools").exists()


def test_the_preview_lists_unusual_values_of_a_wide_file_before_they_are_applied(
    setting: Setting, tmp_path: Path
) -> None:
    personas, _ = setting
    make_indicator("budget.revenue.corporate_tax", unit="thousand UAH", min_value=0)
    code = personas.hromada.code
    wide = f"territory,year,budget.revenue.corporate_tax\n{code},2023,-7\n{code},2022,5\n"
    report = import_file(write(tmp_path, "wide.csv", wide), by=None, options=Options(),
                         dry_run=True)  # fmt: skip
    assert report.ok and report.new == 2
    assert [(p.row, p.column) for p in report.unusual.shown] == [
        (2, "budget.revenue.corporate_tax")
    ]
