"""The surveys part of `hromada demo`: one finished wave whose results are published and
recorded as an indicator, and one open wave with invitations, drafts and a few answers.

Everything goes through the actions an analyst and a respondent use. The finished wave's
values are verified before the demo's releases are published, so the final release of that
year makes them public and they show on the hromadas' profiles like any statistic.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.utils import timezone

from hromada.accounts.models import Role, User
from hromada.demo.generate import YEARS
from hromada.indicators.catalogue_actions import create_indicator
from hromada.indicators.catalogue_spec import IndicatorSpec
from hromada.indicators.models import Indicator, Observation
from hromada.indicators.population_bands import POPULATION_CODE
from hromada.surveys import actions, indicator_publishing
from hromada.surveys.models import Invitation, Survey, Wave

CODE = "cnap-access"
INDICATOR = "governance.cnap_access_score"
SEED = 2016
Rows = list[list[Any]]

SURVEY_SHEET: Rows = [
    ["type", "name", "label::Ukrainian (uk)", "label::English (en)", "required", "constraint",
     "constraint_message::Ukrainian (uk)", "constraint_message::English (en)", "relevant",
     "bind::hromada:indicator"],
    ["select_one yn", "has_cnap", "Чи працює у громаді центр надання адміністративних послуг?",
     "Does the hromada have an administrative service centre?", "yes", "", "", "", "", ""],
    ["integer", "access_score",
     "Оцініть доступність адміністративних послуг для мешканців від 1 до 5",
     "Rate how accessible administrative services are for residents, from 1 to 5", "yes",
     ". >= 1 and . <= 5", "Оцінка від 1 до 5", "A score from 1 to 5", "", INDICATOR],
    ["select_multiple barrier", "barriers", "Що найбільше заважає?", "What hinders most?", "",
     "", "", "", "${has_cnap} = 'yes'", ""],
    ["text", "comment", "Що варто змінити?", "What should change?", "", "", "", "", "", ""],
]  # fmt: skip
CHOICES_SHEET: Rows = [
    ["list_name", "name", "label::Ukrainian (uk)", "label::English (en)"],
    ["yn", "yes", "Так", "Yes"],
    ["yn", "no", "Ні", "No"],
    ["barrier", "staff", "Брак працівників", "Too few staff"],
    ["barrier", "power", "Відключення електроенергії", "Power cuts"],
    ["barrier", "distance", "Далеко від віддалених сіл", "Far from remote villages"],
    ["barrier", "online", "Немає онлайн-послуг", "No online services"],
]
SETTINGS_SHEET: Rows = [["form_title", "version"], ["Доступність адмінпослуг", "1"]]
COMMENTS = (
    "Потрібен мобільний ЦНАП для старостинських округів.",
    "Генератор для ЦНАП, щоб працювати під час відключень.",
    "Більше послуг онлайн через Дію.",
    "Навчання для адміністраторів.",
)


@dataclass(frozen=True)
class SurveysDemo:
    surveys: int
    invitations: int
    responses: int
    values: int


def workbook() -> bytes:
    book = openpyxl.Workbook()
    sheets = (("survey", SURVEY_SHEET), ("choices", CHOICES_SHEET), ("settings", SETTINGS_SHEET))
    book.remove(book.worksheets[0])
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _indicator(analyst: User) -> Indicator:
    found = Indicator.objects.filter(code=INDICATOR).first()
    if found is not None:
        return found
    spec = IndicatorSpec(
        code=INDICATOR,
        area="governance",
        name_uk="Доступність адміністративних послуг (оцінка голови громади)",
        name_en="Access to administrative services (the head's score)",
        definition_uk="Оцінка голови громади від 1 (недоступні) до 5 (цілком доступні).",
        definition_en="The head of the hromada's score from 1 (not accessible) to 5 (fully).",
        unit="points",
        value_type="integer",
        decimals=0,
        polarity="higher",
        aggregation="none",
        min_value=1,
        max_value=5,
        hard_min=1,
        hard_max=5,
        source="опитування голів громад",
        by_sex=False,
        formula="",
    )
    return create_indicator(spec, by=analyst, reason="hromada demo")


def _answers(rng: random.Random, population: float | None) -> dict[str, str]:
    """A plausible answer: larger hromadas have a centre more often and rate access higher."""
    large = (population or 0) >= 20_000
    has_cnap = rng.random() < (0.95 if large else 0.7)
    score = min(5, max(1, round(rng.gauss(3.8 if large else 2.9, 0.9))))
    answers = {"has_cnap": "yes" if has_cnap else "no", "access_score": str(score)}
    if has_cnap:
        answers["barriers"] = " ".join(rng.sample(["staff", "power", "distance", "online"], 2))
    if rng.random() < 0.4:
        answers["comment"] = rng.choice(COMMENTS)
    return answers


def _populations(wave: Wave) -> dict[int, float]:
    rows = (
        Observation.all_objects.filter(
            indicator__code=POPULATION_CODE,
            sex="",
            year__lte=wave.year,
            value__isnull=False,
            territory_id__in=wave.invitations.values("hromada_id"),
        )
        .order_by("year")
        .values_list("territory_id", "value")
    )
    return {territory_id: value for territory_id, value in rows if value is not None}


def _finished_wave(survey: Survey, analyst: User, oblast: str, year: int) -> tuple[Wave, int]:
    spec = actions.WaveSpec(
        year=year,
        closes_on=dt.date(year, 11, 30),
        mode="closed",
        panel_kind="oblast",
        panel_value=oblast,
        role="head",
    )
    wave = actions.open_wave(survey, spec, by=analyst).wave
    rng = random.Random(SEED)  # noqa: S311 - synthetic answers, not secrets
    population = _populations(wave)
    for invitation in wave.invitations.order_by("pk"):
        if rng.random() < 0.85:
            actions.submit_answers(invitation, _answers(rng, population.get(invitation.hromada_id)))
    actions.approve_received(wave, by=analyst)
    actions.close_wave(wave, by=analyst)
    actions.publish_results(wave, by=analyst)
    published = indicator_publishing.publish_as_indicator(wave, "access_score", by=analyst)
    return wave, published.hromadas


def _open_wave(survey: Survey, analyst: User, oblast: str) -> Wave:
    today = timezone.localdate()
    spec = actions.WaveSpec(
        year=today.year,
        closes_on=today + dt.timedelta(days=30),
        mode="closed",
        panel_kind="oblast",
        panel_value=oblast,
        role="head",
        prefill=True,
    )
    wave = actions.open_wave(survey, spec, by=analyst).wave
    rng = random.Random(SEED + 1)  # noqa: S311 - synthetic answers, not secrets
    invitations: list[Invitation] = list(wave.invitations.order_by("pk"))
    for invitation in invitations:
        roll = rng.random()
        if roll < 0.3:
            actions.submit_answers(invitation, _answers(rng, None))
        elif roll < 0.5:
            actions.save_draft(invitation, {"has_cnap": "yes"})
    return wave


def build_surveys_demo() -> SurveysDemo:
    """Rebuild the demo survey on the coordinator's oblast (as the demo analyst)."""
    analyst = User.objects.filter(role=Role.ANALYST, is_active=True).order_by("pk").first()
    coordinator = User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk").first()
    if analyst is None or coordinator is None or coordinator.territory is None:
        return SurveysDemo(0, 0, 0, 0)
    Wave.objects.filter(survey__code=CODE).delete()  # before the versions they protect
    Survey.objects.filter(code=CODE).delete()
    _indicator(analyst)
    survey = actions.create_survey(
        actions.SurveySpec(
            code=CODE,
            title_uk="Доступність адміністративних послуг у громадах",
            title_en="Access to administrative services in hromadas",
            description_uk="Щорічне опитування голів громад-членів про роботу ЦНАП.",
            description_en="A yearly survey of member hromadas' heads on their service centres.",
        ),
        by=analyst,
    )
    actions.upload_form(survey, "cnap-access.xlsx", workbook(), by=analyst)
    oblast = coordinator.territory.code
    finished, values = _finished_wave(survey, analyst, oblast, YEARS[-1] - 1)
    current = _open_wave(survey, analyst, oblast)
    return SurveysDemo(
        surveys=1,
        invitations=finished.invitations.count() + current.invitations.count(),
        responses=finished.responses.count() + current.responses.count(),
        values=values,
    )
