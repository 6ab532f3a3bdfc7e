"""The checks an official meets while filling in, and that reviewers see on every value."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from hromada.collection.admin import ValidationRuleForm
from hromada.collection.models import Item, ValidationRule, ValueNote
from hromada.collection.queries import campaign_verdict
from hromada.collection.validation import Flag, Override, run_checks
from tests import factories
from tests.collection.factories import GRADE1, PUPILS, YEAR, make_campaign, make_peers, put

pytestmark = pytest.mark.django_db


def kinds(flags: list[Flag], code: str | None = None) -> set[str]:
    return {f.kind for f in flags if code is None or f.code == code}


def test_a_negative_count_is_an_impossible_value_and_an_error() -> None:
    hromada = factories.make_hromada()
    campaign = make_campaign([hromada])
    with translation.override("en"):
        flags = run_checks(campaign, overrides=[Override(hromada.pk, PUPILS, -5.0)])
    (flag,) = [f for f in flags if f.code == PUPILS]
    assert flag.kind == "range_impossible" and flag.is_error
    assert "impossible" in flag.message


def test_a_fraction_is_refused_for_a_count() -> None:
    hromada = factories.make_hromada()
    campaign = make_campaign([hromada])
    flags = run_checks(campaign, overrides=[Override(hromada.pk, PUPILS, 10.5)])
    assert "type" in kinds(flags, PUPILS)


def test_a_required_value_must_be_given_or_explained() -> None:
    hromada = factories.make_hromada()
    campaign = make_campaign([hromada])
    assert kinds(run_checks(campaign)) == {"required"}
    overrides = [
        Override(hromada.pk, PUPILS, 100.0),
        Override(hromada.pk, GRADE1, None, "not_applicable"),
    ]
    assert run_checks(campaign, overrides=overrides) == []


def test_an_analysts_rule_flags_a_part_larger_than_its_total() -> None:
    hromada = factories.make_hromada()
    campaign = make_campaign([hromada])
    ValidationRule.objects.create(
        expression=f"{PUPILS} >= {GRADE1}",
        message_uk="Частина більша за ціле",
        message_en="Part > total",
    )
    flags = run_checks(
        campaign,
        overrides=[Override(hromada.pk, PUPILS, 100.0), Override(hromada.pk, GRADE1, 300.0)],
    )
    (rule,) = [f for f in flags if f.kind == "rule"]
    assert rule.is_error and rule.message == "Частина більша за ціле"
    assert rule.concerns(PUPILS) and rule.concerns(GRADE1)


def test_an_inactive_rule_says_nothing() -> None:
    hromada = factories.make_hromada()
    campaign = make_campaign([hromada])
    ValidationRule.objects.create(
        expression=f"{PUPILS} >= {GRADE1}", message_uk="x", is_active=False
    )
    flags = run_checks(
        campaign,
        overrides=[Override(hromada.pk, PUPILS, 100.0), Override(hromada.pk, GRADE1, 300.0)],
    )
    assert "rule" not in kinds(flags)


def test_a_jump_beyond_the_threshold_is_a_warning_and_the_threshold_can_be_raised() -> None:
    hromada = factories.make_hromada()
    campaign = make_campaign([hromada])
    put(hromada, PUPILS, YEAR - 1, 100.0)
    override = [Override(hromada.pk, PUPILS, 160.0)]
    (flag,) = [f for f in run_checks(campaign, overrides=override) if f.kind == "yoy"]
    assert not flag.is_error and "+60%" in flag.message
    Item.objects.filter(campaign=campaign, indicator__code=PUPILS).update(change_threshold=1.0)
    assert "yoy" not in kinds(run_checks(campaign, overrides=override))


def test_a_peer_outlier_is_explained_in_words() -> None:
    hromadas = make_peers(12)
    campaign = make_campaign(hromadas)
    overrides = [Override(h.pk, PUPILS, 800.0 + 10 * i) for i, h in enumerate(hromadas)]
    overrides[0] = Override(hromadas[0].pk, PUPILS, 8000.0)
    with translation.override("en"):
        flags = [f for f in run_checks(campaign, overrides=overrides) if f.kind == "peer"]
    assert [f.territory_id for f in flags] == [hromadas[0].pk]
    assert "9.2 " in flags[0].message and "12" in flags[0].message


def test_peer_outliers_need_enough_peers() -> None:
    hromadas = make_peers(6)
    campaign = make_campaign(hromadas)
    overrides = [Override(h.pk, PUPILS, 800.0 + 10 * i) for i, h in enumerate(hromadas)]
    overrides[0] = Override(hromadas[0].pk, PUPILS, 8000.0)
    assert "peer" not in kinds(run_checks(campaign, overrides=overrides))


def test_validate_campaign_prints_counts_by_kind() -> None:
    hromada = factories.make_hromada()
    campaign = make_campaign([hromada])
    out = StringIO()
    call_command("validate_campaign", str(campaign.pk), stdout=out)
    assert "required" in out.getvalue()
    assert "2 flags in 1 of 1 hromadas" in out.getvalue()


def test_validate_campaign_counts_missing_values_without_a_reason_as_the_page_does() -> None:
    explained, silent = factories.make_hromada(), factories.make_hromada()
    campaign = make_campaign([explained, silent], required=False)
    put(explained, PUPILS, YEAR, None, status="draft")
    put(silent, PUPILS, YEAR, None, status="draft")
    submission = campaign.submissions.get(territory=explained)
    ValueNote.objects.create(
        submission=submission,
        indicator=Item.objects.get(indicator__code=PUPILS).indicator,
        comment="Школу закрито",
    )
    out = StringIO()
    call_command("validate_campaign", str(campaign.pk), stdout=out)
    assert "reason     error    1" in out.getvalue()
    flagged = [f for f in campaign_verdict(campaign).flags if f.kind == "reason"]
    assert [(f.territory_id, f.code) for f in flagged] == [(silent.pk, PUPILS)]


def test_a_rule_with_an_unknown_code_cannot_be_saved_in_the_admin() -> None:
    make_campaign([factories.make_hromada()])
    bad = ValidationRuleForm(
        {
            "expression": "education.nothing > 0",
            "severity": "error",
            "message_uk": "x",
            "is_active": True,
        }
    )
    assert not bad.is_valid() and "expression" in bad.errors
    good = ValidationRuleForm(
        {
            "expression": f"{PUPILS} >= {GRADE1}",
            "severity": "error",
            "message_uk": "x",
            "is_active": True,
        }
    )
    assert good.is_valid()


def test_a_small_count_wandering_by_chance_raises_no_warning() -> None:
    hromada = factories.make_hromada()
    campaign = make_campaign([hromada])
    put(hromada, PUPILS, YEAR - 1, 2.0)
    assert "yoy" not in kinds(run_checks(campaign, overrides=[Override(hromada.pk, PUPILS, 5.0)]))
    assert "yoy" in kinds(run_checks(campaign, overrides=[Override(hromada.pk, PUPILS, 15.0)]))
