"""Copy the registry's own audit rows into the one audit log before the old table goes.

Old action codes named what had happened (`members.membership.admitted`); the one log names
what the person did (`members.membership.admit`), so the codes are renamed on the way.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

RENAMED = {
    "admitted": "admit",
    "status_changed": "change_status",
    "updated": "update",
    "imported": "import",
    "recorded": "record",
    "paid": "mark_paid",
    "created": "create",
}


def _new_code(action: str) -> str:
    room, _, verb = action.rpartition(".")
    return f"{room}.{RENAMED.get(verb, verb)}"


def _actor_name(user: Any) -> str:
    if user is None:
        return ""
    full_name = f"{user.first_name} {user.last_name}".strip()
    return full_name or str(user.username)


def copy_entries(apps: Any, schema_editor: Any) -> None:
    old_entries = apps.get_model("members", "AuditEntry")
    new_entries = apps.get_model("audit", "AuditEntry")
    for old in old_entries.objects.select_related("actor").order_by("pk").iterator():
        code = _new_code(old.action)
        entry = new_entries.objects.create(
            action=code,
            actor=old.actor,
            actor_name=_actor_name(old.actor),
            object_type=code.rpartition(".")[0],
            object_repr=old.target[:200],
            changes=old.changes,
        )
        # acted_at is filled in on creation; give the copy the old row's time.
        new_entries.objects.filter(pk=entry.pk).update(acted_at=old.acted_at)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_seed_sections"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_entries, migrations.RunPython.noop)]
