"""The admin writes to the one audit log as well as to its own LogEntry table.

Most admin pages save through an app's action, which has already written its entry; then the
admin's own note is skipped, so one change is one entry. Edits the admin makes directly (a
territory's name, an indicator area) are written as `<app>.<model>.admin_add`,
`admin_change` or `admin_delete`, with the admin's own description of the change as reason.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from hromada.audit.actions import record_audit
from hromada.audit.models import AuditEntry

if TYPE_CHECKING:
    _Base = admin.ModelAdmin[Any]
else:
    _Base = object


def _described(message: object) -> str:
    """The admin's change message (a list of changes or text) as readable text."""
    text = message if isinstance(message, str) else json.dumps(message)
    return str(LogEntry(change_message=text).get_change_message())


def _already_recorded(obj: models.Model, request: HttpRequest) -> bool:
    """True when the action behind this admin page has just written its own entry."""
    newest = AuditEntry.objects.order_by("-pk").first()
    return (
        newest is not None
        and newest.object_type == obj._meta.label_lower
        and newest.object_id == str(obj.pk)
        and newest.actor_id == getattr(request.user, "pk", None)
    )


def _code(obj: models.Model, verb: str) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}.{verb}"


class AuditedAdmin(_Base):
    """Mixed into every ModelAdmin by the admin site (hromada.accounts.admin_site)."""

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        if not _already_recorded(obj, request):
            record_audit(
                action=_code(obj, "admin_add"), obj=obj, by=request.user, reason=_described(message)
            )
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        if not _already_recorded(obj, request):
            record_audit(
                action=_code(obj, "admin_change"),
                obj=obj,
                by=request.user,
                reason=_described(message),
            )
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        for obj in queryset:
            record_audit(action=_code(obj, "admin_delete"), obj=obj, by=request.user)
        return super().log_deletions(request, queryset)
