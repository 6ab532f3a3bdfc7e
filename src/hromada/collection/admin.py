"""The admin for the analysts' validation rules; campaigns and submissions have their own
pages, and their history is read-only here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from hromada.collection.models import SubmissionEvent, ValidationRule
from hromada.indicators.formula import FormulaError, check_formula
from hromada.indicators.models import Indicator

if TYPE_CHECKING:
    from typing import TypeAlias

    ModelAdmin: TypeAlias = admin.ModelAdmin[Any]
    ModelForm: TypeAlias = forms.ModelForm[Any]
else:
    ModelAdmin = admin.ModelAdmin
    ModelForm = forms.ModelForm


class ValidationRuleForm(ModelForm):
    class Meta:
        model = ValidationRule
        fields = ["expression", "severity", "message_uk", "message_en", "is_active"]

    def clean_expression(self) -> str:
        expression = str(self.cleaned_data["expression"]).strip()
        known = dict(Indicator.objects.values_list("code", "formula"))
        try:
            check_formula(expression, known)
        except FormulaError as error:
            raise forms.ValidationError(str(error)) from error
        return expression


@admin.register(ValidationRule)
class ValidationRuleAdmin(ModelAdmin):
    form = ValidationRuleForm
    list_display = ["expression", "severity", "message_uk", "is_active"]
    list_filter = ["severity", "is_active"]


@admin.register(SubmissionEvent)
class SubmissionEventAdmin(ModelAdmin):
    list_display = ["submission", "from_state", "to_state", "by", "at"]
    list_filter = ["to_state"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
