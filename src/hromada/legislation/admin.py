from __future__ import annotations

from django.contrib import admin

from hromada.legislation.models import Subject


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin[Subject]):
    list_display = ["code", "name_uk", "name_en"]
    search_fields = ["code", "name_uk", "name_en"]
    filter_horizontal = ["sections"]
