from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from hromada.analytics.actions import PeerGroupInput, create_peer_group
from hromada.analytics.models import PeerGroup
from hromada.audit.models import AuditEntry
from tests.analytics.factories import Dataset
from tests.conftest import Personas


def test_analyst_defines_a_rule_group_used_in_rankings(
    client: Client, personas: Personas, dataset: Dataset
) -> None:
    client.force_login(personas.analyst)
    response = client.post(
        reverse("analytics:group_create"),
        {
            "name_uk": "Малі села",
            "name_en": "Small villages",
            "kind": "rule",
            "hromada_types": ["village"],
            "bands": ["5k-10k"],
            "oblasts": [str(dataset.oblast.pk)],
        },
    )
    assert response.status_code == 302
    group = PeerGroup.objects.get(name_uk="Малі села")
    created = AuditEntry.objects.get(action="analytics.peergroup.create", object_id=str(group.pk))
    assert created.actor == personas.analyst
    ranking = client.get(
        reverse("analytics:indicator", kwargs={"code": "demography.population"}),
        {"peers": group.key},
    )
    assert {row.name for row in ranking.context["page"].rows} == {"Бета", "Гамма"}


def test_analyst_saves_a_list_and_edits_it(
    client: Client, personas: Personas, dataset: Dataset
) -> None:
    client.force_login(personas.analyst)
    # One ticked by code, one typed by name into the picker's field.
    client.post(
        reverse("analytics:group_create"),
        {
            "name_uk": "Партнери",
            "kind": "list",
            "hromada_codes": [dataset.hromadas[0].code, "бета"],
        },
    )
    group = PeerGroup.objects.get(name_uk="Партнери")
    codes = {t.code for t in dataset.hromadas[:2]}
    assert set(group.hromadas.values_list("code", flat=True)) == codes
    page = client.get(reverse("analytics:group_edit", kwargs={"pk": group.pk})).content.decode()
    for code in codes:
        assert f'name="hromada_codes" value="{code}" checked' in page
    client.post(
        reverse("analytics:group_edit", kwargs={"pk": group.pk}),
        {"name_uk": "Партнери", "kind": "list", "hromada_codes": dataset.hromadas[4].code},
    )
    assert list(group.hromadas.values_list("code", flat=True)) == [dataset.hromadas[4].code]


def test_an_unknown_code_in_a_list_is_refused(
    client: Client, personas: Personas, dataset: Dataset
) -> None:
    client.force_login(personas.analyst)
    response = client.post(
        reverse("analytics:group_create"),
        {"name_uk": "Хибний", "kind": "list", "hromada_codes": "UA00000000000000009"},
    )
    assert response.status_code == 200
    assert "UA00000000000000009" in response.content.decode()
    assert not PeerGroup.objects.exists()


def test_analyst_deletes_a_group_and_the_trail_remains(
    client: Client, personas: Personas, dataset: Dataset
) -> None:
    group = create_peer_group(PeerGroupInput("Тимчасова", "rule"), by=personas.analyst)
    client.force_login(personas.analyst)
    client.post(reverse("analytics:group_delete", kwargs={"pk": group.pk}))
    assert not PeerGroup.objects.exists()
    deleted = AuditEntry.objects.get(action="analytics.peergroup.delete")
    assert deleted.object_repr == "Тимчасова"
    assert deleted.changes["name_uk"] == ["Тимчасова", None]


def test_an_official_cannot_define_peer_groups(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        create_peer_group(PeerGroupInput("Ні", "rule"), by=personas.official)


def test_everyone_sees_the_groups(client: Client, dataset: Dataset) -> None:
    create_peer_group(PeerGroupInput("Видима група", "rule"), by=None)
    assert "Видима група" in client.get(reverse("analytics:groups")).content.decode()


def test_group_list_runs_a_constant_number_of_queries(
    client: Client, dataset: Dataset, django_assert_num_queries: Any
) -> None:
    for n in range(3):
        create_peer_group(
            PeerGroupInput(f"Група {n}", "rule", oblast_ids=[dataset.oblast.pk]), by=None
        )
    with django_assert_num_queries(4):
        client.get(reverse("analytics:groups"))
