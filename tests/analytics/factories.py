"""A small published data set for analytics tests: two oblasts, hromadas, a few indicators."""

from __future__ import annotations

from dataclasses import dataclass

from hromada.analytics.models import PeerGroup
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Indicator, Status
from hromada.territories.models import HromadaType, Territory
from tests import factories
from tests.indicators.factories import make_derived, make_indicator


@dataclass
class Dataset:
    oblast: Territory
    other_oblast: Territory
    hromadas: list[Territory]
    population: Indicator
    revenue: Indicator
    per_capita: Indicator
    debt: Indicator


# name, oblast (0/1), type, population by year 2022..2024, own revenue (thousand UAH)
ROWS = [
    ("Альфа", 0, HromadaType.CITY, (52_000, 51_000, 50_000), (90_000, 95_000, 100_000)),
    ("Бета", 0, HromadaType.VILLAGE, (8_000, 7_900, 7_800), (7_000, 7_500, 7_800)),
    ("Гамма", 0, HromadaType.VILLAGE, (6_000, 6_100, 6_200), (4_000, 4_100, None)),
    ("Дельта", 1, HromadaType.VILLAGE, (9_000, 9_100, 9_200), (12_000, 13_000, 14_000)),
    ("Епсилон", 1, HromadaType.SETTLEMENT, (15_000, 14_800, 14_500), (20_000, 21_000, 22_000)),
]
YEARS = (2022, 2023, 2024)


def make_dataset(*, publish: bool = True) -> Dataset:
    oblasts = [
        factories.make_oblast("Полтавська", "Poltavska"),
        factories.make_oblast("Сумська", "Sumska"),
    ]
    raions = [factories.make_raion(o) for o in oblasts]
    population = make_indicator("demography.population", aggregation="sum")
    revenue = make_indicator(
        "budget.revenue.own", area="budget", unit="thousand UAH", polarity="higher"
    )
    debt = make_indicator(
        "budget.debt_share",
        area="budget",
        unit="%",
        polarity="lower",
        aggregation="weighted_mean",
        value_type="percent",
        decimals=1,
    )
    per_capita = make_derived(
        "budget.revenue.own_per_capita",
        "budget.revenue.own * 1000 / demography.population",
        area="budget",
        unit="UAH per resident",
        value_type="decimal",
        decimals=0,
        polarity="higher",
    )
    hromadas: list[Territory] = []
    values: list[ValueInput] = []
    for n, (name, oblast, kind, people, money) in enumerate(ROWS):
        hromada = factories.make_hromada(
            raions[oblast], name_uk=name, name_en=f"H{n}", hromada_type=kind
        )
        hromadas.append(hromada)
        for year, p, m in zip(YEARS, people, money, strict=True):
            values.append(ValueInput(hromada.pk, population.pk, year, "", float(p), ""))
            if m is None:
                values.append(ValueInput(hromada.pk, revenue.pk, year, "", None, "not_reported"))
            else:
                values.append(ValueInput(hromada.pk, revenue.pk, year, "", float(m), ""))
            values.append(ValueInput(hromada.pk, debt.pk, year, "", float(10 + n), ""))
    status = Status.PUBLISHED if publish else Status.DRAFT
    record_observations(values, by=None, reason="test", status=status)
    return Dataset(oblasts[0], oblasts[1], hromadas, population, revenue, per_capita, debt)


def make_rule_group(dataset: Dataset, name: str = "Села Полтавщини") -> PeerGroup:
    """Village hromadas of the first oblast: Beta and Gamma."""
    group = PeerGroup.objects.create(
        name_uk=name,
        name_en="Poltava villages",
        kind=PeerGroup.Kind.RULE,
        hromada_types=[HromadaType.VILLAGE],
    )
    group.oblasts.set([dataset.oblast])
    return group


def make_list_group(hromadas: list[Territory], name: str = "Наш список") -> PeerGroup:
    group = PeerGroup.objects.create(name_uk=name, name_en="Our list", kind=PeerGroup.Kind.LIST)
    group.hromadas.set(hromadas)
    return group
