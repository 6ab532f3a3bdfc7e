"""The content stamp: new whenever something a public page shows changes, not otherwise."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from hromada.analytics.actions import delete_peer_group
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from hromada.members.actions import admit_member
from hromada.territories.models import Territory
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


def test_registry_changes_change_the_stamp(dataset: Dataset, personas: Personas) -> None:
    stamps = [content_stamp().key]
    admit_member(dataset.hromadas[1], joined_on=dt.date(2020, 1, 1), by=personas.analyst)
    stamps.append(content_stamp().key)
    delete_peer_group(make_rule_group(dataset), by=personas.analyst)
    stamps.append(content_stamp().key)
    LogEntry.objects.create(
        user=personas.administrator,
        content_type=ContentType.objects.get_for_model(Territory),
        object_id=str(dataset.hromadas[0].pk),
        object_repr="renamed",
        action_flag=CHANGE,
    )
    stamps.append(content_stamp().key)
    assert len(set(stamps)) == 4
