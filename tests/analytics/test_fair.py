"""Fair comparisons: counts that grow with size are ranked per resident, per 1,000 residents
or per km², with the raw value beside; raw counts are never coloured nor among the best and
weakest of a profile."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hromada.analytics import fair
from hromada.analytics.models import SnapshotValue
from hromada.analytics.snapshot import current_snapshot
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.catalogue_queries import definition_changes
from hromada.indicators.catalogue_seed import read_seed
from hromada.indicators.catalogue_spec import read_indicator
from hromada.indicators.models import Indicator, Status
from hromada.territories.models import Territory
from tests import factories
from tests.analytics.factories import Dataset
from tests.indicators.factories import make_indicator

# Fires in 2024: raw counts follow size; per 1,000 residents Alpha (the city of 50,000) is
# not the worst. Zeta gave its population for 2022 only; Eta never did.
FIRES = {"Альфа": 100, "Бета": 10, "Гамма": 20, "Дельта": 5, "Епсилон": 30}


def test_the_rule_divides_by_the_population_or_the_area() -> None:
    assert fair.comparable(150, 20_000, None, "capita") == Decimal("0.0075")
    assert fair.comparable(150, 20_000, None, "1000") == Decimal("7.5")
    assert fair.comparable(12.5, None, 50, "km2") == Decimal("0.25")
    assert fair.comparable(42.0, None, None, "") == Decimal("42.0")  # a ratio: as it is


def test_the_rule_gives_nothing_without_a_denominator() -> None:
    assert fair.comparable(150, None, 100, "1000") is None
    assert fair.comparable(150, 0, None, "capita") is None
    assert fair.comparable(150, 20_000, None, "km2") is None  # the area is needed
    assert fair.comparable(None, 20_000, None, "capita") is None


def test_the_array_rule_agrees_with_the_rule() -> None:
    values = np.array([150.0, 10.0, np.nan, 4.0])
    population = np.array([20_000.0, np.nan, 5_000.0, 0.0])
    out = fair.comparable_array(values, population, population, "1000")
    assert out[0] == pytest.approx(float(fair.comparable(150, 20_000, None, "1000") or 0))
    assert np.isnan(out[1:]).all()


def test_the_population_of_the_nearest_earlier_year_is_carried_with_its_year() -> None:
    population = np.array([[100.0, np.nan, np.nan], [np.nan, np.nan, 300.0]])
    carried, years = fair.carried(population, (2022, 2023, 2024), later=False)
    assert carried[0].tolist() == [100.0, 100.0, 100.0]
    assert years[0].tolist() == [2022, 2022, 2022]
    assert np.isnan(carried[1, :2]).all() and years[1].tolist() == [-1, -1, 2024]
    # An area (which rarely changes) may also come from a later year.
    area, area_years = fair.carried(population, (2022, 2023, 2024), later=True)
    assert area[1].tolist() == [300.0, 300.0, 300.0] and area_years[1, 0] == 2024


def test_every_shipped_count_or_total_is_compared_fairly() -> None:
    catalogue = read_seed()
    summed = [i for i in catalogue.indicators if i.aggregation == "sum"]
    denominators = {fair.POPULATION_CODE, fair.AREA_CODE}
    assert [i.code for i in summed if not i.compare_per and i.code not in denominators] == []
    shares = [i for i in catalogue.indicators if i.unit == "%" or "per " in i.unit]
    assert [i.code for i in shares if i.compare_per] == []
    chosen = {i.code: i.compare_per for i in catalogue.indicators}
    assert chosen["budget.revenue.own"] == "capita"
    assert chosen["safety.fires"] == "1000"
    assert chosen["roads.communal_length"] == "km2"
    assert chosen["demography.natural_increase"] == "1000"  # a derived count


def test_a_catalogue_file_names_the_choice_or_is_refused() -> None:
    row = {
        "code": "safety.fires",
        "area": "safety",
        "name_uk": "Пожежі",
        "name_en": "Fires",
        "definition_uk": "Кількість.",
        "definition_en": "Count.",
        "unit": "units",
        "value_type": "integer",
        "aggregation": "sum",
    }
    spec, problems = read_indicator({**row, "compare_per": "none"}, where="test")
    assert spec is not None and spec.compare_per == "" and problems == []
    spec, problems = read_indicator({**row, "compare_per": "per head"}, where="test")
    assert spec is None and problems[0].field == "compare_per"


def _fires(dataset: Dataset) -> tuple[Indicator, Territory, Territory]:
    fires = make_indicator(
        "safety.fires", area="safety", unit="units", polarity="lower", compare_per="1000"
    )
    raion = factories.make_raion(dataset.oblast, "Інший", "Inshyi")
    zeta = factories.make_hromada(raion, name_uk="Зета", name_en="Zeta")
    eta = factories.make_hromada(raion, name_uk="Ета", name_en="Eta")
    named = {h.name_uk: h for h in dataset.hromadas}
    values = [ValueInput(named[n].pk, fires.pk, 2024, "", float(v), "") for n, v in FIRES.items()]
    values += [
        ValueInput(zeta.pk, fires.pk, 2024, "", 9.0, ""),
        ValueInput(zeta.pk, dataset.population.pk, 2022, "", 4_000.0, ""),
        ValueInput(eta.pk, fires.pk, 2024, "", 3.0, ""),
    ]
    record_observations(values, by=None, reason="test", status=Status.PUBLISHED)
    return fires, zeta, eta


@pytest.fixture
def fires(dataset: Dataset) -> tuple[Indicator, Territory, Territory]:
    made = _fires(dataset)
    current_snapshot()
    return made


def test_the_snapshot_keeps_the_raw_value_beside_the_ranked_measure(
    dataset: Dataset, fires: tuple[Indicator, Territory, Territory]
) -> None:
    indicator, zeta, eta = fires
    rows = {
        row[0]: row[1:]
        for row in SnapshotValue.objects.filter(indicator_id=indicator.pk, year=2024).values_list(
            "territory_id", "value", "comparable", "per_year", "rank_all"
        )
    }
    alpha, delta = dataset.hromadas[0], dataset.hromadas[3]
    assert rows[alpha.pk][:3] == (100.0, pytest.approx(2.0), None)
    assert rows[delta.pk][3] == 1  # 5 fires for 9,200 residents: the fewest per 1,000
    assert rows[alpha.pk][3] == 3  # the most fires, but not the most per 1,000 residents
    # Zeta's population of 2022 is used, and the year is kept.
    assert rows[zeta.pk][:3] == (9.0, pytest.approx(2.25), 2022)
    # Eta has no population at all: no measure and no rank, its raw value kept.
    assert rows[eta.pk] == (3.0, None, None, None)


def _ranking(client: Client, code: str, **query: str) -> Any:
    return client.get(reverse("analytics:indicator", kwargs={"code": code}), query)


def test_the_ranking_page_ranks_per_1000_residents_with_the_raw_value_beside(
    client: Client, dataset: Dataset, fires: tuple[Indicator, Territory, Territory]
) -> None:
    response = _ranking(client, "safety.fires", year="2024")
    page = response.context["page"]
    ranked = [(r.name, r.compared, r.value) for r in page.ranked_rows]
    assert [name for name, *_ in ranked] == ["Дельта", "Бета", "Альфа", "Епсилон", "Зета", "Гамма"]
    assert ranked[2] == ("Альфа", "2,00", "100")
    url = reverse("analytics:indicator", kwargs={"code": "safety.fires"})
    body = client.get(f"/en{url}", {"year": "2024"}).content.decode()
    assert "Per 1,000 residents: the value × 1,000 ÷ the population of the same year." in body
    assert "(population of 2022)" in body  # Zeta's
    # Eta is listed apart, with its raw value and the reason.
    eta = next(r for r in page.unranked_rows if r.name == "Ета")
    assert eta.missing == "чисельність населення невідома, тож не порівнюється"
    assert eta.value == "3"
    # The map and the distribution show the measure, not the count.
    alpha = next(v for v in page.map_values if v["label"] == "Альфа")
    assert alpha["value"] == pytest.approx(2.0)
    assert sum(page.histogram["counts"]) == 6


def test_the_raw_value_can_be_ranked_by_choice_without_colours(
    client: Client, dataset: Dataset, fires: tuple[Indicator, Territory, Territory]
) -> None:
    page = _ranking(client, "safety.fires", year="2024", measure="raw").context["page"]
    assert [r.name for r in page.ranked_rows][-1] == "Альфа"  # the most fires
    assert len(page.ranked_rows) == 7  # Eta too: its count needs no population
    assert {r.quartile for r in page.rows} == {0}
    assert not page.per and not page.coloured


def test_quartile_colours_need_a_direction_and_a_comparable_measure(
    client: Client, dataset: Dataset, fires: tuple[Indicator, Territory, Territory]
) -> None:
    assert {r.quartile for r in _ranking(client, "safety.fires").context["page"].rows} > {0}
    # Neutral: never coloured.
    population = _ranking(client, "demography.population").context["page"]
    assert {r.quartile for r in population.rows} == {0}
    # A summed total that the catalogue compares as it is would rank size: not coloured.
    revenue = _ranking(client, "budget.revenue.own", year="2023").context["page"]
    assert revenue.ranked_rows and {r.quartile for r in revenue.rows} == {0}


def test_the_api_ranking_gives_the_value_and_the_comparable_value(
    client: Client, dataset: Dataset, fires: tuple[Indicator, Territory, Territory]
) -> None:
    result = client.get("/api/v1/rankings?indicator=safety.fires&year=2024").json()
    assert result["compare_per"] == "1000"
    items = {item["name"]: item for item in result["items"]}
    assert (items["Альфа"]["value"], items["Альфа"]["rank_all"]) == (100.0, 3)
    assert items["Альфа"]["comparable_value"] == pytest.approx(2.0)
    assert items["Зета"]["per_year"] == 2022
    assert items["Ета"]["rank"] is None and items["Ета"]["comparable_value"] is None
    assert "населення" in items["Ета"]["missing"]
    ratio = client.get("/api/v1/rankings?indicator=budget.debt_share").json()
    assert ratio["compare_per"] == ""
    assert all(i["comparable_value"] == i["value"] for i in ratio["items"])


def test_a_raw_count_is_never_among_the_weakest_or_best_of_a_profile(
    client: Client, dataset: Dataset, fires: tuple[Indicator, Territory, Territory]
) -> None:
    # Gamma: the most fires per 1,000 residents, and the smallest own revenues.
    url = reverse("analytics:profile", kwargs={"code": dataset.hromadas[2].code})
    page = client.get(url, {"peers": "all"}).context["page"]
    listed = {row.indicator.code for row in [*page.worst, *page.best]}
    assert "safety.fires" in {row.indicator.code for row in page.worst}
    assert "budget.revenue.own" not in listed  # a summed total compared as it is
    fires_row = next(row for row in page.worst if row.indicator.code == "safety.fires")
    assert (fires_row.value, fires_row.compared) == ("20", "3,23")
    assert all(fair.is_comparable(row.indicator) for row in [*page.worst, *page.best])


def test_real_revenues_per_resident_no_longer_rank_size(shared_data: Path) -> None:
    """On the real 2022 budgets and populations, total revenues rank the size of the
    hromada; per resident, they do not."""
    populations = shared_data / "hromada_population_2022.csv"
    budgets = shared_data / "hromada_budget_2021_2023.csv"
    if not populations.is_file() or not budgets.is_file():
        pytest.skip("the real population or budget file is absent")
    with populations.open(encoding="utf-8") as file:
        people = {
            r["hromada_code"]: float(r["total_population_2022"])
            for r in csv.DictReader(file)
            if r["total_population_2022"]
        }
    with budgets.open(encoding="utf-8") as file:
        revenue = {
            r["hromada_code"]: float(r["income_total"]) / 1000  # thousand UAH
            for r in csv.DictReader(file)
            if r["year"] == "2022" and r["income_total"]
        }
    codes = sorted(set(people) & set(revenue))
    raw = np.array([revenue[c] for c in codes])
    size = np.array([people[c] for c in codes])
    per = np.array(
        [float(fair.comparable(revenue[c], people[c], None, "capita") or np.nan) for c in codes]
    )
    assert np.count_nonzero(~np.isnan(per)) > 1_400

    def ranks_agree(a: np.ndarray, b: np.ndarray) -> float:
        return float(np.corrcoef(a.argsort().argsort(), b.argsort().argsort())[0, 1])

    assert ranks_agree(raw, size) > 0.7
    assert abs(ranks_agree(per, size)) < 0.3
    assert 3 < float(np.nanmedian(per)) < 50  # thousand UAH per resident


def test_the_profile_table_downloads_the_compared_value_beside_the_raw_one(
    client: Client, dataset: Dataset, fires: tuple[Indicator, Territory, Territory]
) -> None:
    url = reverse("analytics:profile", kwargs={"code": dataset.hromadas[2].code})
    text = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    line = next(line for line in text.splitlines() if line.startswith("safety.fires"))
    assert ",20," in line and "3,23" in line


def test_a_version_stored_before_the_choice_existed_reads_as_compared_as_it_is() -> None:
    before = {"unit": "units", "polarity": "lower"}  # no compare_per: stored earlier
    assert definition_changes(before, {**before, "compare_per": ""}) == []
    with translation.override("en"):
        changes = definition_changes(before, {**before, "compare_per": "1000"})
        assert [(c.old, c.new) for c in changes] == [("—", "per 1,000 residents")]


def test_the_profile_pdf_prints_the_compared_value_beside_the_raw_one(
    client: Client, dataset: Dataset, fires: tuple[Indicator, Territory, Territory]
) -> None:
    import io

    from pypdf import PdfReader

    code = dataset.hromadas[0].code
    for language, expected in (("uk", "100 од. 2,00 од. на 1 000 мешканців"),
                               ("en", "100 units 2.00 units per 1,000 residents")):  # fmt: skip
        with translation.override(language):
            url = reverse("analytics:profile_pdf", kwargs={"code": code})
        reader = PdfReader(io.BytesIO(client.get(url).content))
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert expected in text, text
