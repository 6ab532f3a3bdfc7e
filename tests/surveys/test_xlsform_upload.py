"""Uploading an XLSForm questionnaire: stored when right, clear messages when wrong."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hromada.surveys import actions
from hromada.surveys.questions import questions_of
from hromada.surveys.xlsform import XLSFormError, read_xlsform
from tests.conftest import Personas
from tests.indicators.factories import make_indicator
from tests.surveys.factories import SURVEY, make_survey, with_column, workbook

pytestmark = pytest.mark.django_db


def _problems(data: bytes) -> list[str]:
    with pytest.raises(XLSFormError) as caught:
        read_xlsform(data)
    return [str(problem) for problem in caught.value.problems]


def test_a_valid_form_keeps_labels_in_both_languages_groups_and_relevance() -> None:
    questions = {q.name: q for q in questions_of(read_xlsform(workbook(SURVEY)))}
    staff = questions["staff"]
    assert staff.label == {
        "uk": "Скільки працівників у ЦНАП?",
        "en": "How many staff work at the ASC?",
    }
    assert staff.required and staff.constraint == ". >= 0 and . < 1000"
    assert staff.constraint_message == {"uk": "Від 0 до 999"}
    # The group's relevance joins the question's own.
    assert questions["services"].relevant == "${has_online} = 'yes'"
    assert [c.name for c in questions["services"].choices] == ["passport", "land"]
    assert questions["double_staff"].calculation == "${staff} * 2"


def test_short_language_columns_work_like_named_ones() -> None:
    rows = [["type", "name", "label::uk", "label::en"], ["integer", "n", "Число", "Number"]]
    (question,) = questions_of(read_xlsform(workbook(rows, choices=None)))
    assert question.label == {"uk": "Число", "en": "Number"}


def test_a_duplicate_name_is_reported_with_sheet_row_and_column_in_ukrainian() -> None:
    rows = [["type", "name", "label"], ["integer", "a", "A"], ["integer", "a", "B"]]
    (problem,) = _problems(workbook(rows, choices=None))
    assert problem == (
        "Аркуш «survey», рядок 3, стовпець B (name): "
        "Назва «a» вжита двічі; кожне питання потребує власної назви."
    )


def test_repeats_are_refused_with_their_row() -> None:
    rows = [["type", "name", "label"], ["begin_repeat", "r", "R"], ["integer", "a", "A"],
            ["end_repeat", "", ""]]  # fmt: skip
    problems = _problems(workbook(rows, choices=None))
    assert problems[0].startswith("Аркуш «survey», рядок 2, стовпець A (type): Повтори")


def test_an_unsupported_function_in_a_constraint_is_refused_at_upload() -> None:
    rows = [["type", "name", "label", "constraint"], ["integer", "a", "A", "regex(., '[0-9]')"]]
    (problem,) = _problems(workbook(rows, choices=None))
    assert "рядок 2, стовпець D (constraint)" in problem
    assert "«regex»" in problem


def test_a_reference_to_a_missing_question_names_the_row() -> None:
    rows = [["type", "name", "label", "relevant"], ["integer", "a", "A", "${nothing} > 1"]]
    (problem,) = _problems(workbook(rows, choices=None))
    assert "рядок 2" in problem and "${nothing}" in problem


def test_an_unknown_type_and_a_missing_choice_list_are_reported() -> None:
    rows = [["type", "name", "label"], ["intger", "a", "A"]]
    assert "«intger»" in _problems(workbook(rows, choices=None))[0]
    rows = [["type", "name", "label"], ["select_one nolist", "a", "A"]]
    assert "«nolist»" in _problems(workbook(rows))[0]


def test_binding_to_an_indicator_needs_a_known_code_and_a_number() -> None:
    make_indicator("services.asc.staff")
    bound = with_column(SURVEY, "bind::hromada:indicator", {"staff": "services.asc.staff"})
    questions = {q.name: q for q in questions_of(read_xlsform(workbook(bound)))}
    assert questions["staff"].indicator == "services.asc.staff"
    wrong = with_column(SURVEY, "bind::hromada:indicator", {"comment": "no.such.code"})
    problems = _problems(workbook(wrong))
    assert any("no.such.code" in p and "рядок 9" in p for p in problems)


def test_a_file_that_is_not_a_workbook_is_refused_plainly() -> None:
    assert _problems(b"not a workbook at all") == ["Файл не є книгою Excel (.xlsx)."]


def test_only_analysts_upload_questionnaires(personas: Personas) -> None:
    survey = make_survey(personas.analyst)
    with pytest.raises(PermissionDenied):
        actions.upload_form(survey, "x.xlsx", workbook(SURVEY), by=personas.coordinator)


def test_each_upload_is_a_new_version(personas: Personas) -> None:
    survey = make_survey(personas.analyst)
    version = actions.upload_form(survey, "v2.xlsx", workbook(SURVEY), by=personas.analyst)
    assert version.number == 2


def test_the_upload_page_lists_the_mistakes_and_keeps_the_old_version(
    client: Client, personas: Personas
) -> None:
    survey = make_survey(personas.analyst)
    client.force_login(personas.analyst)
    rows = [["type", "name", "label"], ["integer", "a", "A"], ["integer", "a", "B"]]
    upload = SimpleUploadedFile("bad.xlsx", workbook(rows, choices=None))
    page = client.post(reverse("surveys:upload", kwargs={"pk": survey.pk}), {"workbook": upload})
    assert page.status_code == 400
    assert "Аркуш «survey», рядок 3, стовпець B (name)" in page.content.decode()
    assert survey.versions.count() == 1


def test_the_upload_page_speaks_english_on_the_english_site(
    client: Client, personas: Personas
) -> None:
    survey = make_survey(personas.analyst)
    client.force_login(personas.analyst)
    rows = [["type", "name", "label"], ["integer", "a", "A"], ["integer", "a", "B"]]
    upload = SimpleUploadedFile("bad.xlsx", workbook(rows, choices=None))
    url = "/en" + reverse("surveys:upload", kwargs={"pk": survey.pk})
    page = client.post(url, {"workbook": upload})
    assert "Sheet “survey”, row 3, column B (name)" in page.content.decode()


def test_choice_lists_from_files_or_other_and_missing_labels_are_refused_at_their_row() -> None:
    from_file = [["type", "name", "label"], ["select_one_from_file towns.csv", "a", "A"]]
    assert _problems(workbook(from_file, choices=None))[0].startswith(
        "Аркуш «survey», рядок 2, стовпець A (type): Списки варіантів із файлів"
    )
    or_other = [["type", "name", "label"], ["select_one yn or_other", "a", "A"]]
    assert "рядок 2" in _problems(workbook(or_other))[0]
    unlabelled = [["type", "name", "label"], ["integer", "a", ""]]
    assert _problems(workbook(unlabelled, choices=None)) == [
        "Аркуш «survey», рядок 2, стовпець C (label): Питання не має підпису."
    ]


def test_a_spaced_choice_name_of_a_multiple_choice_list_is_explained() -> None:
    rows = [["type", "name", "label"], ["select_multiple l", "a", "A"]]
    choices = [["list_name", "name", "label"], ["l", "a b", "AB"]]
    (problem,) = _problems(workbook(rows, choices=choices))
    assert "«a b»" in problem and "пробіл" in problem
