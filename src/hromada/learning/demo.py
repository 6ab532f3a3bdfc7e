"""The training part of `hromada demo`: a past course with attendance and certificates, an
upcoming one with a waiting list, and practices in the library."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from hromada.accounts.models import Role, User
from hromada.indicators.models import Indicator
from hromada.learning import actions, certificates, evaluation, practice_actions
from hromada.learning.models import (
    Event,
    EventKind,
    Evidence,
    ParticipantRole,
    Practice,
    Presence,
    Session,
)
from hromada.members.models import Section
from hromada.territories.models import Territory

ROLES = [
    ParticipantRole.STAFF,
    ParticipantRole.HEAD,
    ParticipantRole.DEPUTY,
    ParticipantRole.COUNCILLOR,
    ParticipantRole.STAFF,
    ParticipantRole.STAFF,
]
# What the published demo practice targets: the first of these the catalogue holds.
TARGETS = ("budget.expenditure.utilities_energy", "budget.expenditure.total")

PEOPLE = [
    "Коваленко Олена Петрівна",
    "Шевчук Андрій Іванович",
    "Бондар Ірина Миколаївна",
    "Мельник Тарас Олегович",
    "Ткаченко Наталія Сергіївна",
    "Кравчук Оксана Василівна",
]


@dataclass(frozen=True)
class LearningDemo:
    events: int
    certificates: int
    practices: int


def _event(title: str, kind: str, days: int, capacity: int, section: str) -> Event:
    event = Event.objects.create(
        title=title,
        kind=kind,
        capacity=capacity,
        credits=Decimal("1.0"),
        programme="Нормативна база, практичні кейси громад, самостійна робота з даними.",
        section=Section.objects.filter(code=section).first(),
        audience="Голови, заступники, працівники фінансових управлінь громад",
    )
    start = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + dt.timedelta(
        days=days
    )
    for day in range(2):
        Session.objects.create(
            event=event,
            starts_at=start + dt.timedelta(days=day),
            ends_at=start + dt.timedelta(days=day, hours=6),
            place="Київ, вул. Шовковична, 28",
            topic=("Планування бюджету", "Звітність і контроль")[day],
            hours=Decimal(6),
        )
    return event


def build_learning_demo() -> LearningDemo:
    analyst = User.objects.filter(role=Role.ANALYST, is_active=True).order_by("pk").first()
    official = User.objects.filter(role=Role.OFFICIAL, is_active=True).order_by("pk").first()
    if analyst is None or official is None or official.territory is None or Event.objects.exists():
        return LearningDemo(Event.objects.count(), 0, Practice.objects.count())
    hromada: Territory = official.territory
    # Half the participants come from other member hromadas, so the reach board has spread.
    others = list(
        Territory.objects.hromadas()
        .valid()
        .filter(membership__isnull=False)
        .exclude(oblast=hromada.oblast)
        .order_by("code")[:3]
    )
    homes = [hromada] * 3 + others + [hromada] * (3 - len(others))
    # People registered for the course while it was ahead (registration closes when an event
    # starts); it took place 40 days ago.
    past = _event("Бюджетний процес у громаді", EventKind.COURSE, 1, 20, "finance")
    # The demo official took the course too, so their record asks for an evaluation.
    registrations = [
        actions.register(
            past,
            by=analyst,
            full_name=name,
            email=official.email if number == 0 else f"demo.learner{number}@example.org",
            hromada=homes[number],
            role=ROLES[number % len(ROLES)],
        )
        for number, name in enumerate(PEOPLE)
    ]
    back = dt.timedelta(days=41)
    past.sessions.update(starts_at=F("starts_at") - back, ends_at=F("ends_at") - back)
    for number, registration in enumerate(registrations):
        for session in past.sessions.all():
            presence = (
                Presence.ABSENT
                if number == 5 and session.topic.startswith("Звіт")
                else Presence.PRESENT
            )
            actions.mark_attendance(session, by=analyst, marks={registration.pk: presence})
    issued = certificates.issue_certificates(
        past, by=analyst, on=timezone.localdate() - dt.timedelta(days=30)
    )
    _evaluate(past, analyst, official.email)
    upcoming = _event(
        "Енергоефективність бюджетних установ", EventKind.PRACTICUM, 14, 4, "energy-efficiency"
    )
    for number, name in enumerate(PEOPLE[:5]):
        actions.register(
            upcoming,
            by=analyst,
            full_name=name,
            email=f"demo.learner{number}@example.org",
            hromada=hromada,
        )
    _event("Публічні закупівлі для громад", EventKind.WEBINAR, 30, 100, "finance")
    _practices(analyst, official, hromada)
    return LearningDemo(Event.objects.count(), len(issued), Practice.objects.count())


# Answers of the past course's attendees (overall, usefulness, trainers, recommend, improve);
# the demo official's own place stays unanswered, so their record asks for an evaluation.
ANSWERS = [
    ("5", "5", "4", "yes", "Більше практичних завдань з реальними кошторисами."),
    ("4", "5", "5", "yes", ""),
    ("4", "3", "4", "yes", "Роздаткові матеріали заздалегідь."),
    ("5", "4", "5", "yes", ""),
    ("3", "4", "4", "no", "Менше теорії в перший день."),
]


def _evaluate(past: Event, analyst: User, official_email: str) -> None:
    """The evaluation wave of the past course, answered by all attendees but the official."""
    from hromada.surveys.actions import submit_answers

    wave = evaluation.open_evaluation(past, by=analyst)
    invitations = list(wave.invitations.exclude(email=official_email).order_by("pk"))
    names = ("overall", "usefulness", "trainers", "recommend", "improve")
    for invitation, answers in zip(invitations, ANSWERS, strict=False):
        submit_answers(invitation, dict(zip(names, answers, strict=True)))


def _practices(analyst: User, official: User, hromada: Territory) -> None:
    published = practice_actions.propose_practice(
        by=official,
        hromada=hromada,
        values={
            "title": "Енергосервісні договори в школах",
            "problem": "Витрати на опалення шкіл забирали п’яту частину освітнього бюджету.",
            "solution": "Громада уклала ЕСКО-договори на утеплення трьох шкіл; підрядник окупає "
            "вкладення з економії протягом семи років.",
            "results": (
                "Споживання тепла зменшилося на 32 %, витрати на опалення — на 1,8 млн грн на рік."
            ),
            "cost": "12 млн грн (кошти підрядника)",
            "duration": "14 місяців",
            "contacts": "Управління освіти громади",
            "title_en": "Energy service contracts in schools",
            "problem_en": "Heating the schools took a fifth of the education budget.",
            "solution_en": "The hromada signed ESCO contracts to insulate three schools; the "
            "contractor recovers its investment from the savings over seven years.",
            "results_en": (
                "Heat consumption fell by 32 %, heating costs by UAH 1.8 million a year."
            ),
            "cost_en": "UAH 12 million (the contractor's funds)",
            "duration_en": "14 months",
            "start_year": 2019,
            "section": Section.objects.filter(code="energy-efficiency").first(),
            "target_indicators": list(Indicator.objects.filter(code__in=TARGETS[:1]))
            or list(Indicator.objects.filter(code__in=TARGETS)[:1]),
        },
    )
    practice_actions.review_practice(
        published,
        by=analyst,
        publish=True,
        evidence=Evidence.MEASURED,
        note="Результати підтверджено даними лічильників.",
    )
    neighbour = (
        Territory.objects.hromadas()
        .valid()
        .filter(oblast=hromada.oblast, hromada_type=hromada.hromada_type)
        .exclude(pk=hromada.pk)
        .order_by("code")
        .first()
    )
    if neighbour is not None:
        practice_actions.adopt_practice(
            published,
            by=analyst,
            hromada=neighbour,
            year=2021,
            note="Утеплено дві школи за тією ж моделлю.",
        )
    practice_actions.propose_practice(
        by=official,
        hromada=hromada,
        values={
            "title": "Єдиний диспетчерський центр ЖКГ",
            "problem": "Звернення мешканців губилися між комунальними підприємствами.",
            "solution": "Один номер і одна система заявок для всіх підприємств.",
            "results": "Середній час реагування скоротився з 3 днів до 9 годин.",
        },
    )
