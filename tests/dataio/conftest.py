from __future__ import annotations

from dataclasses import dataclass

import pytest

from hromada.indicators.models import Indicator
from tests.conftest import Personas
from tests.dataio.factories import make_indicator


@dataclass
class Catalogue:
    revenue: Indicator
    population: Indicator
    share: Indicator
    per_capita: Indicator


@pytest.fixture
def catalogue(db: None) -> Catalogue:
    """Three input indicators (one split by sex, one with a plausible range) and a derived one."""
    return Catalogue(
        revenue=make_indicator("budget.revenue"),
        population=make_indicator("demography.population", unit="persons", by_sex=True),
        share=make_indicator(
            "budget.share", unit="%", min_value=0, max_value=100, hard_min=0, hard_max=100
        ),
        per_capita=make_indicator(
            "budget.revenue_per_capita", formula="budget.revenue / demography.population"
        ),
    )


@pytest.fixture
def setting(personas: Personas, catalogue: Catalogue) -> tuple[Personas, Catalogue]:
    return personas, catalogue
