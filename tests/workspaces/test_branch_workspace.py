"""A regional branch's page: coordinators, the oblast's members, their reporting, events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hromada.collection.models import Campaign, State, Submission
from hromada.learning.models import Event, Registration, RegistrationState
from hromada.members.models import MembershipStatus, RegionalBranch
from tests import factories
from tests.conftest import Personas
from tests.members.factories import make_branch, make_membership


@pytest.fixture
def branch(personas: Personas) -> RegionalBranch:
    return make_branch(personas.oblast, email="poltava@example.org")


def _page(client: Client, branch: RegionalBranch) -> str:
    response = client.get(reverse("workspaces:branch", args=[branch.oblast.code]))
    assert response.status_code == 200
    return response.content.decode()


def _campaign(*, closed: bool) -> Campaign:
    today = timezone.localdate()
    closes = today - dt.timedelta(days=5) if closed else today + dt.timedelta(days=20)
    return Campaign.objects.create(
        year=2025,
        name_uk="Збір 2025",
        opens_on=today - dt.timedelta(days=40),
        closes_on=closes,
    )


def test_the_page_lists_the_oblasts_active_members_only(
    client: Client, personas: Personas, branch: RegionalBranch
) -> None:
    make_membership(personas.hromada)
    gone = factories.make_hromada(factories.make_raion(personas.oblast), name_uk="Вибула")
    make_membership(gone, status=MembershipStatus.LEFT, left_on=dt.date(2024, 1, 1))
    make_membership(personas.other_hromada)
    page = _page(client, branch)
    assert "Решетилівська" in page
    assert "Вибула" not in page
    assert "Миколаївська" not in page


def test_coordinator_names_are_public_but_their_e_mail_is_for_staff(
    client: Client, personas: Personas, branch: RegionalBranch
) -> None:
    page = _page(client, branch)
    assert personas.coordinator.get_full_name() in page
    assert personas.coordinator.email not in page
    client.force_login(personas.analyst)
    assert personas.coordinator.email in _page(client, branch)


def test_the_coordinator_follows_reporting_while_the_campaign_runs(
    client: Client, personas: Personas, branch: RegionalBranch
) -> None:
    make_membership(personas.hromada)
    campaign = _campaign(closed=False)
    Submission.objects.create(campaign=campaign, territory=personas.hromada, state=State.SUBMITTED)
    assert "подано" not in _page(client, branch).split('id="members-h"')[1]
    client.force_login(personas.coordinator)
    page = _page(client, branch)
    assert "подано — 1" in page


def test_the_public_sees_reporting_once_the_campaign_closed(
    client: Client, personas: Personas, branch: RegionalBranch
) -> None:
    make_membership(personas.hromada)
    campaign = _campaign(closed=True)
    Submission.objects.create(campaign=campaign, territory=personas.hromada, state=State.DRAFT)
    page = _page(client, branch)
    assert "чернетка — 1" in page


def test_a_coordinator_of_another_oblast_does_not_see_running_reporting(
    client: Client, personas: Personas, branch: RegionalBranch
) -> None:
    make_membership(personas.hromada)
    campaign = _campaign(closed=False)
    Submission.objects.create(campaign=campaign, territory=personas.hromada, state=State.SUBMITTED)
    client.force_login(factories.make_coordinator(personas.other_oblast, username="sumy"))
    assert "подано — 1" not in _page(client, branch)


def test_events_with_participants_from_the_oblast_are_listed(
    client: Client, personas: Personas, branch: RegionalBranch
) -> None:
    ours = Event.objects.create(
        title="Семінар у Полтаві", kind="webinar", programme="…", capacity=20, credits=1
    )
    theirs = Event.objects.create(
        title="Семінар у Сумах", kind="webinar", programme="…", capacity=20, credits=1
    )
    cancelled = Event.objects.create(
        title="Скасована участь", kind="webinar", programme="…", capacity=20, credits=1
    )
    for event, hromada, state in [
        (ours, personas.hromada, RegistrationState.CONFIRMED),
        (theirs, personas.other_hromada, RegistrationState.CONFIRMED),
        (cancelled, personas.hromada, RegistrationState.CANCELLED),
    ]:
        Registration.objects.create(
            event=event, full_name="Учасник", email="u@example.org", hromada=hromada, state=state
        )
    page = _page(client, branch)
    assert "Семінар у Полтаві" in page
    assert "Семінар у Сумах" not in page
    assert "Скасована участь" not in page


def test_the_branch_page_reads_in_a_bounded_number_of_queries(
    client: Client,
    personas: Personas,
    branch: RegionalBranch,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    raion = factories.make_raion(personas.oblast)
    campaign = _campaign(closed=True)
    for number in range(6):
        hromada = factories.make_hromada(raion, name_uk=f"Громада {number}")
        make_membership(hromada)
        Submission.objects.create(campaign=campaign, territory=hromada)
    with django_assert_max_num_queries(15):
        _page(client, branch)


def test_an_oblast_without_a_branch_is_not_found(client: Client, personas: Personas) -> None:
    url = reverse("workspaces:branch", args=[personas.other_oblast.code])
    assert client.get(url).status_code == 404


def test_the_branch_page_shows_the_oblasts_figures_from_the_snapshot(
    client: Client, db: None
) -> None:
    from hromada.analytics.snapshot import current_snapshot
    from tests.analytics.factories import make_dataset

    data = make_dataset()
    current_snapshot()  # built as the worker does after the publication
    branch = make_branch(data.oblast)
    page = _page(client, branch)
    # Population of the oblast's three hromadas in 2024: 50 000 + 7 800 + 6 200.
    figures = page[page.index('id="oblast-figures"') :]
    assert "64\u00a0000" in figures and "2024" in figures
