"""Every room's actions write the one audit log: who, the dotted action, the fields, why."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from hromada.accounts.actions import create_user, grant_role
from hromada.accounts.models import Role
from hromada.analytics.actions import PeerGroupInput, create_peer_group, update_peer_group
from hromada.api.tokens import create_token, revoke_token
from hromada.audit.models import AuditEntry
from hromada.collection.workflow_actions import submit_submission
from hromada.dataio.actions import import_file, rollback_import
from hromada.dataio.convert import Options
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.catalogue_actions import update_indicator
from hromada.indicators.catalogue_spec import spec_of
from hromada.members.actions import admit_member, change_membership_status
from hromada.territories.actions import add_status, change_status
from tests.collection.factories import make_campaign, submission
from tests.collection.test_workflow import fill
from tests.conftest import Personas
from tests.dataio.factories import make_indicator, write

pytestmark = pytest.mark.django_db


def only(action: str) -> AuditEntry:
    return AuditEntry.objects.get(action=action)


def test_granting_a_role_is_recorded_with_the_old_and_new_role(personas: Personas) -> None:
    new = create_user("petrenko", role="", by=personas.administrator).user
    assert only("accounts.user.create").object_id == str(new.pk)
    grant_role(
        new, role=Role.OFFICIAL, territory=personas.hromada, by=personas.administrator,
        reason="Рішення про призначення",
    )  # fmt: skip
    entry = only("accounts.user.grant_role")
    assert entry.actor == personas.administrator
    assert entry.changes["role"] == ["", "official"]
    assert entry.changes["territory"] == [None, str(personas.hromada)]
    assert entry.reason == "Рішення про призначення"


def test_a_role_changed_in_the_admin_goes_through_grant_role(
    personas: Personas, client: Client
) -> None:
    client.force_login(personas.administrator)
    user = personas.outsider
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": Role.ANALYST,
        "territory": "",
        "is_active": "on",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "10:00:00",
    }
    response = client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.role == Role.ANALYST
    entry = only("accounts.user.grant_role")
    assert entry.changes["role"] == ["", "analyst"]
    # The admin's own note of the same change is not written twice.
    assert not AuditEntry.objects.filter(action="accounts.user.admin_change").exists()


def test_membership_actions_are_recorded_and_shown_translated_in_the_registry(
    personas: Personas, client: Client
) -> None:
    membership = admit_member(
        personas.hromada, joined_on=dt.date(2021, 3, 15), decision="№ 5", by=personas.analyst
    )
    change_membership_status(
        membership, status="suspended", on=dt.date(2024, 1, 10), reason="борг",
        by=personas.analyst,
    )  # fmt: skip
    entry = only("members.membership.change_status")
    assert entry.changes["status"] == ["active", "suspended"]
    assert entry.reason == "борг"
    client.force_login(personas.analyst)
    page = client.get(reverse("members:workspace", args=[personas.hromada.code])).content.decode()
    assert "Статус змінено" in page
    assert "Статус: активна → призупинена" in page
    assert ">suspended<" not in page and "active →" not in page


def test_wartime_statuses_record_what_changed(personas: Personas) -> None:
    record = add_status(
        personas.hromada, by=personas.analyst, status="occupied", start_date=dt.date(2022, 3, 1)
    )
    change_status(record, by=personas.analyst, end_date=dt.date(2022, 11, 11))
    added, changed = only("territories.status.add"), only("territories.status.change")
    assert added.changes["status"] == [None, "occupied"]
    assert changed.changes == {"end_date": [None, "2022-11-11"]}


def test_a_batch_of_values_writes_one_entry_with_counts(personas: Personas) -> None:
    indicator = make_indicator("budget.revenue")
    values = [
        ValueInput(personas.hromada.pk, indicator.pk, year, "", 1.0 * year, "")
        for year in range(2015, 2025)
    ]
    record_observations(values, by=personas.analyst, reason="import", status="published")
    entry = only("indicators.observation.import")
    assert entry.changes["new"] == [0, 10]
    assert entry.changes["status"] == ["", "published"]
    record_observations(values, by=personas.analyst, reason="import", status="published")
    assert AuditEntry.objects.filter(action__startswith="indicators.observation.").count() == 1


def test_a_catalogue_edit_records_the_changed_fields_and_reason(personas: Personas) -> None:
    indicator = make_indicator("budget.revenue")
    spec = dataclasses.replace(spec_of(indicator), name_en="Own revenue")
    update_indicator(indicator, spec, by=personas.analyst, reason="clearer")
    entry = only("indicators.indicator.update")
    assert entry.changes["name_en"][1] == "Own revenue"
    assert entry.changes["version"] == [1, 2]
    assert entry.reason == "clearer"


def test_the_review_workflow_records_each_step(personas: Personas, client: Client) -> None:
    target = fill(personas)
    submit_submission(target, by=personas.official, comment="Готово")
    entry = only("collection.submission.submit")
    assert (entry.actor, entry.changes["state"]) == (personas.official, ["draft", "submitted"])
    assert entry.reason == "Готово"
    assert AuditEntry.objects.filter(action="indicators.observation.workflow").exists()
    client.force_login(personas.analyst)
    page = client.get(reverse("collection:audit"), {"user": personas.official.username})
    text = page.content.decode()
    assert "подано" in text and "Подано" in text
    assert ">submitted<" not in text and "draft →" not in text


def test_campaign_creation_is_recorded(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada], analyst=personas.analyst)
    entry = only("collection.campaign.create")
    assert entry.object_id == str(campaign.pk) and entry.actor == personas.analyst
    assert submission(campaign, personas.hromada) is not None


def test_an_import_and_its_rollback_are_recorded(personas: Personas, tmp_path: Path) -> None:
    make_indicator("budget.revenue")
    text = f"territory,indicator,year,value\n{personas.hromada.code},budget.revenue,2023,1500\n"
    report = import_file(write(tmp_path, "a.csv", text), by=personas.analyst, options=Options())
    assert report.batch is not None
    imported = only("indicators.observation.import")
    assert imported.object_id == str(report.batch.pk)
    assert imported.changes["new"] == [0, 1]
    rollback_import(report.batch, by=personas.analyst)
    undone = only("dataio.batch.rollback")
    assert undone.changes["state"] == ["applied", "rolled_back"]
    assert undone.actor == personas.analyst


def test_peer_group_changes_record_old_and_new(personas: Personas) -> None:
    group = create_peer_group(PeerGroupInput("Села", "rule"), by=personas.analyst)
    update_peer_group(group, PeerGroupInput("Малі села", "rule"), by=personas.analyst)
    assert only("analytics.peergroup.update").changes == {"name_uk": ["Села", "Малі села"]}


def test_tokens_created_and_revoked_are_recorded(personas: Personas) -> None:
    token, _secret = create_token(
        by=personas.official, user=personas.official, name="ЦНАП", scopes=["write_drafts"],
        hromada=personas.hromada,
    )  # fmt: skip
    revoke_token(token, by=personas.official)
    assert only("api.token.create").changes["scopes"] == [None, ["write_drafts"]]
    assert only("api.token.revoke").actor == personas.official
