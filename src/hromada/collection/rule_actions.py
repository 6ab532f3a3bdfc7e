"""Validation rules: an analyst writes a check over indicator codes; each save is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from hromada.accounts.models import User
from hromada.audit.actions import record_audit
from hromada.collection.errors import CollectionError
from hromada.collection.models import ValidationRule
from hromada.collection.permissions import can_manage_campaigns
from hromada.indicators.formula import FormulaError, check_formula
from hromada.indicators.models import Indicator


@transaction.atomic
def create_validation_rule(
    expression: str,
    *,
    severity: str,
    message_uk: str,
    message_en: str = "",
    by: User | None,
) -> ValidationRule:
    """A new active rule, once its formula reads well and names only known indicators."""
    if not can_manage_campaigns(by):
        raise PermissionDenied
    expression = expression.strip()
    try:
        check_formula(expression, dict(Indicator.objects.values_list("code", "formula")))
    except FormulaError as error:
        raise CollectionError(str(error)) from error
    rule = ValidationRule.objects.create(
        expression=expression,
        severity=severity,
        message_uk=message_uk.strip(),
        message_en=message_en.strip(),
        created_by=by if getattr(by, "pk", None) else None,
    )
    record_audit(
        action="collection.rule.create",
        obj=rule,
        by=by,
        changes={"expression": (None, expression), "severity": (None, severity)},
    )
    return rule
