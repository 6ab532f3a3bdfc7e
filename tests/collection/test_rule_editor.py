"""Analysts write validation rules in the app, with a live check, instead of the admin."""

from __future__ import annotations

from html import escape

import pytest
from django.test import Client
from django.urls import reverse

from hromada.audit.models import AuditEntry
from hromada.collection.models import ValidationRule
from tests import factories
from tests.collection.factories import GRADE1, PUPILS, YEAR, make_campaign, put
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
RULE = f"{PUPILS} >= {GRADE1}"


def test_the_live_check_names_the_indicators_and_the_hromadas_it_would_flag(
    client: Client, personas: Personas
) -> None:
    wrong = factories.make_hromada(name_uk="Хибна")
    right = factories.make_hromada(name_uk="Правильна")
    make_campaign([wrong, right])
    put(wrong, PUPILS, YEAR, 100.0, status="draft")
    put(wrong, GRADE1, YEAR, 140.0, status="draft")
    put(right, PUPILS, YEAR, 100.0, status="draft")
    put(right, GRADE1, YEAR, 12.0, status="draft")
    client.force_login(personas.analyst)
    trial = client.get(reverse("collection:rule_check"), {"expression": RULE}).context["trial"]
    assert [code for code, _name in trial.indicators] == [PUPILS, GRADE1]
    assert (trial.flagged, trial.checked, trial.examples) == (1, 2, ["Хибна"])
    broken = client.get(reverse("collection:rule_check"), {"expression": f"{PUPILS} >= ("})
    assert broken.context["trial"].error
    unknown = client.get(reverse("collection:rule_check"), {"expression": "no.such >= 1"})
    assert "no.such" in unknown.context["trial"].error


def test_analyst_saves_and_edits_a_rule_and_the_audit_log_keeps_both(
    client: Client, personas: Personas
) -> None:
    make_campaign([personas.hromada])
    client.force_login(personas.analyst)
    fields = {"expression": RULE, "severity": "warning", "message_uk": "Першокласників більше"}
    response = client.post(reverse("collection:rule_new"), {**fields, "is_active": "on"})
    assert response.status_code == 302
    rule = ValidationRule.objects.get()
    assert (rule.expression, rule.severity, rule.is_active) == (RULE, "warning", True)
    client.post(reverse("collection:rule_edit", args=[rule.pk]), {**fields, "severity": "error"})
    rule.refresh_from_db()
    assert (rule.severity, rule.is_active) == ("error", False)
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == ["collection.rule.create", "collection.rule.update"]
    update = AuditEntry.objects.get(action="collection.rule.update")
    assert update.changes["severity"] == ["warning", "error"]
    assert escape(RULE) in client.get(reverse("collection:rules")).content.decode()


def test_a_rule_that_does_not_read_is_refused_and_nothing_is_saved(
    client: Client, personas: Personas
) -> None:
    make_campaign([personas.hromada])
    client.force_login(personas.analyst)
    response = client.post(
        reverse("collection:rule_new"),
        {"expression": f"{PUPILS} >= no.such", "severity": "error", "message_uk": "x"},
    )
    assert response.status_code == 200
    assert "no.such" in response.content.decode()
    assert not ValidationRule.objects.exists()
