"""The admin for the registry. Saving goes through the same actions as the pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from hromada.accounts.acting import acting_user
from hromada.members import actions
from hromada.members.models import (
    Dues,
    Membership,
    MembershipChange,
    Person,
    RegionalBranch,
    Section,
)

if TYPE_CHECKING:
    from typing import TypeAlias

    from django.forms import ModelForm

    ModelAdmin: TypeAlias = admin.ModelAdmin[Any]
    TabularInline: TypeAlias = admin.TabularInline[Any, Any]
    Form: TypeAlias = ModelForm[Any]
else:
    ModelAdmin = admin.ModelAdmin
    TabularInline = admin.TabularInline
    Form = object


class ReadOnlyAdmin(ModelAdmin):
    """History is never edited or deleted by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MembershipChangeInline(TabularInline):
    model = MembershipChange
    extra = 0
    can_delete = False
    fields = ("old_status", "new_status", "effective_on", "reason", "changed_by")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(ModelAdmin):
    list_display = ["territory", "status", "joined_on", "left_on", "is_demo"]
    list_filter = ["status", "is_demo", "territory__hromada_type", "territory__oblast"]
    search_fields = ["territory__name_uk", "territory__name_en", "territory__code", "decision"]
    list_select_related = ["territory"]
    raw_id_fields = ["territory"]
    date_hierarchy = "joined_on"
    inlines = [MembershipChangeInline]

    def get_inlines(self, request: HttpRequest, obj: Any) -> tuple[type[TabularInline], ...]:
        return (MembershipChangeInline,) if obj else ()

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The status changes only through the workspace's status form, so history is kept.
        return ["territory", "status", "left_on", "is_demo"] if obj else []

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ("territory", "joined_on", "decision", "note")
        return ("territory", "joined_on", "status", "left_on", "decision", "note", "is_demo")

    def save_model(self, request: HttpRequest, obj: Membership, form: Form, change: bool) -> None:
        data = {k: form.cleaned_data[k] for k in ["joined_on", "decision", "note"]}
        if change:
            actions.update_membership_details(obj, by=acting_user(request), **data)
        else:
            created = actions.admit_member(
                form.cleaned_data["territory"], by=acting_user(request), **data
            )
            obj.pk = created.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Dues)
class DuesAdmin(ModelAdmin):
    list_display = ["membership", "year", "amount", "paid_on", "is_demo"]
    list_filter = ["year", ("paid_on", admin.EmptyFieldListFilter), "is_demo"]
    search_fields = ["membership__territory__name_uk", "membership__territory__code"]
    list_select_related = ["membership__territory"]
    raw_id_fields = ["membership"]
    fields = ["membership", "year", "amount", "paid_on"]

    def save_model(self, request: HttpRequest, obj: Dues, form: Form, change: bool) -> None:
        data = form.cleaned_data
        saved = actions.record_dues(
            data["membership"],
            year=data["year"],
            amount=data["amount"],
            paid_on=data["paid_on"],
            by=acting_user(request),
        )
        obj.pk = saved.pk


@admin.register(RegionalBranch)
class RegionalBranchAdmin(ModelAdmin):
    list_display = ["name_uk", "oblast", "email", "phone", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["name_uk", "name_en", "oblast__name_uk"]
    list_select_related = ["oblast"]
    fields = list(actions.BRANCH_FIELDS)

    def save_model(
        self, request: HttpRequest, obj: RegionalBranch, form: Form, change: bool
    ) -> None:
        fresh = RegionalBranch.objects.get(pk=obj.pk) if change else RegionalBranch()
        saved = actions.save_branch(fresh, by=acting_user(request), **form.cleaned_data)
        obj.pk = saved.pk


@admin.register(Section)
class SectionAdmin(ModelAdmin):
    list_display = ["name_uk", "name_en", "code", "order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name_uk", "name_en"]
    fields = list(actions.SECTION_FIELDS)

    def save_model(self, request: HttpRequest, obj: Section, form: Form, change: bool) -> None:
        fresh = Section.objects.get(pk=obj.pk) if change else Section()
        saved = actions.save_section(fresh, by=acting_user(request), **form.cleaned_data)
        obj.pk = saved.pk


@admin.register(Person)
class PersonAdmin(ModelAdmin):
    list_display = ["full_name", "position", "hromada", "consent", "is_demo"]
    list_filter = ["consent", "is_demo", "sections"]
    search_fields = ["full_name", "position", "email", "hromada__name_uk", "hromada__code"]
    list_select_related = ["hromada"]
    raw_id_fields = ["hromada"]
    filter_horizontal = ["sections"]
    fields = [*actions.PERSON_FIELDS, "sections"]

    def save_model(self, request: HttpRequest, obj: Person, form: Form, change: bool) -> None:
        data = {k: form.cleaned_data[k] for k in actions.PERSON_FIELDS}
        sections = form.cleaned_data["sections"]
        if change:
            actions.update_person(
                Person.objects.get(pk=obj.pk), by=acting_user(request), sections=sections, **data
            )
        else:
            obj.pk = actions.create_person(by=acting_user(request), sections=sections, **data).pk

    def save_related(self, request: HttpRequest, form: Form, formsets: Any, change: bool) -> None:
        """The sections were saved by the action in save_model."""


@admin.register(MembershipChange)
class MembershipChangeAdmin(ReadOnlyAdmin):
    list_display = [
        "membership",
        "old_status",
        "new_status",
        "effective_on",
        "changed_by",
        "changed_at",
    ]
    list_filter = ["new_status"]
    search_fields = ["membership__territory__name_uk", "membership__territory__code", "reason"]
    list_select_related = ["membership__territory", "changed_by"]
