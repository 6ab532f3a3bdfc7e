"""Two people saving one field at once: no lost update, no wrong history, no error page.

The threads below each use their own database connection, as two web workers would; on
PostgreSQL their transactions really overlap (SQLite's IMMEDIATE transactions run one
writer at a time, which the in-memory test database cannot show across threads).
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.test import Client
from django.urls import reverse

from hromada.collection import entry_views
from hromada.collection.models import Campaign
from hromada.indicators.models import Observation, ObservationHistory
from tests.collection.factories import PUPILS, YEAR, make_campaign
from tests.conftest import Personas

HTMX = {"HX-Request": "true"}
THREADS = 6
SAVES = 10


def field_url(campaign: Campaign, code: str) -> str:
    return reverse("collection:field", args=[campaign.pk, code, PUPILS])


def signed_in(user: object) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)  # type: ignore[arg-type]
    return client


def version_on_page(client: Client, campaign: Campaign, code: str) -> str:
    html = client.get(reverse("collection:entry", args=[campaign.pk, code])).content.decode()
    found = re.search(rf'name="seen" id="seen-{re.escape(PUPILS)}" value="([^"]*)"', html)
    assert found, "the form carries the version of the value it shows"
    return found.group(1)


def in_threads(work: Callable[[int], list[int]]) -> list[int]:
    """Run `work(n)` in THREADS threads started together; their status codes, flattened."""
    start = threading.Barrier(THREADS)
    codes: list[list[int]] = [[] for _ in range(THREADS)]

    def run(n: int) -> None:
        try:
            start.wait()
            codes[n] = work(n)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [code for per_thread in codes for code in per_thread]


def postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the overlap exists on PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_simultaneous_autosaves_of_one_value_keep_a_true_history(personas: Personas) -> None:
    postgresql_only()
    campaign = make_campaign([personas.hromada])
    url = field_url(campaign, personas.hromada.code)

    def save_many(n: int) -> list[int]:
        client = signed_in(personas.official)
        return [
            client.post(url, {"value": str(1000 * n + i)}, headers=HTMX).status_code
            for i in range(SAVES)
        ]

    codes = in_threads(save_many)
    assert set(codes) == {200}, "no save fails, not even the first ones that create the row"
    stored = Observation.all_objects.get(territory=personas.hromada, year=YEAR)
    history = list(ObservationHistory.objects.filter(observation=stored).order_by("pk"))
    assert history[0].old_status == "" and history[0].old_value is None
    for before, after in itertools.pairwise(history):
        assert after.old_value == before.new_value, "each change starts from the value before"
    assert history[-1].new_value == stored.value


@pytest.mark.django_db(transaction=True)
def test_of_simultaneous_saves_from_one_version_only_one_wins(personas: Personas) -> None:
    postgresql_only()
    campaign = make_campaign([personas.hromada])
    url = field_url(campaign, personas.hromada.code)
    seen = version_on_page(signed_in(personas.official), campaign, personas.hromada.code)

    def save_once(n: int) -> list[int]:
        client = signed_in(personas.official)
        return [client.post(url, {"value": str(100 + n), "seen": seen}, headers=HTMX).status_code]

    codes = in_threads(save_once)
    assert sorted(codes) == [200] + [409] * (THREADS - 1)
    assert ObservationHistory.objects.filter(year=YEAR).count() == 1


@pytest.mark.django_db
def test_a_value_changed_under_the_official_is_shown_beside_theirs_and_not_overwritten(
    personas: Personas,
) -> None:
    campaign = make_campaign([personas.hromada])
    code = personas.hromada.code
    first_tab, second_tab = signed_in(personas.official), signed_in(personas.official)
    seen_by_second = version_on_page(second_tab, campaign, code)
    url = field_url(campaign, code)
    first = first_tab.post(
        url, {"value": "1200", "seen": version_on_page(first_tab, campaign, code)}, headers=HTMX
    )
    assert first.status_code == 200

    second = second_tab.post(url, {"value": "1500", "seen": seen_by_second}, headers=HTMX)

    assert second.status_code == 409
    html = second.content.decode()
    assert "1\u00a0200" in html and "1\u00a0500" in html  # the saved value and theirs
    assert "не збережено" in html
    assert Observation.all_objects.get(territory=personas.hromada, year=YEAR).value == 1200.0
    assert ObservationHistory.objects.filter(year=YEAR).count() == 1
    newer = re.search(r'name="seen" id="seen-[^"]+" value="([^"]*)" hx-swap-oob', html)
    assert newer, "the answer gives the form the version it has now shown"

    again = second_tab.post(url, {"value": "1500", "seen": newer.group(1)}, headers=HTMX)

    assert again.status_code == 200
    assert Observation.all_objects.get(territory=personas.hromada, year=YEAR).value == 1500.0


@pytest.mark.django_db
def test_a_save_that_meets_a_busy_database_says_so_instead_of_failing(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    campaign = make_campaign([personas.hromada])

    def locked(*args: object, **kwargs: object) -> None:
        raise OperationalError("database is locked")  # SQLite after its busy timeout

    monkeypatch.setattr(entry_views, "save_answer_parts", locked)
    response = signed_in(personas.official).post(
        field_url(campaign, personas.hromada.code), {"value": "1200"}, headers=HTMX
    )

    assert response.status_code == 503
    assert "великого імпорту" in response.content.decode()
    assert not Observation.all_objects.filter(year=YEAR).exists()


@pytest.mark.django_db(transaction=True)
def test_a_save_behind_an_import_holding_the_field_gives_way_instead_of_waiting(
    personas: Personas,
) -> None:
    """An import holds the rows it wrote until it commits; a form field waiting on them for
    longer than PostgreSQL's deadlock check could deadlock with a file giving the field's
    parts far apart and cancel the whole import, so the save gives way and says so."""
    postgresql_only()
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    url = field_url(campaign, personas.hromada.code)
    assert client.post(url, {"value": "1200"}, headers=HTMX).status_code == 200
    holding, done = threading.Event(), threading.Event()

    def import_holding_the_row() -> None:
        try:
            with transaction.atomic():
                Observation.all_objects.select_for_update().get(year=YEAR)
                holding.set()
                done.wait(30)
        finally:
            connections.close_all()

    importer = threading.Thread(target=import_holding_the_row)
    importer.start()
    try:
        assert holding.wait(10)
        response = client.post(url, {"value": "1300"}, headers=HTMX)
    finally:
        done.set()
        importer.join()

    assert response.status_code == 503
    assert "великого імпорту" in response.content.decode()
    assert Observation.all_objects.get(year=YEAR).value == 1200.0
    assert client.post(url, {"value": "1300"}, headers=HTMX).status_code == 200
    assert Observation.all_objects.get(year=YEAR).value == 1300.0
