"""The content stamp: new whenever something a public page shows changes, not otherwise.

It reads the newest publication and the newest entry of the one audit log, so every kind of
audited change moves it; drafts of values do not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from hromada.accounts.actions import grant_role
from hromada.accounts.models import Role
from hromada.analytics.actions import delete_peer_group
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.catalogue_actions import update_indicator
from hromada.indicators.catalogue_spec import spec_of
from hromada.indicators.models import Area, Status
from hromada.members.actions import admit_member
from hromada.territories.actions import add_status
from hromada.web.stamps import content_stamp
from tests.analytics.factories import Dataset, make_dataset, make_rule_group
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset() -> Dataset:
    return make_dataset()


def test_a_draft_leaves_the_stamp_and_a_publication_changes_it(dataset: Dataset) -> None:
    before = content_stamp()
    assert content_stamp() == before  # stable while nothing changes
    alpha = dataset.hromadas[0]
    record_observations(
        [ValueInput(alpha.pk, dataset.population.pk, 2030, "", 1.0, "")],
        by=None,
        reason="draft",
        status=Status.DRAFT,
    )
    assert content_stamp() == before
    record_observations(
        [ValueInput(alpha.pk, dataset.population.pk, 2030, "", 1.0, "")],
        by=None,
        reason="publish",
        status=Status.PUBLISHED,
    )
    after = content_stamp()
    assert after.key != before.key and after.version > before.version
    assert after.published_at is not None


def _admit(dataset: Dataset, personas: Personas, client: Client) -> None:
    admit_member(dataset.hromadas[1], joined_on=dt.date(2020, 1, 1), by=personas.analyst)


def _delete_group(dataset: Dataset, personas: Personas, client: Client) -> None:
    delete_peer_group(make_rule_group(dataset), by=personas.analyst)


def _wartime_status(dataset: Dataset, personas: Personas, client: Client) -> None:
    add_status(
        dataset.hromadas[0], by=personas.analyst, status="occupied", start_date=dt.date(2022, 3, 1)
    )


def _rename_indicator(dataset: Dataset, personas: Personas, client: Client) -> None:
    spec = dataclasses.replace(spec_of(dataset.revenue), name_en="Own revenue of the budget")
    update_indicator(dataset.revenue, spec, by=personas.analyst, reason="clearer name")


def _grant_role(dataset: Dataset, personas: Personas, client: Client) -> None:
    grant_role(personas.outsider, role=Role.ANALYST, territory=None, by=personas.administrator)


def _edit_in_the_admin(dataset: Dataset, personas: Personas, client: Client) -> None:
    area = Area.objects.get(code="budget")
    client.force_login(personas.administrator)
    data = {"code": area.code, "name_uk": area.name_uk, "name_en": "Public finance", "order": 3}
    response = client.post(reverse("admin:indicators_area_change", args=[area.pk]), data)
    assert response.status_code == 302


@pytest.mark.parametrize(
    "change",
    [_admit, _delete_group, _wartime_status, _rename_indicator, _grant_role, _edit_in_the_admin],
    ids=lambda change: change.__name__.strip("_"),
)
def test_every_kind_of_change_moves_the_stamp(
    dataset: Dataset,
    personas: Personas,
    client: Client,
    change: Callable[[Dataset, Personas, Client], None],
) -> None:
    before = content_stamp()
    change(dataset, personas, client)
    after = content_stamp()
    assert after.key != before.key
    assert after.version == before.version  # nothing was published
