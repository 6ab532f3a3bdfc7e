"""The registry in the admin: territories are read-only (the codifier import owns them);
wartime statuses are edited through the same actions as the analysts' pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hromada.accounts.acting import acting_user
from hromada.accounts.permissions import can_edit_territory_status
from hromada.territories import actions
from hromada.territories.models import CodifierImport, Territory, TerritoryStatus

if TYPE_CHECKING:
    from typing import TypeAlias

    from django.forms import ModelForm

    ModelAdmin: TypeAlias = admin.ModelAdmin[Any]
    Form: TypeAlias = ModelForm[Any]
    StatusModelForm: TypeAlias = ModelForm[TerritoryStatus]
else:
    ModelAdmin = admin.ModelAdmin
    Form = object
    StatusModelForm = forms.ModelForm


class ValidityFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "valid"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("in the codifier")), ("no", _("retired"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(valid_to__isnull=True)
        if self.value() == "no":
            return queryset.filter(valid_to__isnull=False)
        return queryset


class ReadOnlyAdmin(ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Territory)
class TerritoryAdmin(ReadOnlyAdmin):
    list_display = ("code", "name_uk", "name_en", "level", "category", "hromada_type", "valid_to")
    list_filter = ("level", "category", "hromada_type", "is_crimea", ValidityFilter)
    search_fields = ("code", "name_uk", "name_en")
    list_select_related = ()
    show_full_result_count = False


@admin.register(CodifierImport)
class CodifierImportAdmin(ReadOnlyAdmin):
    list_display = ("imported_at", "file_name", "created", "updated", "retired", "unchanged")


class StatusAdminForm(StatusModelForm):
    class Meta:
        model = TerritoryStatus
        fields = ["territory", "status", "start_date", "end_date", "source", "note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            candidate = TerritoryStatus(pk=self.instance.pk, **data)
            try:
                actions.validate_status(candidate)
            except ValidationError as error:
                self.add_error(None, error)
        return data


@admin.register(TerritoryStatus)
class TerritoryStatusAdmin(ModelAdmin):
    form = StatusAdminForm
    list_display = ("territory", "status", "start_date", "end_date", "source", "updated_by")
    list_filter = ("status", "start_date", "end_date")
    search_fields = ("territory__code", "territory__name_uk", "territory__name_en")
    list_select_related = ("territory", "updated_by")
    raw_id_fields = ("territory",)
    fields = ("territory", "status", "start_date", "end_date", "source", "note")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return can_edit_territory_status(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_edit_territory_status(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a status is ended, not deleted

    def save_model(
        self, request: HttpRequest, obj: TerritoryStatus, form: Form, change: bool
    ) -> None:
        actions.save_status(obj, by=acting_user(request))
