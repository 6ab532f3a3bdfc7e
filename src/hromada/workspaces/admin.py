from __future__ import annotations

from django.contrib import admin

from hromada.workspaces.models import Affiliation, Partner, SectionArea, Undeliverable


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin[Affiliation]):
    list_display = ["name_uk", "acronym", "status", "since", "until"]
    search_fields = ["name_uk", "name_en", "acronym"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin[Partner]):
    list_display = ["name_uk", "name_en", "country"]
    search_fields = ["name_uk", "name_en", "country"]


@admin.register(Undeliverable)
class UndeliverableAdmin(admin.ModelAdmin[Undeliverable]):
    list_display = ["address", "problem", "provider", "last_at", "reports"]
    search_fields = ["address"]
    list_filter = ["problem"]


@admin.register(SectionArea)
class SectionAreaAdmin(admin.ModelAdmin[SectionArea]):
    list_display = ["section", "area"]
    list_filter = ["section"]
