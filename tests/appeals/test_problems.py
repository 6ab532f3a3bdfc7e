"""Members' problems from raising to the feedback question, with permissions at each step."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from hromada.appeals import actions
from hromada.appeals.models import Body, Dispatch, Outcome, Participation, Problem, ProblemState
from hromada.audit.models import AuditEntry
from tests import factories
from tests.conftest import Personas


@pytest.fixture
def problem(personas: Personas) -> Problem:
    return actions.raise_problem(
        by=personas.official,
        hromada=personas.hromada,
        title="Не надходить освітня субвенція",
        description="З вересня субвенцію перераховують із затримкою на 40 днів.",
        since=dt.date(2026, 9, 1),
        legal_act="Бюджетний кодекс, ст. 103-2",
    )


def test_an_official_raises_a_problem_for_their_own_hromada_only(
    personas: Personas, problem: Problem
) -> None:
    assert problem.participations.get().hromada == personas.hromada
    assert AuditEntry.objects.get(action="appeals.problem.raise").actor == personas.official
    with pytest.raises(PermissionDenied):
        actions.raise_problem(
            by=personas.official, hromada=personas.other_hromada, title="x", description="y"
        )


def test_another_hromada_joins_once_with_its_own_details(
    personas: Personas, problem: Problem
) -> None:
    other_official = factories.make_official(personas.other_hromada, username="other")
    actions.join_problem(
        problem, by=other_official, hromada=personas.other_hromada, details="Затримка 30 днів."
    )
    with pytest.raises(ValidationError, match="уже приєдналася"):
        actions.join_problem(
            problem, by=other_official, hromada=personas.other_hromada, details="ще раз"
        )
    assert problem.participations.count() == 2


def test_officials_see_their_own_hromadas_problems_and_published_ones(
    personas: Personas, problem: Problem, client: Client
) -> None:
    other_official = factories.make_official(personas.other_hromada, username="other")
    # Nobody outside learns that an unpublished problem exists.
    client.force_login(other_official)
    assert client.get(f"/appeals/{problem.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/appeals/{problem.pk}/").status_code == 404
    actions.publish_problem(
        problem, by=personas.analyst, summary="Громади не отримують субвенцію вчасно."
    )
    public = client.get(f"/appeals/{problem.pk}/").content.decode()
    assert "не отримують субвенцію вчасно" in public
    # The public page carries the summary, not the members' own words or names.
    assert "40 днів" not in public and personas.hromada.name not in public
    client.force_login(personas.official)
    own = client.get(f"/appeals/{problem.pk}/").content.decode()
    assert "40 днів" in own


def test_letters_get_deadlines_in_working_days_and_a_pdf(
    personas: Personas, problem: Problem, django_capture_on_commit_callbacks: Any
) -> None:
    mof = Body.objects.get(code="mof")
    mof.deadline_days = 10
    mof.save()
    with django_capture_on_commit_callbacks(execute=True):
        (dispatch,) = actions.send_letters(
            problem, by=personas.analyst, bodies=[mof], sent_on=dt.date(2026, 11, 27)
        )
    dispatch.refresh_from_db()
    assert dispatch.deadline == dt.date(2026, 12, 11)  # ten working days after a Friday
    assert dispatch.letter.name.endswith(".pdf")
    with dispatch.letter.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    client = Client()
    client.force_login(personas.official)
    served = client.get(f"/appeals/letters/{dispatch.pk}/pdf/")
    assert served.status_code == 200 and b"".join(served.streaming_content)[:5] == b"%PDF-"
    client.force_login(factories.make_official(personas.other_hromada, username="other"))
    assert client.get(f"/appeals/letters/{dispatch.pk}/pdf/").status_code == 404
    problem.refresh_from_db()
    assert problem.state == ProblemState.SENT
    with pytest.raises(PermissionDenied):
        actions.send_letters(
            problem, by=personas.official, bodies=[mof], sent_on=dt.date(2026, 11, 27)
        )


def test_a_redirect_opens_a_letter_to_the_new_body_with_its_own_deadline(
    personas: Personas, problem: Problem
) -> None:
    cabinet, mof = Body.objects.get(code="cabinet"), Body.objects.get(code="mof")
    (first,) = actions.send_letters(
        problem, by=personas.analyst, bodies=[cabinet], sent_on=dt.date(2026, 10, 1)
    )
    actions.record_answer(
        first,
        by=personas.analyst,
        received_on=dt.date(2026, 10, 8),
        summary="Питання належить до компетенції Мінфіну.",
        outcome=Outcome.REDIRECTED,
        redirected_to=mof,
    )
    second = Dispatch.objects.get(redirected_from=first)
    assert second.body == mof and second.sent_on == dt.date(2026, 10, 8)
    problem.refresh_from_db()
    assert problem.state == ProblemState.SENT  # still waiting for the ministry
    actions.record_answer(
        second,
        by=personas.analyst,
        received_on=dt.date(2026, 10, 20),
        summary="Субвенцію перераховано.",
        outcome=Outcome.SOLVED,
    )
    problem.refresh_from_db()
    assert problem.state == ProblemState.ANSWERED
    assert Participation.objects.get(problem=problem).feedback_asked_at is not None


def test_answers_ask_the_hromadas_and_not_solved_reopens(
    personas: Personas, problem: Problem, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    personas.official.email = "official@example.org"
    personas.official.save()
    (dispatch,) = actions.send_letters(
        problem,
        by=personas.analyst,
        bodies=[Body.objects.get(code="mof")],
        sent_on=dt.date(2026, 10, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.record_answer(
            dispatch,
            by=personas.analyst,
            received_on=dt.date(2026, 10, 5),
            summary="Вирішено.",
            outcome=Outcome.SOLVED,
        )
    assert [m.to for m in mail.outbox] == [["official@example.org"]]
    client.force_login(personas.official)
    page = client.get(f"/appeals/{problem.pk}/").content.decode()
    assert "Чи вирішено для" in page
    client.post(
        f"/appeals/{problem.pk}/feedback/",
        {"hromada": personas.hromada.code, "feedback": "not_solved"},
    )
    problem.refresh_from_db()
    assert problem.state == ProblemState.IN_WORK
    assert AuditEntry.objects.filter(action="appeals.problem.reopen").exists()


def test_an_answer_before_the_letter_is_refused(personas: Personas, problem: Problem) -> None:
    (dispatch,) = actions.send_letters(
        problem,
        by=personas.analyst,
        bodies=[Body.objects.get(code="mof")],
        sent_on=dt.date(2026, 10, 1),
    )
    with pytest.raises(ValidationError, match="раніше, ніж надіслано"):
        actions.record_answer(
            dispatch,
            by=personas.analyst,
            received_on=dt.date(2026, 9, 1),
            summary="x",
            outcome=Outcome.REFUSED,
        )


def test_the_board_counts_on_time_and_overdue_answers_per_body(
    personas: Personas, problem: Problem, client: Client
) -> None:
    mof, cabinet = Body.objects.get(code="mof"), Body.objects.get(code="cabinet")
    letters = actions.send_letters(
        problem, by=personas.analyst, bodies=[mof, cabinet], sent_on=dt.date(2026, 1, 5)
    )
    on_mof = next(d for d in letters if d.body == mof)
    actions.record_answer(
        on_mof,
        by=personas.analyst,
        received_on=dt.date(2026, 1, 9),
        summary="Так.",
        outcome=Outcome.PARTLY,
    )
    page = client.get("/appeals/board/", {"year": 2026}).content.decode()
    assert "Міністерство фінансів" in page and "100 %" in page
    csv_text = client.get("/appeals/board/", {"format": "csv"}).content.decode()
    assert "Кабінет Міністрів України,1,1,0,0,1" in csv_text
    client.force_login(personas.analyst)
    overdue = client.get("/appeals/overdue/").content.decode()
    assert "Кабінет Міністрів України" in overdue
    response = client.post(
        "/appeals/overdue/", {"dispatch": [str(d.pk) for d in letters]}, follow=True
    )
    assert "1" in response.content.decode()
    assert Dispatch.objects.get(body=cabinet).last_reminder_on is not None


def test_merging_a_duplicate_moves_its_hromadas(personas: Personas, problem: Problem) -> None:
    other_official = factories.make_official(personas.other_hromada, username="other")
    duplicate = actions.raise_problem(
        by=other_official,
        hromada=personas.other_hromada,
        title="Субвенція",
        description="Затримка.",
    )
    moved = actions.merge_problem(duplicate, into=problem, by=personas.analyst)
    assert moved == 1 and problem.participations.count() == 2
    duplicate.refresh_from_db()
    assert duplicate.state == ProblemState.MERGED and duplicate.merged_into == problem


def test_raising_on_the_page(personas: Personas, client: Client) -> None:
    client.force_login(personas.official)
    response = client.post(
        "/appeals/new/",
        {"hromada": personas.hromada.code, "title": "Немає транспорту", "description": "Опис"},
    )
    problem = Problem.objects.get()
    assert response["Location"].endswith(f"/appeals/{problem.pk}/")
    client.force_login(personas.outsider)
    assert client.get("/appeals/new/").status_code == 403


def test_the_evidence_lists_each_hromadas_latest_published_value(
    personas: Personas, problem: Problem
) -> None:
    from hromada.appeals.queries import evidence
    from hromada.indicators.actions import ValueInput, record_observations
    from tests.indicators.factories import make_indicator

    indicator = make_indicator("budget.subvention.unpaid")
    record_observations(
        [
            ValueInput(personas.hromada.pk, indicator.pk, year, "", value, "")
            for year, value in ((2024, 10.0), (2025, 12.0))
        ],
        by=None,
        reason="import",
        status="published",
    )
    problem.evidence_indicator = indicator
    problem.save()
    rows = evidence(problem)
    assert [(r.code, r.year, r.value) for r in rows] == [(personas.hromada.code, 2025, 12.0)]
