"""Two rare PostgreSQL races between an import and the entry form, played out on purpose.

Each writer is a thread with its own database connection, as a web worker and the task
worker would be. Events hold the import between two of its chunks (its values come from a
generator) while the other writer runs, so the interleaving that used to fail happens every
time: (a) an autosave of a field split by sex against an import writing the same field, its
parts in file order (women before the total); (b) a value created by two writers at the same
moment, the second a large write that read the key as new before the first committed it.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from django.db import connection, connections, transaction

from hromada.collection.entry_actions import Answer, save_answer_parts
from hromada.indicators.actions import CHUNK_SIZE, ValueInput, record_observations
from hromada.indicators.models import Indicator, Observation, ObservationHistory
from hromada.territories.models import Territory
from tests.collection.factories import YEAR, indicator, make_campaign, submission
from tests.conftest import Personas
from tests.indicators.factories import make_indicator

pytestmark = pytest.mark.django_db(transaction=True)
RESIDENTS = "demography.residents"


def postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the overlap exists on PostgreSQL")


def filler(hromada: Territory, count: int) -> list[ValueInput]:
    """`count` values of other indicators, so the import's chunk boundary falls where wanted."""
    measures = [make_indicator(f"test.filler{n}") for n in range(count // 40 + 1)]
    keys = itertools.product(measures, range(1980, 2020))
    return [
        ValueInput(hromada.pk, measure.pk, year, "", 1.0, "")
        for measure, year in itertools.islice(keys, count)
    ]


class Paused:
    """Values for an import that stop after `first` until released; `asked` is set when the
    import asks for the value after them (it has then written, or is about to write, them)."""

    def __init__(self, first: list[ValueInput], rest: list[ValueInput]) -> None:
        self.first, self.rest = first, rest
        self.asked, self.release = threading.Event(), threading.Event()

    def __iter__(self) -> Iterator[ValueInput]:
        yield from self.first
        self.asked.set()
        assert self.release.wait(60)
        yield from self.rest


def in_thread(work: Callable[[], object], failures: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except BaseException as error:  # the test reports it
            failures.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def waiting_or_done(thread: threading.Thread) -> bool:
    """Whether `thread` finished or another session of this database waits on a lock."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not thread.is_alive():
            return True
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.02)
    return False


def assert_true_history(territory: Territory, measure: Indicator) -> None:
    """Every change of every part starts from the value before it; the last is stored."""
    for stored in Observation.all_objects.filter(territory=territory, indicator=measure):
        rows = list(ObservationHistory.objects.filter(observation=stored).order_by("pk"))
        assert rows[0].old_status == ""
        for before, after in itertools.pairwise(rows):
            assert (after.old_value, after.old_status) == (before.new_value, before.new_status)
        assert rows[-1].new_value == stored.value


def test_a_split_autosave_and_an_import_of_the_same_field_both_succeed(
    personas: Personas,
) -> None:
    postgresql_only()
    residents = indicator(RESIDENTS, area="demography", by_sex=True)
    campaign = make_campaign([personas.hromada], codes=[RESIDENTS], required=False)
    entry = submission(campaign, personas.hromada)
    place = personas.hromada.pk

    def part(sex: str, value: float) -> ValueInput:
        return ValueInput(place, residents.pk, YEAR, sex, value, "")

    # The file has the women before the total; the chunk boundary falls between them.
    values = Paused(
        [*filler(personas.other_hromada, CHUNK_SIZE - 1), part("f", 510.0)],
        [part("", 1000.0), part("m", 490.0)],
    )
    failures: list[BaseException] = []
    importing = in_thread(
        lambda: record_observations(values, by=None, reason="import", status="draft"), failures
    )
    assert values.asked.wait(60)
    answers = [Answer(residents, 900.0, "", ""), *(Answer(residents, v, "", "", s)
               for s, v in (("f", 460.0), ("m", 440.0)))]  # fmt: skip
    saving = in_thread(lambda: save_answer_parts(entry, answers, by=personas.official), failures)
    assert waiting_or_done(saving)
    values.release.set()
    importing.join(60)
    saving.join(60)

    assert failures == []
    parts = dict(
        Observation.all_objects.filter(territory_id=place, indicator=residents).values_list(
            "sex", "value"
        )
    )
    assert parts in ({"": 900.0, "f": 460.0, "m": 440.0}, {"": 1000.0, "f": 510.0, "m": 490.0})
    assert_true_history(personas.hromada, residents)


def test_a_value_created_by_a_form_while_a_large_write_creates_it_too_is_kept_in_history(
    personas: Personas,
) -> None:
    postgresql_only()
    pupils = make_indicator("education.pupils")
    key = (personas.hromada.pk, pupils.pk, YEAR, "")
    form_saved, form_commits = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def form() -> None:
        with transaction.atomic():
            record_observations([ValueInput(*key, 5.0, "")], by=personas.official, reason="form")
            form_saved.set()
            assert form_commits.wait(60)

    saving = in_thread(form, failures)
    assert form_saved.wait(60)
    large = [*filler(personas.other_hromada, 300), ValueInput(*key, 7.0, "")]
    importing = in_thread(
        lambda: record_observations(large, by=None, reason="import", status="draft"), failures
    )
    assert waiting_or_done(importing)  # it waits for the form's new row
    form_commits.set()
    saving.join(60)
    importing.join(60)

    assert failures == []
    stored = Observation.all_objects.get(territory=personas.hromada, indicator=pupils)
    assert stored.value == 7.0
    history = list(ObservationHistory.objects.filter(observation=stored).order_by("pk"))
    assert [(h.old_value, h.new_value) for h in history] == [(None, 5.0), (5.0, 7.0)]
