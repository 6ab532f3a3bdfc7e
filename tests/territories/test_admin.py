"""The registry in the admin: territories to look up, statuses edited through the actions."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from hromada.territories.models import TerritoryStatus
from tests.conftest import Personas
from tests.territories import factories as f


@pytest.fixture
def admin_client_of(client: Client, personas: Personas) -> Client:
    client.force_login(personas.administrator)
    return client


def test_territories_can_be_searched_and_filtered_but_not_edited(
    admin_client_of: Client, personas: Personas
) -> None:
    f.make_tree()
    with translation.override("en"):
        found = admin_client_of.get("/en/admin/territories/territory/", {"q": "Вінниця"})
        filtered = admin_client_of.get(
            "/en/admin/territories/territory/", {"level__exact": "raion", "valid": "yes"}
        )
        add = admin_client_of.get("/en/admin/territories/territory/add/")
    assert f.CITY in found.content.decode()
    assert f.HROMADA not in found.content.decode()
    assert f.RAION in filtered.content.decode() and f.CITY not in filtered.content.decode()
    assert add.status_code == 403


def test_a_status_added_in_the_admin_records_its_author(
    admin_client_of: Client, personas: Personas
) -> None:
    response = admin_client_of.post(
        "/en/admin/territories/territorystatus/add/",
        {
            "territory": personas.hromada.pk,
            "status": "occupied",
            "start_date": "2022-02-24",
            "end_date": "",
            "source": "admin",
            "note": "",
        },
    )
    assert response.status_code == 302
    record = TerritoryStatus.objects.get()
    assert record.created_by == personas.administrator
    assert record.updated_by == personas.administrator


def test_the_admin_refuses_an_overlapping_status(
    admin_client_of: Client, personas: Personas
) -> None:
    f.make_status(personas.hromada)
    response = admin_client_of.post(
        "/en/admin/territories/territorystatus/add/",
        {"territory": personas.hromada.pk, "status": "occupied", "start_date": "2023-01-01"},
    )
    assert response.status_code == 200
    assert "overlaps the same status" in response.content.decode()
    assert TerritoryStatus.objects.count() == 1
