"""On SQLite an official's autosave goes through while a large import is being written.

The import runs as `hromada import_values` in a child process on a file copy of the test
database (WAL, as in production); once it writes, a second child autosaves a field of the
official's questionnaire again and again until the import ends, as the entry page does,
timing each save (the import counts as running until its process ends). SQLite writes the
import in short transactions (hromada.dataio.applying), so a save waits for one chunk at most,
never for the whole import.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection

from hromada.collection.models import Submission
from tests import factories
from tests.collection.factories import PUPILS, make_campaign
from tests.conftest import Personas
from tests.dataio.factories import make_indicator, write
from tests.dataio.test_killed_import import (
    HROMADA_COMMAND,
    sqlite_rows,
    start_import,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True)

MOST_SAVES = 400
SAVES_DURING = 3  # at least this many saves must overlap the import's write phase
LONGEST_WAIT = 2.0  # seconds an autosave may take while the import runs

AUTOSAVES = """
import json, time
from pathlib import Path
from hromada.accounts.models import User
from hromada.collection.entry_actions import Answer, save_answer_parts
from hromada.collection.models import Submission
from hromada.indicators.models import Indicator
official = User.objects.get(pk={official})
submission = Submission.objects.select_related("campaign", "territory").get(pk={submission})
pupils = Indicator.objects.get(code={code!r})
def importing():
    stat = Path("/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(") ", 1)[-1][0] != "Z"
# Save as the entry page does until the import has ended (how long it writes depends on the
# machine), then once more so the last value is known.
seconds, during, n = [], 0, 0
while n < {saves}:
    before = importing()
    start = time.monotonic()
    save_answer_parts(submission, [Answer(pupils, 100.0 + n, "", "")], by=official)
    seconds.append(time.monotonic() - start)
    n += 1
    if not (before and importing()):
        break
    during += 1
    time.sleep(0.02)
print(json.dumps({{"seconds": seconds, "during": during, "last": 100.0 + n - 1}}))
"""


def writing(database: Path) -> Callable[[], bool]:
    """True while another connection holds SQLite's write lock (an import's transaction) and
    has already spilled written pages into the write-ahead log."""
    wal = Path(f"{database}-wal")

    def check() -> bool:
        if not wal.exists() or wal.stat().st_size < 128 * 1024:
            return False
        probe = sqlite3.connect(database, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()

    return check


def big_file(personas: Personas, folder: Path) -> tuple[Path, int]:
    """New values of 90 hromadas x 40 indicators x 30 years: 108,000 values."""
    indicators = [make_indicator(f"budget.line{n}") for n in range(40)]
    raion = personas.hromada.parent
    places = [factories.make_hromada(raion) for _ in range(90)]
    rows = [
        f"{h.code},{i.code},{year},{year}.5"
        for h in places
        for i in indicators
        for year in range(1995, 2025)
    ]
    text = "territory,indicator,year,value\n" + "\n".join(rows)
    return write(folder, "big.csv", text), len(rows)


def test_an_autosave_waits_at_most_a_moment_while_a_large_import_is_written(
    personas: Personas, tmp_path: Path
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("on PostgreSQL a save waits only for an import changing that same value")
    campaign = make_campaign([personas.hromada], codes=[PUPILS])
    submission = Submission.objects.get(campaign=campaign, territory=personas.hromada)
    path, count = big_file(personas, tmp_path)
    database = tmp_path / "copy.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(database)])
    address = f"sqlite:///{database}"
    importing = start_import(path, "import-big", tmp_path, address)
    wait_until(writing(database), "its write phase", importing)
    script = AUTOSAVES.format(
        official=personas.official.pk,
        submission=submission.pk,
        code=PUPILS,
        saves=MOST_SAVES,
        pid=importing.pid,
    )
    env = {**os.environ, "DATABASE_URL": address, "HROMADA_DATA_DIR": str(tmp_path)}
    env.pop("HROMADA_TEST_DATABASE_NAME", None)
    saving = subprocess.run(  # noqa: S603
        [HROMADA_COMMAND, "shell", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    out, err = importing.communicate(timeout=600)

    assert saving.returncode == 0, saving.stderr
    timed = json.loads(saving.stdout.strip().splitlines()[-1])
    assert timed["during"] >= SAVES_DURING, "the saves ran while the import was being written"
    assert max(timed["seconds"]) < LONGEST_WAIT, timed["seconds"]
    assert importing.returncode == 0, err
    assert f"{count} new" in out
    pupils = sqlite_rows(
        database,
        "SELECT o.value FROM indicators_observation o JOIN indicators_indicator i "
        "ON i.id = o.indicator_id WHERE i.code = ? AND o.territory_id = ?",
        (PUPILS, personas.hromada.pk),
    )
    assert pupils == [(timed["last"],)]
