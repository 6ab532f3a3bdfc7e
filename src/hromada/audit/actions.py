"""Writing the audit log: the one function every action of every app calls."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from hromada.audit.models import AuditEntry

JsonValue = str | int | float | bool | None | list[Any] | dict[str, Any]


def _plain(value: object) -> JsonValue:
    """A value as JSON can hold it: model instances by their text, dates as ISO strings."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return str(value)


def _actor_name(by: Any) -> str:
    if by is None or not getattr(by, "is_authenticated", False):
        return ""
    full_name: str = by.get_full_name() if hasattr(by, "get_full_name") else ""
    return full_name or str(getattr(by, "username", ""))


def record_audit(
    *,
    action: str,
    obj: models.Model | None = None,
    by: Any = None,
    changes: Mapping[str, tuple[object, object]] | None = None,
    reason: str = "",
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEntry:
    """Write one entry. `changes` maps a field to (old, new); unchanged fields are dropped.

    `obj` names the object; an action about something that is not a model row (a file, a
    whole campaign's export) names it with object_type / object_id / object_repr instead.
    """
    if "." not in action:
        raise ValueError(f"audit action {action!r} is not a dotted code")
    kept = {
        field: [_plain(old), _plain(new)]
        for field, (old, new) in (changes or {}).items()
        if _plain(old) != _plain(new)
    }
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
    actor = by if getattr(by, "is_authenticated", False) and getattr(by, "pk", None) else None
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_name=_actor_name(by),
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        changes=kept,
        reason=reason,
    )


def field_changes(
    before: Mapping[str, object], after: object, fields: Iterable[str]
) -> dict[str, tuple[object, object]]:
    """The (old, new) pairs of `fields` between a snapshot dict and an object after a change."""
    return {field: (before.get(field), getattr(after, field)) for field in fields}


def snapshot(obj: object, fields: Iterable[str]) -> dict[str, object]:
    """The values of `fields` before a change, to hand to `field_changes` afterwards."""
    return {field: getattr(obj, field) for field in fields}
