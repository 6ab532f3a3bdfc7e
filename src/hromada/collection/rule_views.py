"""The analysts' page of validation rules: the list, a form with a live check, saving."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hromada.accounts.acting import acting_user
from hromada.collection.models import ValidationRule
from hromada.collection.permissions import can_manage_campaigns
from hromada.collection.rule_actions import RuleInput, save_rule
from hromada.collection.rule_trial import MAX_LENGTH, try_rule
from hromada.indicators.formula import FormulaError


class RuleForm(forms.Form):
    expression = forms.CharField(
        label=gettext_lazy("Expression"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "True when the data are fine, in the formula language over indicator codes, "
            "e.g. education.pupils >= education.pupils_grade1."
        ),
    )
    severity = forms.ChoiceField(
        label=gettext_lazy("Severity"), choices=ValidationRule.Severity.choices
    )
    message_uk = forms.CharField(label=gettext_lazy("Message (Ukrainian)"), max_length=300)
    message_en = forms.CharField(
        label=gettext_lazy("Message (English)"), max_length=300, required=False
    )
    is_active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)


def _require_analyst(request: HttpRequest) -> None:
    if not can_manage_campaigns(request.user):
        raise PermissionDenied


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    _require_analyst(request)
    rules = ValidationRule.objects.order_by("-is_active", "pk")
    return render(request, "collection/rules.html", {"rules": rules})


@login_required
def rule_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_analyst(request)
    rule = None if pk is None else get_object_or_404(ValidationRule, pk=pk)
    initial = {} if rule is None else {name: getattr(rule, name) for name in RuleForm.base_fields}
    form = RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_rule(rule, RuleInput(**form.cleaned_data), by=acting_user(request))
        except FormulaError as error:
            form.add_error("expression", str(error))
        else:
            messages.success(request, _("The validation rule is saved."))
            return redirect("collection:rules")
    expression = form["expression"].value() or ""
    context = {"form": form, "rule": rule, "trial": try_rule(str(expression))}
    return render(request, "collection/rule_form.html", context)


@login_required
def rule_check(request: HttpRequest) -> HttpResponse:
    """The live check under the expression field (htmx, while the analyst types)."""
    _require_analyst(request)
    trial = try_rule(request.GET.get("expression", ""))
    return render(request, "collection/_rule_check.html", {"trial": trial})
