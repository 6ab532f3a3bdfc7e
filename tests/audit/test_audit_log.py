"""One audit log: every action writes an entry; analysts browse and filter it."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.audit.actions import record_audit
from hromada.audit.models import AuditEntry
from hromada.audit.queries import AuditFilters, entries
from tests.conftest import Personas


def test_an_entry_keeps_who_what_which_fields_and_why(personas: Personas) -> None:
    entry = record_audit(
        action="members.membership.admit",
        obj=personas.hromada,
        by=personas.analyst,
        changes={"status": ("", "active"), "name": ("Решетилівська", "Решетилівська")},
        reason="Рішення правління №5",
    )
    assert entry.actor == personas.analyst
    assert entry.actor_name == personas.analyst.get_full_name()
    assert entry.object_type == "territories.territory"
    assert entry.object_id == str(personas.hromada.pk)
    assert entry.object_repr == str(personas.hromada)
    # An unchanged field is no change and is not written.
    assert entry.changes == {"status": ["", "active"]}
    assert entry.reason == "Рішення правління №5"


def test_an_action_code_must_be_dotted(personas: Personas) -> None:
    with pytest.raises(ValueError, match="dotted"):
        record_audit(action="admit", obj=personas.hromada, by=personas.analyst)


def test_an_anonymous_or_system_action_has_no_actor(personas: Personas) -> None:
    entry = record_audit(action="territories.codifier.import", object_repr="kodifikator.xlsx")
    assert entry.actor is None and entry.actor_name == ""


def test_filters_by_room_prefix_actor_and_object(personas: Personas) -> None:
    record_audit(action="members.membership.admit", obj=personas.hromada, by=personas.analyst)
    record_audit(action="membersx.other.thing", obj=personas.hromada, by=personas.analyst)
    record_audit(action="collection.value.save", obj=personas.other_hromada, by=personas.official)
    assert [e.action for e in entries(AuditFilters(action="members"))] == [
        "members.membership.admit"
    ]
    assert [e.action for e in entries(AuditFilters(actor="offic"))] == ["collection.value.save"]
    by_object = entries(
        AuditFilters(object_type="territories.territory", object_id=str(personas.hromada.pk))
    )
    assert by_object.count() == 2


def test_analysts_browse_the_log_and_others_are_refused(
    personas: Personas, client: Client, django_assert_max_num_queries: object
) -> None:
    for number in range(60):
        record_audit(
            action="members.membership.admit",
            obj=personas.hromada,
            by=personas.analyst,
            changes={"status": ("", f"s{number}")},
            reason="для перевірки",
        )
    client.force_login(personas.official)
    assert client.get("/audit/").status_code == 403
    client.force_login(personas.analyst)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        page = client.get("/audit/").content.decode()
    assert "members.membership.admit" in page and "s59" in page and "s9<" not in page
    assert "Сторінка 1 з 2" in page
    second = client.get("/audit/", {"page": 2}).content.decode()
    assert "s9 " in second or "s9<" in second
    filtered = client.get("/audit/", {"action": "collection"}).content.decode()
    assert "members.membership.admit" not in filtered


def test_the_log_cannot_be_edited_in_the_admin(personas: Personas, client: Client) -> None:
    entry = record_audit(action="members.membership.admit", obj=personas.hromada)
    client.force_login(personas.administrator)
    response = client.post(
        f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"}, follow=True
    )
    assert response.status_code == 403 or AuditEntry.objects.filter(pk=entry.pk).exists()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_log_page_reads_states_and_actions_in_ukrainian(
    personas: Personas, client: Client
) -> None:
    record_audit(
        action="collection.submission.submit",
        obj=personas.hromada,
        by=personas.official,
        changes={"state": ("draft", "submitted")},
    )
    client.force_login(personas.analyst)
    page = client.get("/audit/").content.decode()
    assert "чернетка → подано" in page
    assert "draft → submitted" not in page
    assert "collection.submission.submit" in page  # the code stays, for filtering
