"""Progress boards, the public list of who reported, the audit page: contents and queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hromada.collection.entry_actions import Answer, save_answer
from hromada.collection.models import Campaign
from hromada.indicators.models import Indicator
from tests import factories
from tests.collection.factories import PUPILS, make_campaign, submission
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def campaign_with(personas: Personas, extra: int = 0) -> Campaign:
    raion = personas.hromada.raion
    more = [factories.make_hromada(raion) for _ in range(extra)]
    campaign = make_campaign([personas.hromada, personas.other_hromada, *more])
    answer = Answer(Indicator.objects.get(code=PUPILS), 10.0, "", "")
    save_answer(submission(campaign, personas.hromada), answer, by=personas.official)
    return campaign


def test_the_coordinator_sees_only_their_oblast(personas: Personas) -> None:
    campaign = campaign_with(personas)
    html = (
        signed_in(personas.coordinator)
        .get(reverse("collection:progress", args=[campaign.pk]))
        .content.decode()
    )
    assert personas.hromada.name_uk in html and personas.other_hromada.name_uk not in html
    everything = signed_in(personas.analyst).get(reverse("collection:progress", args=[campaign.pk]))
    assert personas.other_hromada.name_uk in everything.content.decode()


def test_the_board_counts_states_per_oblast(personas: Personas) -> None:
    from hromada.collection.board_queries import board

    campaign = campaign_with(personas, extra=2)
    lines = {line.oblast.pk: line.counts for line in board(campaign, personas.analyst).lines}
    assert lines[personas.oblast.pk] == {"draft": 1, "not_started": 2}
    assert lines[personas.other_oblast.pk] == {"not_started": 1}


@pytest.mark.parametrize("extra", [0, 5])
def test_the_progress_page_takes_the_same_queries_however_many_hromadas(
    personas: Personas, extra: int, django_assert_num_queries: object
) -> None:
    campaign = campaign_with(personas, extra=extra)
    client = signed_in(personas.analyst)
    with django_assert_num_queries(7):  # type: ignore[operator]
        assert client.get(reverse("collection:progress", args=[campaign.pk])).status_code == 200


def test_the_progress_exports_to_csv(personas: Personas) -> None:
    campaign = campaign_with(personas)
    response = signed_in(personas.analyst).get(
        reverse("collection:progress_export", args=[campaign.pk, "csv"])
    )
    assert personas.hromada.code in response.content.decode()


def test_the_public_list_appears_once_the_campaign_closes_and_shows_no_values(
    personas: Personas,
) -> None:
    campaign = campaign_with(personas)
    url = reverse("collection:public_status", args=[campaign.pk])
    assert Client().get(url).status_code == 404
    Campaign.objects.filter(pk=campaign.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    html = Client().get(url).content.decode()
    assert personas.hromada.name_uk in html and personas.other_hromada.name_uk in html
    assert "10" not in html.split("<main", 1)[1].split("</main>")[0].replace("2024", "")


@pytest.mark.parametrize("extra", [0, 5])
def test_the_public_list_takes_the_same_queries(
    personas: Personas, extra: int, django_assert_num_queries: object
) -> None:
    campaign = campaign_with(personas, extra=extra)
    Campaign.objects.filter(pk=campaign.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    with django_assert_num_queries(3):  # type: ignore[operator]
        Client().get(reverse("collection:public_status", args=[campaign.pk]))


def test_the_audit_page_shows_what_a_user_changed(personas: Personas) -> None:
    campaign_with(personas)
    client = signed_in(personas.analyst)
    html = client.get(reverse("collection:audit"), {"user": "official"}).content.decode()
    assert PUPILS in html
    assert signed_in(personas.official).get(reverse("collection:audit")).status_code == 403


@pytest.mark.parametrize("extra", [0, 5])
def test_the_entry_page_takes_the_same_queries(
    personas: Personas, extra: int, django_assert_num_queries: object
) -> None:
    campaign = campaign_with(personas, extra=extra)
    client = signed_in(personas.official)
    url = reverse("collection:entry", args=[campaign.pk, personas.hromada.code])
    client.get(url)
    with django_assert_num_queries(15):  # type: ignore[operator]
        assert client.get(url).status_code == 200
