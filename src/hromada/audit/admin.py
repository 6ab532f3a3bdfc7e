from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from hromada.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ["acted_at", "action", "actor_name", "object_repr", "reason"]
    list_filter = ["action"]
    search_fields = ["action", "object_repr", "reason", "actor_name"]
    date_hierarchy = "acted_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
