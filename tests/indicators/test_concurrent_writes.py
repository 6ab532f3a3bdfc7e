"""A big write (an import) that meets another writer's change keeps a true history.

PostgreSQL only: SQLite runs one writer at a time, so nothing can change between an import's
read and its write there.
"""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from django.db import connection, connections

from hromada.indicators.actions import KEY_LOCKS_UP_TO, ValueInput, record_observations
from hromada.indicators.models import Observation, ObservationHistory
from tests.conftest import Personas
from tests.indicators.factories import make_indicator

YEARS = range(1991, 2025)
BEFORE, MEANWHILE, AFTER = 10.0, 15.0, 20.0


def conninfo() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT']}/{s['NAME']}"


def waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return bool(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_an_import_records_the_value_it_really_replaced(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time")
    indicators = [make_indicator(f"test.part{n}") for n in range(4)]
    keys = [(personas.hromada.pk, i.pk, y, "") for i in indicators for y in YEARS]
    assert len(keys) > KEY_LOCKS_UP_TO  # the path of imports, not of form fields
    record_observations([ValueInput(*k, BEFORE, "") for k in keys], by=None, reason="import")
    target = Observation.all_objects.order_by("pk").last()
    assert target is not None
    done = threading.Event()

    def import_everything() -> None:
        try:
            record_observations([ValueInput(*k, AFTER, "") for k in keys], by=None, reason="import")
        finally:
            connections.close_all()
            done.set()

    with psycopg.connect(conninfo()) as other_writer:  # a form save, not yet committed
        other_writer.execute(
            "UPDATE indicators_observation SET value = %s WHERE id = %s", [MEANWHILE, target.pk]
        )
        importing = threading.Thread(target=import_everything)
        importing.start()
        deadline = time.monotonic() + 60  # a guard against hanging, not a measurement
        while not waiting_on_a_lock() and time.monotonic() < deadline:
            time.sleep(0.02)
        other_writer.commit()
    importing.join()

    assert done.is_set()
    change = ObservationHistory.objects.get(observation=target, new_value=AFTER)
    assert change.old_value == MEANWHILE
    assert ObservationHistory.objects.filter(new_value=AFTER).count() == len(keys)
