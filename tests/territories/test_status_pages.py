"""Analysts record, change and end wartime statuses; everyone else gets 403."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hromada.territories import actions
from hromada.territories.models import TerritoryStatus
from tests.conftest import Personas
from tests.territories import factories as f


def url(name: str, *args: object) -> str:
    with translation.override("en"):
        return reverse(f"territories:{name}", args=args)


@pytest.mark.parametrize("who", ["official", "coordinator", "outsider", None])
def test_only_analysts_may_open_the_status_pages(
    client: Client, personas: Personas, who: str | None
) -> None:
    record = f.make_status(personas.hromada)
    if who:
        client.force_login(getattr(personas, who))
    code = personas.hromada.code
    for page in (
        url("status_add", code),
        url("status_edit", code, record.pk),
        url("status_end", code, record.pk),
    ):
        # Visitors who are not signed in are sent to sign in; others are refused.
        expected = 403 if who else 302
        assert client.get(page).status_code == expected
        assert client.post(page, {"end_date": "2023-01-01"}).status_code == expected
    assert TerritoryStatus.objects.get().end_date is None


def test_an_analyst_adds_a_status_and_is_recorded_as_its_author(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.analyst)
    response = client.post(
        url("status_add", personas.hromada.code),
        {"status": "hostilities", "start_date": "2022-02-24", "source": "Order No. 309"},
    )
    assert response.status_code == 302
    record = TerritoryStatus.objects.get()
    assert (record.status, record.start_date, record.end_date) == (
        "hostilities",
        dt.date(2022, 2, 24),
        None,
    )
    assert record.created_by == personas.analyst and record.updated_by == personas.analyst
    page = client.get(url("detail", personas.hromada.code)).content.decode()
    assert "area of hostilities" in page and "Order No. 309" in page


def test_an_analyst_changes_and_ends_a_status(client: Client, personas: Personas) -> None:
    record = f.make_status(personas.hromada)
    client.force_login(personas.analyst)
    client.post(
        url("status_edit", personas.hromada.code, record.pk),
        {"status": "occupied", "start_date": "2022-02-25", "source": "corrected", "note": ""},
    )
    client.post(url("status_end", personas.hromada.code, record.pk), {"end_date": "2022-11-11"})
    record.refresh_from_db()
    assert (record.start_date, record.end_date, record.source) == (
        dt.date(2022, 2, 25),
        dt.date(2022, 11, 11),
        "corrected",
    )
    assert record.updated_by == personas.analyst


def test_an_end_before_the_start_is_refused_on_the_form(client: Client, personas: Personas) -> None:
    record = f.make_status(personas.hromada)
    client.force_login(personas.analyst)
    response = client.post(
        url("status_end", personas.hromada.code, record.pk), {"end_date": "2021-01-01"}
    )
    assert response.status_code == 200
    assert "The end comes before the start." in response.content.decode()
    record.refresh_from_db()
    assert record.end_date is None


def test_overlapping_periods_of_the_same_status_are_refused(
    client: Client, personas: Personas
) -> None:
    f.make_status(personas.hromada, end_date=dt.date(2022, 4, 30))
    client.force_login(personas.analyst)
    response = client.post(
        url("status_add", personas.hromada.code),
        {"status": "occupied", "start_date": "2022-04-01"},
    )
    assert "overlaps the same status from 2022-02-24" in response.content.decode()
    assert TerritoryStatus.objects.count() == 1


def test_the_actions_check_the_permission_themselves(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        actions.add_status(
            personas.hromada,
            by=personas.official,
            status="occupied",
            start_date=dt.date(2022, 3, 1),
        )
    with pytest.raises(ValidationError):
        actions.add_status(
            personas.hromada,
            by=personas.analyst,
            status="occupied",
            start_date=dt.date(2022, 3, 1),
            end_date=dt.date(2022, 2, 1),
        )
    assert not TerritoryStatus.objects.exists()


def test_the_page_offers_editing_only_to_analysts(client: Client, personas: Personas) -> None:
    f.make_status(personas.hromada)
    add_link = url("status_add", personas.hromada.code)
    client.force_login(personas.official)
    assert add_link not in client.get(url("detail", personas.hromada.code)).content.decode()
    client.force_login(personas.analyst)
    assert add_link in client.get(url("detail", personas.hromada.code)).content.decode()
