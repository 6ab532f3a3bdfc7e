"""`hromada demo` end to end on a small country: members, catalogue, values, sign-ins."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from hromada.demo.models import DemoDataset, PlantedError
from hromada.indicators.models import Indicator, Observation
from hromada.members.queries import member_hromadas
from hromada.surveys import demo as surveys_demo
from hromada.territories.models import HromadaType
from tests import factories

pytestmark = pytest.mark.django_db


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_demo_command_loads_the_catalogue_builds_values_and_reuses_them() -> None:
    raion = factories.make_raion(factories.make_oblast("Полтавська", "Poltavska"))
    for kind in ("city", "city", "settlement", "village", "village"):
        factories.make_hromada(raion, hromada_type=HromadaType(kind))
    first = run_demo()
    assert Indicator.objects.count() > 200
    base = Indicator.objects.filter(formula="").exclude(code=surveys_demo.INDICATOR)
    per_year = base.count() + 2 * base.filter(by_sex=True).count()
    values = Observation.all_objects.exclude(indicator__code=surveys_demo.INDICATOR)
    open_year = values.filter(year=2024).values("territory").distinct()
    reported = member_hromadas().count() * 9 + open_year.count()
    count = values.count()
    assert count == reported * per_year > 0
    # The survey's finished wave: its answers became public values with the final release.
    survey_values = Observation.objects.filter(indicator__code=surveys_demo.INDICATOR)
    assert survey_values.filter(year=surveys_demo.YEARS[-1] - 1).exists()
    assert PlantedError.objects.exists()
    assert "official" in first
    assert DemoDataset.objects.get().description.count("·") >= 2
    again = run_demo()
    assert Observation.all_objects.exclude(indicator__code=surveys_demo.INDICATOR).count() == count
    assert "official" in again


def test_a_registry_without_the_demo_oblast_is_refused_with_a_message() -> None:
    from django.core.management.base import CommandError
    from django.utils import translation

    factories.make_hromada(factories.make_raion(factories.make_oblast("Тестова", "Testova")))
    with translation.override("en"), pytest.raises(CommandError, match="member city hromada"):
        call_command("demo", stdout=StringIO(), stderr=StringIO())
    assert not DemoDataset.objects.exists()
