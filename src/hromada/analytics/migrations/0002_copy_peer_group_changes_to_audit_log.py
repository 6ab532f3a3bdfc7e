"""Copy the peer groups' own change rows into the one audit log before the old table goes."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _actor_name(user: Any) -> str:
    if user is None:
        return ""
    full_name = f"{user.first_name} {user.last_name}".strip()
    return full_name or str(user.username)


def copy_changes(apps: Any, schema_editor: Any) -> None:
    old_changes = apps.get_model("analytics", "PeerGroupChange")
    new_entries = apps.get_model("audit", "AuditEntry")
    for old in old_changes.objects.select_related("changed_by").order_by("pk").iterator():
        entry = new_entries.objects.create(
            action=f"analytics.peergroup.{old.action}",
            actor=old.changed_by,
            actor_name=_actor_name(old.changed_by),
            object_type="analytics.peergroup",
            object_id=str(old.group_id or ""),
            object_repr=old.group_name[:200],
            changes=old.changes,
        )
        # acted_at is filled in on creation; give the copy the old row's time.
        new_entries.objects.filter(pk=entry.pk).update(acted_at=old.changed_at)


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0001_initial"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_changes, migrations.RunPython.noop)]
