"""On SQLite an import writes in short transactions; it still ends all or nothing.

These run outside a test transaction (as a worker does), which is when SQLite imports write
chunk by chunk (hromada.dataio.applying). The killed process is in test_killed_import.py.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from hromada.dataio import applying
from hromada.dataio.actions import import_file, rollback_import
from hromada.dataio.convert import Options
from hromada.indicators.actions import CHUNK_SIZE, ValueInput, record_observations
from hromada.indicators.models import ImportBatch, Observation, ObservationHistory
from hromada.indicators.rollback import RollbackRefused
from tests import factories
from tests.conftest import Personas
from tests.dataio.factories import make_indicator, write

pytestmark = pytest.mark.django_db(transaction=True)
YEARS = range(1995, 2025)


@pytest.fixture(autouse=True)
def sqlite_only() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL applies an import in one transaction")


def rows_for(personas: Personas, hromadas: int) -> list[tuple[str, str, int]]:
    """(territory, indicator, year) of 5 indicators x 30 years for `hromadas` hromadas."""
    indicators = [make_indicator(f"budget.part{n}") for n in range(5)]
    raion = personas.hromada.parent
    places = [personas.hromada] + [factories.make_hromada(raion) for _ in range(hromadas - 1)]
    return [(h.code, i.code, y) for h in places for i in indicators for y in YEARS]


def csv_of(folder: Path, rows: list[tuple[str, str, int]], values: list[str]) -> Path:
    lines = [f"{t},{i},{y},{v}" for (t, i, y), v in zip(rows, values, strict=True)]
    return write(folder, "values.csv", "territory,indicator,year,value\n" + "\n".join(lines))


def test_a_problem_after_several_chunks_leaves_no_value_and_a_failed_batch(
    personas: Personas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(applying, "SORTED_RUN", CHUNK_SIZE)  # a file longer than a run
    rows = rows_for(personas, 40)  # 6,000 values
    values = ["12.5"] * len(rows)
    values[-1] = "twelve"  # found while the third run is read: two chunks are written by then
    report = import_file(csv_of(tmp_path, rows, values), by=personas.analyst, options=Options())

    assert not report.ok and report.batch is None
    assert not Observation.all_objects.filter(year__in=YEARS).exists()
    assert list(ImportBatch.objects.values_list("state", flat=True)) == ["failed"]
    undone = ObservationHistory.objects.filter(reason=ObservationHistory.Reason.ROLLBACK)
    assert undone.count() == 2 * CHUNK_SIZE  # every value written was put back, with a trace


def test_a_problem_at_the_end_of_the_first_run_leaves_no_batch_at_all(
    personas: Personas, tmp_path: Path
) -> None:
    rows = rows_for(personas, 40)  # 6,000 values, three chunks: all read before any is written
    values = ["12.5"] * len(rows)
    values[-1] = "twelve"
    report = import_file(csv_of(tmp_path, rows, values), by=personas.analyst, options=Options())

    assert not report.ok and report.problem_count == 1
    assert not ImportBatch.objects.exists()
    assert not Observation.all_objects.exists()


def test_a_problem_in_the_first_chunk_leaves_no_batch_at_all(
    personas: Personas, tmp_path: Path
) -> None:
    rows = rows_for(personas, 2)
    values = ["1"] * len(rows)
    values[5] = "twelve"
    report = import_file(csv_of(tmp_path, rows, values), by=personas.analyst, options=Options())

    assert not report.ok
    assert not ImportBatch.objects.exists()
    assert not Observation.all_objects.exists()


def test_undoing_a_dead_import_keeps_a_value_someone_changed_after_it(
    personas: Personas, tmp_path: Path
) -> None:
    rows = rows_for(personas, 1)
    measure = make_indicator("budget.later")
    batch = applying.start_batch(file_name="dead.csv", sha256="-", file_format="csv")
    key = (personas.hromada.pk, measure.pk, 2024, "")
    record_observations([ValueInput(*key, 1.0, "")], by=None, reason="import", batch=batch)
    record_observations(
        [ValueInput(personas.hromada.pk, measure.pk, 2023, "", 3.0, "")],
        by=None,
        reason="import",
        batch=batch,
    )
    record_observations([ValueInput(*key, 2.0, "")], by=personas.official, reason="form")
    dead = f"{socket.gethostname()[:80]}|{2**30}|0"  # above any process number in use
    ImportBatch.objects.filter(pk=batch.pk).update(owner=dead)

    assert applying.recover_abandoned() == [batch]

    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED
    kept = Observation.all_objects.get(indicator=measure)
    assert (kept.year, kept.value) == (2024, 2.0), "the official's change stands; 2023 is gone"
    assert rows  # the catalogue of this test exists, nothing of it was touched
    with pytest.raises(RollbackRefused):
        rollback_import(batch, by=personas.analyst)


def test_an_earlier_import_is_not_rolled_back_while_another_is_applied(
    personas: Personas, tmp_path: Path
) -> None:
    rows = rows_for(personas, 1)
    done = import_file(csv_of(tmp_path, rows, ["1"] * len(rows)), by=personas.analyst,
                       options=Options())  # fmt: skip
    assert done.batch is not None and done.batch.state == ImportBatch.State.APPLIED
    running = applying.start_batch(file_name="running.csv", sha256="-", file_format="csv")

    with pytest.raises(RollbackRefused):
        rollback_import(done.batch, by=personas.analyst)
    assert applying.recover_abandoned() == [], "a batch of this very process is alive"
    running.delete()
    assert rollback_import(done.batch, by=personas.analyst) == len(rows)


def test_a_batch_whose_undoing_failed_is_undone_later_even_by_the_same_process(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    measure = make_indicator("budget.later")
    batch = applying.start_batch(file_name="cut.csv", sha256="-", file_format="csv")
    value = ValueInput(personas.hromada.pk, measure.pk, 2024, "", 1.0, "")
    record_observations([value], by=None, reason="import", batch=batch)

    def database_away(*args: object, **kwargs: object) -> int:
        raise OperationalError("database is locked")

    monkeypatch.setattr(applying, "undo_unfinished", database_away)
    applying.give_up(batch, by=None)  # a problem stopped the import; undoing it failed
    monkeypatch.undo()

    assert applying.recover_abandoned() == [batch]
    assert not Observation.all_objects.filter(indicator=measure).exists()
