"""Analysts write the validation rules of the questionnaires on a page of their own.

A rule is an expression in the formula language, true when the data are fine. It is read
and its codes checked before it is saved (the same check as a derived indicator's formula),
and every creation and change is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from hromada.audit.actions import record_audit
from hromada.collection.models import ValidationRule
from hromada.collection.permissions import can_manage_campaigns
from hromada.indicators.formula import check_formula
from hromada.indicators.models import Indicator

FIELDS = ("expression", "severity", "message_uk", "message_en", "is_active")


@dataclass(frozen=True)
class RuleInput:
    expression: str
    severity: str
    message_uk: str
    message_en: str = ""
    is_active: bool = True


def known_codes() -> dict[str, str]:
    return dict(Indicator.objects.values_list("code", "formula"))


def save_rule(rule: ValidationRule | None, given: RuleInput, *, by: Any) -> ValidationRule:
    """Create (rule None) or change a rule. Raises FormulaError for an expression that does
    not read or names unknown codes, PermissionDenied for anyone but an analyst."""
    if not can_manage_campaigns(by):
        raise PermissionDenied
    expression = given.expression.strip()
    check_formula(expression, known_codes())
    with transaction.atomic():
        if rule is None:
            rule = ValidationRule(created_by=by)
            old = dict.fromkeys(FIELDS)
            verb = "create"
        else:
            rule = ValidationRule.objects.select_for_update().get(pk=rule.pk)
            old = {name: getattr(rule, name) for name in FIELDS}
            verb = "update"
        new = {**given.__dict__, "expression": expression}
        for name in FIELDS:
            setattr(rule, name, new[name])
        rule.save()
        changes = {name: (old[name], new[name]) for name in FIELDS}
        record_audit(action=f"collection.rule.{verb}", obj=rule, by=by, changes=changes)
    return rule
