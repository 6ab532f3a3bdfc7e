"""A position's impact model: a catalogue formula evaluated for every hromada over released
values, shown as a summary, groups, a map and CSV, and as each hromada's own figure."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from hromada.accounts.models import User
from hromada.audit.models import AuditEntry
from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from hromada.legislation import actions, impact
from hromada.legislation.models import ImpactModel, Position, Stance
from tests import factories
from tests.analytics.factories import Dataset, make_dataset

SHARE = "budget.revenue.own * (0.64 / 0.60 - 1)"


@pytest.fixture
def dataset(db: None) -> Dataset:
    return make_dataset()


@pytest.fixture
def analyst(db: None) -> User:
    return factories.make_analyst(username="analyst")


@pytest.fixture
def position(analyst: User) -> Position:
    return actions.save_position(
        None,
        by=analyst,
        values={
            "bill": None,
            "title": "ПДФО — громадам",
            "stance": Stance.AMEND,
            "summary": "Частка 64 %.",
            "proposals": "",
            "evidence": "",
        },
        subjects=[],
    )


def _model(position: Position, analyst: User, formula: str = SHARE) -> ImpactModel:
    return impact.save_impact(
        position,
        by=analyst,
        values={
            "label": "Зміна власних доходів",
            "formula": formula,
            "year": 2024,
            "unit": "тис. грн",
            "decimals": 1,
            "assumptions": "Частка ПДФО зростає з 60 % до 64 %, база 2024 року.",
            "additive": True,
        },
    )


def test_each_hromada_gets_its_figure_from_the_released_values(
    dataset: Dataset, analyst: User, position: Position
) -> None:
    model = _model(position, analyst)
    figures = {f.territory.name_uk: round(f.value, 1) for f in impact.figures(model)}
    # Гамма did not report 2024 revenue: no figure rather than a made-up one.
    assert figures == {"Альфа": 6666.7, "Бета": 520.0, "Дельта": 933.3, "Епсилон": 1466.7}
    summary = impact.summary(model)
    assert round(summary.total, 1) == 9586.7 and summary.gainers == 4 and summary.losers == 0
    assert {row.name: row.hromadas for row in summary.by_oblast} == {"Полтавська": 2, "Сумська": 2}
    entry = AuditEntry.objects.get(action="legislation.impact.save")
    assert entry.changes["hromadas"] == [0, 4]


def test_a_draft_value_is_not_used(dataset: Dataset, analyst: User, position: Position) -> None:
    gamma = dataset.hromadas[2]
    record_observations(
        [ValueInput(gamma.pk, dataset.revenue.pk, 2024, "", 6000.0, "")],
        by=None,
        reason="test",
        status=Status.DRAFT,
    )
    model = _model(position, analyst)
    assert gamma.pk not in {f.territory.pk for f in impact.figures(model)}


def test_a_formula_with_an_unknown_code_is_refused_with_the_engines_message(
    dataset: Dataset, analyst: User, position: Position, client: Client
) -> None:
    with pytest.raises(ValidationError, match=r"budget\.revenue\.nope"):
        _model(position, analyst, "budget.revenue.nope * 2")
    client.force_login(analyst)
    response = client.post(
        f"/legislation/positions/{position.pk}/impact/",
        {
            "label": "x",
            "formula": "budget.revenue.own * (",
            "year": 2024,
            "unit": "",
            "decimals": 0,
            "assumptions": "a",
        },
    )
    assert response.status_code == 200 and not ImpactModel.objects.exists()
    assert response.context["form"].errors["formula"]


def test_the_position_page_shows_the_impact_and_the_csv_has_every_hromada(
    dataset: Dataset, analyst: User, position: Position, client: Client
) -> None:
    client.force_login(analyst)
    response = client.post(
        f"/legislation/positions/{position.pk}/impact/",
        {
            "label": "Зміна власних доходів",
            "formula": SHARE,
            "year": 2024,
            "unit": "тис. грн",
            "decimals": 1,
            "assumptions": "Частка зростає до 64 %.",
            "additive": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/legislation/positions/{position.pk}/").content.decode()
    assert "Частка зростає до 64 %." in page and "impact-distribution" in page
    assert "6\u00a0666,7" in page  # Альфа, the largest figure, in Ukrainian number format
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/legislation/positions/{position.pk}/impact/export/").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert len(rows) == 5 and rows[1][1] == "Альфа"


def test_the_hromada_page_shows_its_own_figure_once_the_position_is_public(
    dataset: Dataset, analyst: User, position: Position, client: Client
) -> None:
    _model(position, analyst)
    alpha = dataset.hromadas[0]
    assert "ПДФО — громадам" not in client.get(f"/territories/{alpha.code}/").content.decode()
    actions.publish_position(position, by=analyst)
    page = client.get(f"/territories/{alpha.code}/").content.decode()
    assert "ПДФО — громадам" in page and "6\u00a0666,7 тис. грн" in page


def _pdf_text(client: Client, code: str, language: str) -> str:
    with translation.override(language):
        url = reverse("analytics:profile_pdf", kwargs={"code": code})
    response = client.get(url)
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    # Text extraction breaks lines where the PDF does; compare words, not layout.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_profile_pdf_gives_the_hromadas_figure_of_published_positions_only(
    dataset: Dataset, analyst: User, position: Position, client: Client
) -> None:
    _model(position, analyst)
    draft = actions.save_position(
        None,
        by=analyst,
        values={
            "bill": None,
            "title": "Чернетка позиції",
            "stance": Stance.OPPOSE,
            "summary": "Ще не оприлюднено.",
            "proposals": "",
            "evidence": "",
        },
        subjects=[],
    )
    _model(draft, analyst)
    alpha = dataset.hromadas[0]
    assert "ПДФО — громадам" not in _pdf_text(client, alpha.code, "uk")
    actions.publish_position(position, by=analyst)
    ukrainian = _pdf_text(client, alpha.code, "uk")
    assert "Позиції асоціації: значення для цієї громади" in ukrainian
    assert "Зміна власних доходів, 2024: 6 666,7 тис. грн" in ukrainian
    assert "Припущення: Частка ПДФО зростає з 60 % до 64 %, база 2024 року." in ukrainian
    link = f"http://testserver/legislation/positions/{position.pk}/"
    assert f"Позиція асоціації: ПДФО — громадам — {link}" in ukrainian
    assert "Чернетка позиції" not in ukrainian
    english = _pdf_text(client, alpha.code, "en")
    assert "Positions of the association: this hromada's figure" in english
    assert "Зміна власних доходів, 2024: 6,666.7 тис. грн" in english
    assert "Assumed: Частка ПДФО" in english and "Чернетка позиції" not in english


def test_recomputing_reads_values_released_since(
    dataset: Dataset, analyst: User, position: Position, client: Client
) -> None:
    model = _model(position, analyst)
    gamma = dataset.hromadas[2]
    record_observations(
        [ValueInput(gamma.pk, dataset.revenue.pk, 2024, "", 6000.0, "")],
        by=None,
        reason="test",
        status=Status.PUBLISHED,
    )
    client.force_login(analyst)
    client.post(f"/legislation/positions/{position.pk}/impact/recompute/")
    assert model.results.count() == 5


def test_officials_cannot_change_an_impact_model(
    dataset: Dataset, analyst: User, position: Position, client: Client
) -> None:
    official = factories.make_official(dataset.hromadas[0], username="official")
    client.force_login(official)
    assert client.get(f"/legislation/positions/{position.pk}/impact/").status_code in (403, 404)
    assert client.post(f"/legislation/positions/{position.pk}/impact/recompute/").status_code in (
        403,
        404,
    )


def test_the_api_gives_each_hromadas_figure_of_a_published_position_only(
    dataset: Dataset, analyst: User, position: Position, client: Client
) -> None:
    _model(position, analyst)
    url = f"/api/v1/positions/{position.pk}/impact"
    assert client.get(url).status_code == 404
    actions.publish_position(position, by=analyst)
    first = client.get(url, {"limit": 3}).json()
    assert first["formula"] == SHARE and first["year"] == 2024 and len(first["items"]) == 3
    rest = client.get(first["next"]).json()
    names = {row["name"] for row in first["items"] + rest["items"]}
    assert names == {"Альфа", "Бета", "Дельта", "Епсилон"} and rest["next"] is None


def test_recomputing_after_an_input_left_the_catalogue_says_why_and_keeps_the_figures(
    dataset: Dataset, analyst: User, position: Position, client: Client
) -> None:
    from django.contrib.messages import get_messages

    from hromada.indicators.models import Indicator

    model = _model(position, analyst)
    before = model.results.count()
    Indicator.objects.filter(pk=dataset.revenue.pk).update(is_active=False)
    client.force_login(analyst)
    response = client.post(f"/legislation/positions/{position.pk}/impact/recompute/")
    assert response.status_code == 302
    shown = [m.message for m in get_messages(response.wsgi_request)]
    assert any("budget.revenue.own" in text for text in shown), shown
    assert model.results.count() == before > 0
