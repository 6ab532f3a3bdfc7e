"""A simple questionnaire built on a page goes through the same pyxform validation."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hromada.surveys import actions
from hromada.surveys.questions import questions_of
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def _rows(*rows: dict[str, str]) -> dict[str, str]:
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
    for number, row in enumerate(rows):
        data.update({f"form-{number}-{key}": value for key, value in row.items()})
    return data


@pytest.fixture
def survey_pk(personas: Personas) -> int:
    spec = actions.SurveySpec(code="page", title_uk="На сторінці")
    return actions.create_survey(spec, by=personas.analyst).pk


def test_questions_written_on_the_page_become_a_questionnaire_version(
    client: Client, personas: Personas, survey_pk: int
) -> None:
    client.force_login(personas.analyst)
    answer = client.post(
        reverse("surveys:build", kwargs={"pk": survey_pk}),
        _rows(
            {"kind": "integer", "name": "staff", "label_uk": "Скільки?", "label_en": "How many?",
             "required": "on"},
            {"kind": "", "name": "", "label_uk": ""},
            {"kind": "select_one", "name": "online", "label_uk": "Онлайн?",
             "choices": "yes = Так / Yes; no = Ні / No"},
        ),
    )  # fmt: skip
    assert answer.status_code == 302
    version = actions.queries.latest_form(actions.Survey.objects.get(pk=survey_pk))
    assert version is not None
    staff, online = questions_of(version.definition)
    assert staff.required and staff.label == {"uk": "Скільки?", "en": "How many?"}
    assert [(c.name, c.label) for c in online.choices] == [
        ("yes", {"uk": "Так", "en": "Yes"}),
        ("no", {"uk": "Ні", "en": "No"}),
    ]


def test_a_mistake_on_the_page_names_the_question_not_a_workbook_row(
    client: Client, personas: Personas, survey_pk: int
) -> None:
    client.force_login(personas.analyst)
    page = client.post(
        reverse("surveys:build", kwargs={"pk": survey_pk}),
        _rows(
            {"kind": "integer", "name": "a", "label_uk": "Перше"},
            {"kind": "text", "name": "a", "label_uk": "Друге"},
        ),
    )
    assert page.status_code == 400
    assert "Питання 2: Назва «a» вжита двічі" in page.content.decode()
    assert not actions.Survey.objects.get(pk=survey_pk).versions.exists()


def test_only_analysts_build_questionnaires(
    client: Client, personas: Personas, survey_pk: int
) -> None:
    client.force_login(personas.coordinator)
    url = reverse("surveys:build", kwargs={"pk": survey_pk})
    assert (
        client.post(url, _rows({"kind": "text", "name": "a", "label_uk": "А"})).status_code == 403
    )


def test_the_page_opens_with_the_latest_version_to_change_it(
    client: Client, personas: Personas, survey_pk: int
) -> None:
    from hromada.surveys.builder import PageQuestion, page_rows

    survey = actions.Survey.objects.get(pk=survey_pk)
    first = [
        PageQuestion("integer", "staff", "Скільки?", "How many?", True, ""),
        PageQuestion("select_one", "online", "Онлайн?", "", False, "yes = Так / Yes; no = Ні"),
    ]
    version = actions.build_form(survey, first, by=personas.analyst)
    rows = page_rows(version.definition)
    assert rows is not None
    assert [(r["kind"], r["name"], r["required"], r["choices"]) for r in rows] == [
        ("integer", "staff", True, ""),
        ("select_one", "online", False, "yes = Так / Yes; no = Ні"),
    ]
    client.force_login(personas.analyst)
    page = client.get(reverse("surveys:build", kwargs={"pk": survey_pk})).content.decode()
    assert 'value="Скільки?"' in page and 'value="yes = Так / Yes; no = Ні"' in page
    # Saving the rows as they are makes the same questions again, as a new version.
    changed = {f"form-{n}-{key}": value for n, row in enumerate(rows) for key, value in row.items()}
    changed = {k: v for k, v in changed.items() if v is not False}
    changed.update({"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-required": "on"})
    assert (
        client.post(reverse("surveys:build", kwargs={"pk": survey_pk}), changed).status_code == 302
    )
    latest = actions.queries.latest_form(survey)
    assert latest is not None and latest.number == 2
    assert questions_of(latest.definition) == questions_of(version.definition)


def test_a_questionnaire_the_page_cannot_show_opens_an_empty_page() -> None:
    from hromada.surveys.builder import page_rows

    definition = {
        "children": [
            {"type": "integer", "name": "a", "label": "A", "bind": {"relevant": "${b} = 1"}},
        ]
    }
    assert page_rows(definition) is None


def test_the_page_says_why_it_opens_empty_over_a_version_it_cannot_show(
    client: Client, personas: Personas
) -> None:
    from tests.surveys.factories import make_survey

    survey = make_survey(personas.analyst)  # its workbook has a condition of showing
    client.force_login(personas.analyst)
    url = reverse("surveys:build", kwargs={"pk": survey.pk})
    page = client.get(url).content.decode()
    assert 'id="unshown"' in page and "Версія 1 цієї анкети" in page
    empty = actions.create_survey(
        actions.SurveySpec(code="new", title_uk="Нова"), by=personas.analyst
    )
    assert (
        'id="unshown"'
        not in client.get(reverse("surveys:build", kwargs={"pk": empty.pk})).content.decode()
    )
