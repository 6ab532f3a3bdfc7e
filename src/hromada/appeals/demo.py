"""The appeals part of `hromada demo`: problems in every state, joined by several hromadas,
letters to several bodies with answers, a redirect and an overdue answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from hromada.accounts.models import Role, User
from hromada.appeals import actions, file_actions
from hromada.appeals.letters import DEFAULT_TEXT
from hromada.appeals.models import Body, Dispatch, Outcome, Participation, Problem
from hromada.territories.models import Territory


@dataclass(frozen=True)
class AppealsDemo:
    problems: int
    letters: int


def _user(role: str) -> User | None:
    return User.objects.filter(role=role, is_active=True).order_by("pk").first()


def _evidence_pdf(title: str, text: str) -> bytes:
    """A one-page PDF standing for a hromada's own certificate."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    page = f"<html lang='uk'><body><h1>{title}</h1><p>{text}</p></body></html>"
    return bytes(HTML(string=page).write_pdf())


def build_appeals_demo() -> AppealsDemo:
    official, coordinator, analyst = (
        _user(Role.OFFICIAL),
        _user(Role.COORDINATOR),
        _user(Role.ANALYST),
    )
    if official is None or coordinator is None or analyst is None or official.territory is None:
        return AppealsDemo(0, 0)
    if Problem.objects.exists():
        return AppealsDemo(Problem.objects.count(), 0)
    home = official.territory
    neighbours = list(
        Territory.objects.hromadas()
        .filter(oblast_id=coordinator.territory_id)
        .exclude(pk=home.pk)
        .order_by("code")[:6]
    )
    today = timezone.localdate()
    body = {b.code: b for b in Body.objects.all()}

    def raised(title: str, description: str, joined: int, **extra: object) -> Problem:
        problem = actions.raise_problem(
            by=official,
            hromada=home,
            title=title,
            description=description,
            **extra,  # type: ignore[arg-type]
        )
        for neighbour in neighbours[:joined]:
            actions.join_problem(
                problem,
                by=coordinator,
                hromada=neighbour,
                details="Та сама ситуація в нашій громаді.",
            )
        return problem

    # The association's letter template, as an analyst saved it; letters are made from it.
    file_actions.save_letter_template(
        by=analyst,
        text=DEFAULT_TEXT.replace(
            "Просимо розглянути", "З огляду на викладене просимо невідкладно розглянути"
        ),
        note="Наполегливіше прохання наприкінці листа.",
    )
    # New: just raised, waiting for the analysts.
    raised(
        "Немає порядку компенсації за зруйноване комунальне майно",
        "Громада не може отримати компенсацію за пошкоджені котельні: порядок не затверджено.",
        2,
    )
    # In work: accepted, letters not sent yet.
    in_work = raised(
        "Затримка освітньої субвенції",
        "Субвенцію перераховують із запізненням до 40 днів.",
        3,
        legal_act="Бюджетний кодекс України, ст. 103-2",
    )
    actions.accept_problem(in_work, by=analyst, tags="освіта, міжбюджетні трансферти")
    file_actions.upload_evidence(
        in_work,
        by=official,
        title="Довідка про надходження субвенції",
        file_name="dovidka-subventsiia.pdf",
        content=_evidence_pdf(
            "Довідка про надходження освітньої субвенції",
            "Вересень: надійшло через 38 днів. Жовтень: через 41 день.",
        ),
    )
    # Sent long ago, no answer: overdue.
    overdue = raised(
        "Не компенсовано пільги на проїзд",
        "Компенсація пільгового проїзду не надходить із січня.",
        4,
    )
    actions.accept_problem(overdue, by=analyst, tags="соціальний захист, транспорт")
    actions.send_letters(
        overdue,
        by=analyst,
        bodies=[body["msp"], body["mof"]],
        sent_on=today - dt.timedelta(days=60),
        outgoing_number="01-12/301",
    )
    # Redirected by the Cabinet to the Ministry of Finance, which answered: awaiting feedback.
    redirected = raised(
        "Вилучення ПДФО військовослужбовців",
        "Зміна зарахування ПДФО зменшила доходи громади на чверть.",
        5,
        legal_act="Закон № 3590-IX",
    )
    actions.accept_problem(redirected, by=analyst, tags="місцеві бюджети")
    (to_cabinet,) = actions.send_letters(
        redirected,
        by=analyst,
        bodies=[body["cabinet"]],
        sent_on=today - dt.timedelta(days=45),
        outgoing_number="01-12/287",
    )
    actions.record_answer(
        to_cabinet,
        by=analyst,
        received_on=today - dt.timedelta(days=38),
        summary="Питання належить до компетенції Міністерства фінансів.",
        outcome=Outcome.REDIRECTED,
        redirected_to=body["mof"],
        incoming_number="12345/0/2-26",
    )
    follow_on = redirected.dispatches.get(redirected_from=to_cabinet)
    actions.record_answer(
        follow_on,
        by=analyst,
        received_on=today - dt.timedelta(days=20),
        summary="Міністерство опрацьовує механізм компенсації втрат громад.",
        outcome=Outcome.PARTLY,
        incoming_number="04110-09-5/1234",
    )
    actions.publish_problem(
        redirected,
        by=analyst,
        summary=(
            "Громади втратили частину доходів після зміни зарахування ПДФО військовослужбовців."
        ),
    )
    # Solved: every hromada confirmed.
    solved = raised(
        "Неможливо зареєструвати ОСББ у прифронтових громадах",
        "Реєстратори відмовляють через відсутність доступу до реєстру.",
        1,
    )
    actions.accept_problem(solved, by=analyst, tags="житло")
    (to_minregion,) = actions.send_letters(
        solved, by=analyst, bodies=[body["minregion"]], sent_on=today - dt.timedelta(days=90)
    )
    actions.record_answer(
        to_minregion,
        by=analyst,
        received_on=today - dt.timedelta(days=70),
        summary="Доступ до реєстру відновлено.",
        outcome=Outcome.SOLVED,
    )
    for participation in solved.participations.all():
        who = official if participation.hromada_id == home.pk else coordinator
        actions.give_feedback(participation, by=who, feedback=Participation.Feedback.SOLVED)
    actions.publish_problem(
        solved, by=analyst, summary="Громадам відновлено доступ до реєстру ОСББ."
    )
    # Closed without a solution after a refusal.
    refused = raised(
        "Заборона закупівлі шкільних автобусів за кошти субвенції",
        "Порядок використання субвенції не дозволяє купувати автобуси.",
        2,
    )
    actions.accept_problem(refused, by=analyst, tags="освіта, транспорт")
    (to_mon,) = actions.send_letters(
        refused, by=analyst, bodies=[body["mon"]], sent_on=today - dt.timedelta(days=120)
    )
    actions.record_answer(
        to_mon,
        by=analyst,
        received_on=today - dt.timedelta(days=80),
        summary="Зміни до порядку не плануються.",
        outcome=Outcome.REFUSED,
    )
    actions.close_problem(
        refused,
        by=analyst,
        solved=False,
        reason="Міністерство відмовило; питання внесено до позиції щодо бюджету.",
    )
    # A duplicate merged into the education subvention problem.
    duplicate = actions.raise_problem(
        by=coordinator,
        hromada=neighbours[-1],
        title="Субвенція на освіту надходить пізно",
        description="Затримка виплат учителям.",
    )
    actions.merge_problem(duplicate, into=in_work, by=analyst)
    return AppealsDemo(Problem.objects.count(), Dispatch.objects.count())
