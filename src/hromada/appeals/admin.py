from __future__ import annotations

from django.contrib import admin

from hromada.appeals.models import Body


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin[Body]):
    list_display = ["code", "name_uk", "kind", "email", "deadline_days"]
    list_filter = ["kind"]
    search_fields = ["code", "name_uk", "name_en"]
