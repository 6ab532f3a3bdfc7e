"""The kinds of error the demo plants (docs/demo.md) are each found by the checks.

The demo's builder needs the full catalogue, so this test plants the same kinds itself on
a small tree: twenty similar hromadas with clean, noisy values for two years.
"""

from __future__ import annotations

import numpy as np
import pytest

from hromada.collection.models import ValidationRule
from hromada.collection.validation import run_checks
from tests.collection.factories import YEAR, indicator, make_campaign, make_peers, put

pytestmark = pytest.mark.django_db

TYPICAL = {
    "budget.revenue.own": 52_000.0,
    "education.pupils": 900.0,
    "education.pupils_grade1": 95.0,
    "education.teachers": 80.0,
    "education.classes": 45.0,
    "safety.fires": 30.0,
}


def test_every_planted_kind_of_error_is_flagged_and_clean_hromadas_are_not() -> None:
    for code in TYPICAL:
        # Counts cannot be negative; money can (refunds larger than receipts).
        hard_min = None if code.startswith("budget.") else 0.0
        indicator(code, area=code.split(".")[0], hard_min=hard_min)
    hromadas = make_peers(20)
    rng = np.random.default_rng(7)
    values = {
        (h.pk, code, year): float(round(typical * rng.uniform(0.85, 1.15)))
        for h in hromadas
        for code, typical in TYPICAL.items()
        for year in (YEAR - 1, YEAR)
    }
    planted = {
        "unit_slip": (hromadas[0], "budget.revenue.own", 1000.0),
        "jump": (hromadas[1], "education.pupils", 3.0),
        "negative": (hromadas[2], "safety.fires", -1.0),
    }
    for hromada, code, factor in planted.values():
        values[(hromada.pk, code, YEAR)] *= factor
    swapped = hromadas[3]
    teachers, classes = (
        (swapped.pk, "education.teachers", YEAR),
        (swapped.pk, "education.classes", YEAR),
    )
    values[teachers], values[classes] = values[classes], values[teachers]
    part = hromadas[4]
    values[(part.pk, "education.pupils_grade1", YEAR)] = (
        values[(part.pk, "education.pupils", YEAR)] + 50
    )
    for (territory_id, code, year), value in values.items():
        hromada = next(h for h in hromadas if h.pk == territory_id)
        put(hromada, code, year, float(value), status="published" if year < YEAR else "draft")
    ValidationRule.objects.create(
        expression="education.pupils >= education.pupils_grade1", message_uk="Частина > ціле"
    )
    campaign = make_campaign(hromadas, codes=list(TYPICAL))

    flags = run_checks(campaign)
    flagged = {(f.territory_id, code) for f in flags for code in (f.code, *f.codes)}
    for hromada, code, _factor in planted.values():
        assert (hromada.pk, code) in flagged
    # A swap shows on at least one of the pair (the smaller one grows past the threshold).
    assert {(swapped.pk, "education.teachers"), (swapped.pk, "education.classes")} & flagged
    assert (part.pk, "education.pupils_grade1") in flagged
    negative = [f for f in flags if f.territory_id == hromadas[2].pk]
    assert any(f.kind == "range_impossible" and f.is_error for f in negative)
    for hromada in hromadas[:2]:
        alone = run_checks(campaign, territory_ids=[hromada.pk])
        assert alone == [f for f in flags if f.territory_id == hromada.pk]
    clean = {h.pk for h in hromadas[5:]}
    assert [f for f in flags if f.territory_id in clean] == []
