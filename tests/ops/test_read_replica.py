"""Public reads go to the read replica, everything else to the primary (hromada.ops.replica).

The replica here is a second alias opened on the same test database, as Django's test
MIRROR does, so the queries each alias ran show where the router sent them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hromada.territories.models import Territory
from tests import factories
from tests.conftest import Personas

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def replica(transactional_db: None) -> Iterator[None]:
    """Opened after the test database is set up, so it is the test database's twin."""
    connections.settings["replica"] = {**connections["default"].settings_dict, "CONN_MAX_AGE": None}
    # Opened here, directly: the test case refuses to open connections it was not told about.
    connections["replica"].connect()
    yield
    connections["replica"].close()
    del connections.settings["replica"]
    del connections["replica"]


def _queries(client: Client, method: str, url: str) -> tuple[int, int]:
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as secondary,
    ):
        getattr(client, method)(url)
    return len(primary.captured_queries), len(secondary.captured_queries)


def test_an_anonymous_visitors_pages_are_read_from_the_replica(
    client: Client, replica: None
) -> None:
    factories.make_oblast("Полтавська", "Poltavska")
    primary, secondary = _queries(client, "get", reverse("territories:browse"))
    assert secondary > 0
    assert primary == 0


def test_the_public_api_is_read_from_the_replica(client: Client, replica: None) -> None:
    primary, secondary = _queries(client, "get", "/api/v1/areas")
    assert secondary > 0
    assert primary == 0


def test_a_signed_in_person_reads_from_the_primary(
    client: Client, personas: Personas, replica: None
) -> None:
    client.force_login(personas.analyst)
    primary, secondary = _queries(client, "get", reverse("territories:browse"))
    assert primary > 0
    assert secondary == 0


def test_writes_and_their_requests_stay_on_the_primary(
    client: Client, personas: Personas, replica: None
) -> None:
    primary, secondary = _queries(client, "post", reverse("accounts:login"))
    assert primary > 0
    assert secondary == 0


def test_outside_a_request_everything_uses_the_primary(replica: None) -> None:
    factories.make_oblast("Сумська", "Sumska")
    with CaptureQueriesContext(connections["replica"]) as secondary:
        assert Territory.objects.count() == 1
    assert secondary.captured_queries == []
