"""Small campaigns for tests: a few indicators, a few hromadas, values where needed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from hromada.accounts.models import User
from hromada.collection.campaign_actions import CampaignSpec, ItemSpec, create_campaign
from hromada.collection.models import Campaign, Submission
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Indicator
from hromada.territories.models import Territory
from tests import factories
from tests.indicators.factories import make_indicator

YEAR = 2024
PUPILS = "education.pupils"
GRADE1 = "education.pupils_grade1"
POPULATION = "demography.population"


def indicator(code: str, area: str = "education", **changes: object) -> Indicator:
    found = Indicator.objects.filter(code=code).first()
    return found or make_indicator(code, area=area, **changes)


def make_questionnaire_indicators() -> dict[str, Indicator]:
    return {
        PUPILS: indicator(PUPILS, hard_min=0.0),
        GRADE1: indicator(GRADE1, hard_min=0.0),
        POPULATION: indicator(POPULATION, area="demography", hard_min=0.0),
    }


def make_campaign(
    hromadas: Iterable[Territory],
    *,
    codes: Iterable[str] = (PUPILS, GRADE1),
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    analyst: User | None = None,
    required: bool = True,
) -> Campaign:
    """A campaign for YEAR, open today, asking `codes` of `hromadas`."""
    make_questionnaire_indicators()
    today = timezone.localdate()
    spec = CampaignSpec(
        year=YEAR,
        name_uk=f"Збір даних {YEAR}",
        name_en=f"Data collection {YEAR}",
        opens_on=opens_on or today - dt.timedelta(days=10),
        closes_on=closes_on or today + dt.timedelta(days=10),
        items=[ItemSpec("Освіта / Education", code, required=required) for code in codes],
        hromada_codes=[h.code for h in hromadas],
    )
    return create_campaign(spec, by=analyst or factories.make_analyst())


def submission(campaign: Campaign, hromada: Territory) -> Submission:
    return Submission.objects.select_related("campaign", "territory").get(
        campaign=campaign, territory=hromada
    )


def put(
    hromada: Territory, code: str, year: int, value: float | None, status: str = "published"
) -> None:
    make_questionnaire_indicators()
    measure = Indicator.objects.get(code=code)
    missing = "" if value is not None else "not_reported"
    item = ValueInput(hromada.pk, measure.pk, year, "", value, missing)
    record_observations([item], by=None, reason="import", status=status)


def make_peers(count: int, oblast: Territory | None = None) -> list[Territory]:
    """`count` village hromadas of about 8,000 residents (one peer group)."""
    raion = factories.make_raion(oblast or factories.make_oblast())
    hromadas = [factories.make_hromada(raion) for _ in range(count)]
    make_questionnaire_indicators()
    for index, hromada in enumerate(hromadas):
        put(hromada, POPULATION, YEAR - 1, 8000.0 + 50 * index)
    return hromadas
