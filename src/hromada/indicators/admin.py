"""The admin for the statistical core.

Indicators save through the catalogue actions, so an edit here also bumps the version and
keeps a snapshot. Values and their history change only through the recording actions
(imports, forms, API): here they are read-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from hromada.accounts.acting import acting_user
from hromada.indicators import catalogue_actions
from hromada.indicators.catalogue_spec import Catalogue, spec_of
from hromada.indicators.catalogue_validation import catalogue_problems
from hromada.indicators.models import (
    Area,
    ImportBatch,
    Indicator,
    IndicatorVersion,
    Observation,
    ObservationHistory,
)

if TYPE_CHECKING:
    from typing import TypeAlias

    ModelAdmin: TypeAlias = admin.ModelAdmin[Any]
    TabularInline: TypeAlias = admin.TabularInline[Any, Any]
    ModelForm: TypeAlias = forms.ModelForm[Any]
else:
    ModelAdmin = admin.ModelAdmin
    TabularInline = admin.TabularInline
    ModelForm = forms.ModelForm

ADMIN_REASON = "admin"


class ReadOnlyAdmin(ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Area)
class AreaAdmin(ModelAdmin):
    list_display = ("code", "name_uk", "name_en", "order")
    search_fields = ("code", "name_uk", "name_en")


class VersionInline(TabularInline):
    model = IndicatorVersion
    extra = 0
    can_delete = False
    fields = ("version", "changed_at", "changed_by", "origin", "reason", "definition")
    readonly_fields = fields
    ordering = ("-version",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class IndicatorAdminForm(ModelForm):
    class Meta:
        model = Indicator
        exclude = ("version",)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        candidate = Indicator(**{k: v for k, v in data.items() if k != "id"})
        candidate.code = self.instance.code if self.instance.pk else data.get("code", "")
        stored = dict(Indicator.objects.values_list("code", "formula"))
        areas = set(Area.objects.values_list("code", flat=True))
        problems = catalogue_problems(
            Catalogue(indicators=[spec_of(candidate)]), stored_areas=areas, stored_formulas=stored
        )
        for problem in problems:
            self.add_error(problem.field if problem.field in self.fields else None, problem.message)
        return data


@admin.register(Indicator)
class IndicatorAdmin(ModelAdmin):
    form = IndicatorAdminForm
    list_display = ("code", "name_uk", "area", "unit", "aggregation", "version", "is_active")
    list_filter = ("area", "is_active", "aggregation", "value_type")
    search_fields = ("code", "name_uk", "name_en")
    list_select_related = ("area",)
    inlines = (VersionInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("code", "version") if obj is not None else ("version",)

    def save_model(self, request: HttpRequest, obj: Indicator, form: Any, change: bool) -> None:
        spec = spec_of(obj)
        if change:
            catalogue_actions.update_indicator(
                obj, spec, by=acting_user(request), reason=ADMIN_REASON
            )
        else:
            created = catalogue_actions.create_indicator(
                spec, by=acting_user(request), reason=ADMIN_REASON
            )
            obj.pk = created.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # codes are permanent; deactivate instead


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "territory", "year", "sex", "value", "missing", "status")
    list_filter = ("status", "year", "indicator__area")
    search_fields = ("indicator__code", "territory__code", "territory__name_uk")
    list_select_related = ("indicator", "territory")
    raw_id_fields = ("territory", "indicator", "batch", "updated_by")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Observation]:
        return Observation.all_objects.select_related("indicator", "territory")


@admin.register(ObservationHistory)
class ObservationHistoryAdmin(ReadOnlyAdmin):
    list_display = (
        "changed_at",
        "indicator",
        "territory",
        "year",
        "old_value",
        "new_value",
        "new_status",
        "reason",
        "changed_by",
    )
    list_filter = ("reason", "new_status")
    search_fields = ("indicator__code", "territory__code")
    list_select_related = ("indicator", "territory", "changed_by")


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ("file_name", "created_at", "created_by", "state", "new_count", "changed_count")
    list_filter = ("state", "file_format")
    list_select_related = ("created_by",)
