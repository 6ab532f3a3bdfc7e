"""Every error the demo plants is flagged by a 2024 campaign's checks (issue 4).

A small but realistic demo: three oblasts of member hromadas of the three types (enough
for peer groups of eight and more), the real seed catalogue, the demo statistics with their
planted errors, a 2024 campaign asking every base indicator of every member, and the
"part <= total" rules an analyst defines for the catalogue's parts. The clean values must
raise few flags, or flagging everything would pass the first test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from hromada.collection.campaign_actions import CampaignSpec, ItemSpec, create_campaign
from hromada.collection.models import Campaign, ValidationRule
from hromada.collection.validation import Flag, run_checks
from hromada.demo.models import PlantedError
from hromada.demo.statistics import build_demo_statistics
from hromada.indicators.catalogue_actions import apply_catalogue
from hromada.indicators.catalogue_seed import read_seed
from hromada.indicators.models import Indicator, IndicatorVersion, Observation
from hromada.territories.models import HromadaType
from tests import factories
from tests.members.factories import make_membership

# Every test must ask for the database: pytest-django sets up the test database only
# when a collected test does, and the module fixture would otherwise use the real one.
pytestmark = pytest.mark.django_db

YEAR = 2024
OBLASTS = (("Полтавська", "Poltavska"), ("Київська", "Kyivska"), ("Львівська", "Lvivska"))
# Per oblast: the member hromadas of each type.
TYPES = {HromadaType.CITY: 12, HromadaType.SETTLEMENT: 12, HromadaType.VILLAGE: 16}
# The parts an analyst checks against their totals (the catalogue's definitions).
PARTS = (
    ("education.pupils_grade1", "education.pupils"),
    ("education.classes", "education.pupils"),
    ("education.schools_with_shelter", "education.schools"),
    ("budget.revenue.own", "budget.revenue.total"),
    ("budget.revenue.pit", "budget.revenue.own"),
    ("budget.revenue.single_tax", "budget.revenue.own"),
    ("budget.revenue.land_fee", "budget.revenue.own"),
    ("budget.expenditure.education", "budget.expenditure.total"),
    ("budget.expenditure.wages", "budget.expenditure.total"),
    ("roads.hard_surface", "roads.communal_length"),
    ("utilities.led_street_lights", "utilities.street_lights"),
    ("utilities.water_network_worn", "utilities.water_network"),
    ("transport.low_floor_vehicles", "transport.vehicles"),
    ("housing.buildings_in_osbb", "housing.apartment_buildings"),
    ("health.doctor_vacancies", "health.doctors"),
    ("governance.pb_projects_selected", "governance.pb_projects_submitted"),
)
MAX_CLEAN_SHARE = 0.02

Value = tuple[int, str]  # territory, indicator code


@dataclass
class Outcome:
    planted: list[PlantedError]
    flags: list[Flag]
    values: set[Value]  # every value present in the campaign's year

    def flagged(self) -> set[Value]:
        return {(f.territory_id, code) for f in self.flags for code in (f.code, *f.codes)}

    def planted_values(self) -> set[Value]:
        return {(e.territory_id, e.indicator.code) for e in self.planted}


def make_members() -> None:
    for name_uk, name_en in OBLASTS:
        raion = factories.make_raion(factories.make_oblast(name_uk, name_en))
        for kind, count in TYPES.items():
            for _ in range(count):
                make_membership(factories.make_hromada(raion, hromada_type=kind))


def make_rules() -> None:
    for part, total in PARTS:
        ValidationRule.objects.create(
            expression=f"{part} <= {total}",
            message_uk="Частина більша за ціле.",
            message_en="The part is larger than its total.",
        )


def make_campaign() -> Campaign:
    base = Indicator.objects.filter(formula="", is_active=True).select_related("area")
    spec = CampaignSpec(
        year=YEAR,
        name_uk=f"Збір даних {YEAR}",
        opens_on=dt.date(YEAR + 1, 1, 15),
        closes_on=dt.date(YEAR + 1, 3, 1),
        items=[ItemSpec(str(i.area), i.code) for i in base.order_by("code")],
    )
    return create_campaign(spec, by=factories.make_analyst())


@pytest.fixture(scope="module")
def outcome(django_db_setup: None, django_db_blocker: Any) -> Iterator[Outcome]:
    """One demo and one validation run for the module, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        make_members()
        apply_catalogue(read_seed(), by=None, reason="test", origin=IndicatorVersion.Origin.SEED)
        build_demo_statistics(2012)
        make_rules()
        campaign = make_campaign()
        present = Observation.all_objects.filter(year=YEAR, sex="", value__isnull=False)
        yield Outcome(
            planted=list(PlantedError.objects.select_related("indicator", "territory")),
            flags=run_checks(campaign),
            values=set(present.values_list("territory_id", "indicator__code")),
        )
        transaction.set_rollback(True)


def test_every_planted_error_is_in_the_campaign_year_and_flagged(outcome: Outcome) -> None:
    # Errors planted in hromadas that have not started the year are dropped with their
    # values (about a tenth), so the count moves a little with the draw.
    assert len(outcome.planted) >= 35
    assert {e.year for e in outcome.planted} == {YEAR}
    assert {e.kind for e in outcome.planted} == set(PlantedError.Kind.values)
    flagged = outcome.flagged()
    missed = [
        f"{e.territory.code} {e.indicator.code} {e.year} {e.kind}: {e.description} "
        f"({e.original_value:g} -> {e.planted_value:g})"
        for e in outcome.planted
        if (e.territory_id, e.indicator.code) not in flagged
    ]
    assert missed == [], "planted errors not flagged:\n" + "\n".join(missed)


def test_the_clean_values_raise_few_flags(outcome: Outcome) -> None:
    planted = outcome.planted_values()
    # The demo's hromadas that have not started have no value of the year: every required
    # value of theirs is rightly missing. The clean values are those of the others.
    reporting = {territory for territory, _code in outcome.values}
    clean_flags = [
        f
        for f in outcome.flags
        if f.territory_id in reporting
        and not any((f.territory_id, code) in planted for code in (f.code, *f.codes))
    ]
    flagged = {(f.territory_id, code) for f in clean_flags for code in (f.code, *f.codes)}
    clean = outcome.values - planted
    assert len(clean) > 20_000  # about 200 values of each of the 120 members
    assert len(flagged & clean) / len(clean) < MAX_CLEAN_SHARE
    # Errors only where a planted error is: the clean values break no rule and no range.
    assert [f for f in clean_flags if f.is_error] == []
