"""The cached hromada frame: kept across publications of values (they do not change it),
rebuilt when the registry changes (memberships, wartime statuses) or the date does."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from hromada.analytics import frame as frame_module
from hromada.analytics.frame import cached_frame
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from hromada.members.actions import admit_member
from hromada.territories.actions import add_status
from hromada.web.stamps import content_stamp
from tests.analytics.factories import Dataset, make_dataset
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset() -> Dataset:
    cache.clear()
    return make_dataset()


def _publish(dataset: Dataset, value: float) -> None:
    alpha = dataset.hromadas[0]
    record_observations(
        [ValueInput(alpha.pk, dataset.population.pk, 2030, "", value, "")],
        by=None,
        reason="publish",
        status=Status.PUBLISHED,
    )


def test_a_publication_does_not_rebuild_the_frame(dataset: Dataset) -> None:
    cached_frame()
    before = content_stamp()
    _publish(dataset, 1.0)
    assert content_stamp().key != before.key  # pages and answers do change
    with mock.patch.object(frame_module, "load_frame", wraps=frame_module.load_frame) as load:
        cached_frame()
    assert load.call_count == 0


def test_a_membership_change_after_a_publication_still_shows(
    dataset: Dataset, personas: Personas
) -> None:
    joining, row = dataset.hromadas[1], cached_frame().row_of(dataset.hromadas[1].code)
    assert row is not None and not cached_frame().members[row]
    _publish(dataset, 1.0)
    admit_member(joining, joined_on=dt.date(2020, 1, 1), by=personas.analyst)
    assert cached_frame().members[row]
    add_status(joining, by=personas.analyst, status="occupied", start_date=dt.date(2022, 3, 1))
    assert cached_frame().occupied[row]


def test_a_new_day_rebuilds_the_frame(dataset: Dataset) -> None:
    cached_frame()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with (
        mock.patch("hromada.web.stamps.timezone.localdate", return_value=tomorrow),
        mock.patch.object(frame_module, "load_frame", wraps=frame_module.load_frame) as load,
    ):
        cached_frame()
    assert load.call_count == 1
