"""An import killed with SIGKILL is all or nothing, and its rerun never overlaps it.

PostgreSQL applies an import in one transaction. SQLite writes it in short transactions and
undoes a batch its killed process left "applying" (hromada.dataio.applying): the worker does
as it starts, a rerun does before it writes.

The import runs as `hromada import_values` in a child process on the test database. To kill it
at a known moment the test holds a lock the import needs: a row it is about to change (the
child then waits in the middle of its write phase) or the indicator its history rows refer to
(PostgreSQL checks those references when the child commits, so it waits inside COMMIT: the
server finishes that transaction even though the child is gone).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count

from hromada.indicators.actions import CHUNK_SIZE, ValueInput, record_observations
from hromada.indicators.models import ImportBatch, Indicator, Observation, ObservationHistory
from tests import factories
from tests.conftest import Personas
from tests.dataio.factories import make_indicator, write

YEARS = range(2005, 2025)
BEFORE, AFTER = 10.0, 20.0
HROMADA_COMMAND = str(Path(sys.executable).parent / "hromada")

pytestmark = pytest.mark.django_db(transaction=True)


def postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite rolls back a killed writer's journal when the file is next opened")


def conninfo() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    where = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{s['USER']}{password}@{where}/{s['NAME']}"


def seeded_file(
    personas: Personas, folder: Path, hromadas: int = 1
) -> tuple[Path, list[Indicator]]:
    """Values stored as BEFORE, and a file that changes every one of them to AFTER:
    5 indicators x 20 years for each hromada."""
    indicators = [make_indicator(f"budget.part{n}") for n in range(5)]
    raion = personas.hromada.parent
    places = [personas.hromada] + [factories.make_hromada(raion) for _ in range(hromadas - 1)]
    keys = [(h.pk, i.pk, year, "") for h in places for i in indicators for year in YEARS]
    record_observations(
        [ValueInput(*key, BEFORE, "") for key in keys], by=None, reason="import", status="draft"
    )
    rows = [f"{h.code},{i.code},{y},{AFTER}" for h in places for i in indicators for y in YEARS]
    return write(folder, "values.csv", "territory,indicator,year,value\n" + "\n".join(rows)), (
        indicators
    )


def start_import(
    path: Path, name: str, folder: Path, database_url: str = ""
) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url or conninfo(),
        "HROMADA_DATA_DIR": str(folder),
        "PGAPPNAME": name,  # lets the test find the child's session on the server
        "HROMADA_SQLITE_CACHE_MIB": "1",  # SQLite: written pages spill to the file at once
        "HROMADA_SQLITE_IMPORT_CACHE_MIB": "1",
    }
    env.pop("HROMADA_TEST_DATABASE_NAME", None)
    command = [HROMADA_COMMAND, "import_values", str(path), "--user", "analyst"]
    pipe = subprocess.PIPE
    return subprocess.Popen(command, env=env, stdout=pipe, stderr=pipe, text=True)  # noqa: S603


def wait_until(condition: Callable[[], bool], what: str, child: subprocess.Popen[str]) -> None:
    """Poll `condition`; a guard against hanging forever, not a measurement."""
    deadline = time.monotonic() + 120
    while not condition():
        if child.poll() is not None:
            pytest.fail(f"the import ended before {what}: {child.communicate()}")
        if time.monotonic() > deadline:
            pytest.fail(f"waited two minutes for {what}")
        time.sleep(0.01)


def waiting_on_a_lock(name: str, query: str | None = None) -> Callable[[], bool]:
    def check() -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT query FROM pg_stat_activity "
                "WHERE application_name = %s AND wait_event_type = 'Lock'",
                [name],
            )
            found = [row[0] for row in cursor.fetchall()]
        return bool(found) and (query is None or query in found)

    return check


@contextmanager
def holding(sql: str, params: list[object]) -> Iterator[None]:
    """Run `sql` in a transaction of a separate session and keep it open inside the block."""
    import psycopg

    with psycopg.connect(conninfo()) as session:
        session.execute(sql, params)
        yield
        session.rollback()


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.communicate()  # reaps it and closes its pipes


def assert_each_value_changed_once() -> None:
    values = Observation.all_objects.filter(year__in=YEARS)
    assert set(values.values_list("value", flat=True)) == {AFTER}
    changes = ObservationHistory.objects.filter(old_value=BEFORE, new_value=AFTER)
    per_value = changes.values("observation").annotate(n=Count("pk"))
    assert {row["n"] for row in per_value} == {1}, "no value has two changes from one old value"
    assert changes.count() == values.count()


def test_an_import_killed_while_writing_leaves_nothing_and_its_rerun_writes_everything_once(
    personas: Personas, tmp_path: Path
) -> None:
    postgresql_only()
    path, _ = seeded_file(personas, tmp_path)
    one_value = Observation.all_objects.filter(year=YEARS[-1]).order_by("pk").first()
    assert one_value is not None
    sql = "SELECT id FROM indicators_observation WHERE id = %s FOR UPDATE"
    with holding(sql, [one_value.pk]):
        killed = start_import(path, "import-killed", tmp_path)
        wait_until(waiting_on_a_lock("import-killed"), "its write phase", killed)
        kill(killed)
        assert not ImportBatch.objects.exists()
        assert set(Observation.all_objects.values_list("value", flat=True)) == {BEFORE}
        rerun = start_import(path, "import-rerun", tmp_path)
        wait_until(waiting_on_a_lock("import-rerun"), "the rerun to wait", rerun)
    out, err = rerun.communicate()
    assert rerun.returncode == 0, err
    assert "100 changed" in out
    assert ImportBatch.objects.count() == 1
    assert_each_value_changed_once()


def test_a_rerun_waits_for_an_import_killed_while_the_server_commits_it(
    personas: Personas, tmp_path: Path
) -> None:
    postgresql_only()
    path, indicators = seeded_file(personas, tmp_path)
    sql = "SELECT id FROM indicators_indicator WHERE id = %s FOR UPDATE"
    with holding(sql, [indicators[0].pk]):
        killed = start_import(path, "import-committing", tmp_path)
        wait_until(waiting_on_a_lock("import-committing", "COMMIT"), "its commit", killed)
        kill(killed)
        assert not ImportBatch.objects.exists()  # not yet: the server is still committing it
        rerun = start_import(path, "import-rerun", tmp_path)
        wait_until(waiting_on_a_lock("import-rerun"), "the rerun to wait", rerun)
    out, err = rerun.communicate()
    assert rerun.returncode == 0, err
    assert "0 changed, 100 unchanged" in out  # it read what the killed import committed
    assert ImportBatch.objects.count() == 2
    assert_each_value_changed_once()


def chunks_written(database: Path, count: int) -> Callable[[], bool]:
    """True once the import has committed `count` chunks of its values (SQLite writes a large
    import in short transactions, hromada.dataio.applying)."""

    def check() -> bool:
        with closing(sqlite3.connect(database, timeout=20)) as db:
            (written,) = db.execute(
                "SELECT COUNT(*) FROM indicators_observationhistory WHERE batch_id IS NOT NULL"
            ).fetchone()
        return bool(written >= count * CHUNK_SIZE)

    return check


def run_command(database: Path, folder: Path, *arguments: str) -> str:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "HROMADA_DATA_DIR": str(folder)}
    env.pop("HROMADA_TEST_DATABASE_NAME", None)
    done = subprocess.run(  # noqa: S603
        [HROMADA_COMMAND, *arguments], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def sqlite_rows(
    database: Path, sql: str, params: tuple[object, ...] = ()
) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(database, timeout=20)) as db:
        return db.execute(sql, params).fetchall()


@pytest.mark.parametrize("undone_by", ["worker", "rerun"])
def test_on_sqlite_an_import_killed_between_its_chunks_is_undone_whole_and_rerun_once(
    personas: Personas, tmp_path: Path, undone_by: str
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL applies an import in one transaction (the tests above)")
    path, _ = seeded_file(personas, tmp_path, hromadas=300)  # 30,000 values: 15 chunks
    database = tmp_path / "copy.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(database)])  # the test database, as a file
    address = f"sqlite:///{database}"
    killed = start_import(path, "import-killed", tmp_path, address)
    wait_until(chunks_written(database, 2), "two chunks written", killed)
    kill(killed)
    assert sqlite_rows(database, "SELECT state FROM indicators_importbatch") == [("applying",)]
    partly = sqlite_rows(database, "SELECT DISTINCT value FROM indicators_observation")
    assert sorted(partly) == [(BEFORE,), (AFTER,)], "killed in the middle: part is written"

    if undone_by == "worker":
        run_command(database, tmp_path, "worker", "--batch")  # undoes it as it starts
        assert sqlite_rows(database, "SELECT state FROM indicators_importbatch") == [("failed",)]
        values = sqlite_rows(database, "SELECT DISTINCT value FROM indicators_observation")
        assert values == [(BEFORE,)], "nothing of the killed import is left"
    out = run_command(database, tmp_path, "import_values", str(path), "--user", "analyst")

    assert "30000 changed" in out
    states = sqlite_rows(database, "SELECT state FROM indicators_importbatch ORDER BY id")
    assert states == [("failed",), ("applied",)]
    assert sqlite_rows(database, "SELECT DISTINCT value FROM indicators_observation") == [(AFTER,)]
    changes = sqlite_rows(
        database,
        "SELECT h.observation_id, COUNT(*) FROM indicators_observationhistory h "
        "JOIN indicators_importbatch b ON b.id = h.batch_id "
        "WHERE b.state = 'applied' AND h.old_value = ? AND h.new_value = ? "
        "GROUP BY h.observation_id",
        (BEFORE, AFTER),
    )
    assert len(changes) == 30_000 and {n for _, n in changes} == {1}
    standing = sqlite_rows(
        database,
        "SELECT COUNT(*) FROM indicators_observation o JOIN indicators_importbatch b "
        "ON b.id = o.batch_id WHERE b.state = 'applied'",
    )
    assert standing == [(30_000,)], "every value now stands for the one applied import"
