"""The legislation part of `hromada demo`: sample bills, follows, a position and an alert."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Count
from django.utils import timezone

from hromada.accounts.models import Role, User
from hromada.indicators.models import Observation, Sex, Status
from hromada.legislation import actions, consultations, dialogue, impact
from hromada.legislation.models import (
    MP,
    Audience,
    Bill,
    BodyKind,
    Consultation,
    GovernmentMeeting,
    ImpactResult,
    Opinion,
    Position,
    Stance,
    Subject,
    Watch,
)
from hromada.members.models import Section
from hromada.members.queries import member_hromadas

SEED = Path(__file__).resolve().parent / "seed"
FIRST_FILES = (
    "bills_main-sample.csv",
    "bills_executives-sample.csv",
    "bills_initiators-sample.csv",
)
UPDATE_FILE = "billinfo-update-sample.json"
TAGS = {
    "12101": ["local-budgets"],
    "12117": ["local-taxes"],
    "12140": ["self-government", "martial-law"],
    "12158": ["land"],
    "12173": ["education"],
    "12188": ["housing-utilities"],
}


@dataclass(frozen=True)
class LegislationDemo:
    bills: int
    positions: int
    alerts: int
    consultations: int = 0
    impact_hromadas: int = 0


def _files(names: tuple[str, ...]) -> list[tuple[str, bytes]]:
    return [(name, (SEED / name).read_bytes()) for name in names]


def build_legislation_demo() -> LegislationDemo:
    analyst = User.objects.filter(role=Role.ANALYST, is_active=True).order_by("pk").first()
    if analyst is None:
        return LegislationDemo(0, 0, 0)
    actions.import_bills(_files(FIRST_FILES), by=analyst)
    for number, codes in TAGS.items():
        bill = Bill.objects.get(number=number)
        actions.tag_bill(
            bill,
            by=analyst,
            subjects=list(Subject.objects.filter(code__in=codes)),
            sections=[],
        )
    _follows()
    # The second file moves one bill to its first reading: the people who follow its subject
    # get an alert, as they would after a real import.
    update = actions.import_bills(_files((UPDATE_FILE,)), by=analyst)
    consulted = _consultations(analyst)
    _positions(analyst)
    _dialogue(analyst)
    return LegislationDemo(
        Bill.objects.count(),
        Position.objects.count(),
        update.alerts,
        Consultation.objects.count(),
        consulted,
    )


def _follows() -> None:
    budgets = Subject.objects.get(code="local-budgets")
    finance = Section.objects.filter(code="finance").first()
    for user in User.objects.filter(role__in=[Role.OFFICIAL, Role.COORDINATOR], is_active=True):
        actions.follow(user, kind=Watch.Kind.SUBJECT, subject=budgets)
    for user in User.objects.filter(role=Role.ANALYST, is_active=True):
        if finance is not None:
            actions.follow(user, kind=Watch.Kind.SECTION, section=finance)
        actions.follow(user, kind=Watch.Kind.KEYWORD, keyword="земельн")


PIT_DRAFT = """## Стаття 64, пункт 1
До загального фонду бюджетів міських, селищних, сільських територіальних громад зараховується
60 відсотків податку на доходи фізичних осіб, що сплачується на відповідній території.
## Стаття 64, пункт 1-1
Зміни до частки податку на доходи фізичних осіб набирають чинності з 1 січня року,
наступного за роком набрання чинності цим Законом.
## Стаття 97
Базова дотація визначається за індексом податкоспроможності відповідного бюджету.
"""
TAX_DRAFT = """## Стаття 266, пункт 266.5
Ставка податку на нерухоме майно, відмінне від земельної ділянки, встановлюється
рішенням сільської, селищної, міської ради в розмірі не більше 1,5 відсотка мінімальної
заробітної плати за 1 квадратний метр бази оподаткування.
## Стаття 266, пункт 266.4
Пільги з податку встановлюються рішенням ради до 15 липня року, що передує бюджетному.
"""
# (opinion, comment, proposed wording) from officials of member hromadas.
PIT_COMMENTS = (
    (
        0,
        "wording",
        "60 % не покриває делегованих видатків.",
        "64 відсотки податку на доходи фізичних осіб",
    ),
    (0, "support", "", ""),
    (1, "object", "Зміна посеред року зламає вже ухвалені бюджети.", ""),
    (1, "wording", "", "з 1 січня року, наступного за роком опублікування цього Закону"),
    (2, "support", "Індекс податкоспроможності — зрозумілий механізм.", ""),
)
# Per resident, so that a city and a village compare on one map.
IMPACT_FORMULA = "budget.revenue.pit * (0.64 / 0.60 - 1) * 1000 / demography.population"


def _commenters() -> list[User]:
    """The demo official and, so that a consultation has several voices, officials of other
    member hromadas of the same oblast (accounts without a password: nobody signs in as them)."""
    official = User.objects.filter(username="official", role=Role.OFFICIAL).first()
    if official is None or official.territory is None:
        return []
    people = [official]
    others = (
        member_hromadas()
        .filter(oblast_id=official.territory.oblast_id)
        .exclude(pk=official.territory.pk)
        .order_by("code")[:3]
    )
    for n, hromada in enumerate(others, start=1):
        user, created = User.objects.get_or_create(
            username=f"official-{n}",
            defaults={
                "role": Role.OFFICIAL,
                "territory": hromada,
                "email": f"official-{n}@demo.hromada.invalid",
                "first_name": "Посадовець",
                "last_name": hromada.name_uk,
            },
        )
        if created:
            user.set_unusable_password()
            user.save()
        people.append(user)
    return people


def _released_year(code: str) -> int | None:
    """The year with the most released values (a preliminary year covers only part)."""
    return (
        Observation.objects.filter(indicator__code=code, status=Status.PUBLISHED, sex=Sex.TOTAL)
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-count", "-year")
        .values_list("year", flat=True)
        .first()
    )


def _consultations(analyst: User) -> int:
    """A consultation on 12101 that closed and was consolidated into the published position
    with its impact model, and an open one on 12117 for one oblast. Returns the hromadas with
    an impact figure."""
    bill = Bill.objects.get(number="12101")
    if Consultation.objects.filter(bill=bill).exists():
        return ImpactResult.objects.count()
    today = timezone.localdate()
    people = _commenters()
    closed = consultations.open_consultation(
        bill,
        by=analyst,
        title="Частка ПДФО в бюджетах громад",
        question="Чи підтримуєте ви зміни до статей 64 і 97 Бюджетного кодексу?",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=13),
        audience=Audience.ALL,
        section=None,
        oblast=None,
        articles=consultations.split_articles(PIT_DRAFT),
    )
    articles = list(closed.articles.order_by("order"))
    comments: list[int] = []
    for n, (article, opinion, text, wording) in enumerate(PIT_COMMENTS):
        if people:
            author = people[n % len(people)]
            comment = consultations.add_comment(
                articles[article], by=author, opinion=opinion, text=text, wording=wording
            )
            if wording:
                comments.append(comment.pk)
    # The demo tells a story that took a month: the consultation ran and closed before today.
    Consultation.objects.filter(pk=closed.pk).update(
        opens_on=today - dt.timedelta(days=40), closes_on=today - dt.timedelta(days=26)
    )
    closed.refresh_from_db()
    position = consultations.consolidate(
        closed,
        by=analyst,
        values={
            "title": "Податок на доходи фізичних осіб має залишатися в громадах",
            "stance": Stance.AMEND,
            "summary": (
                "Асоціація підтримує законопроєкт за умови, що частка податку на доходи "
                "фізичних осіб, яка зараховується до бюджетів громад, не зменшується нижче "
                "64 %, а зміни набирають чинності з початку бюджетного року."
            ),
            "proposals": consultations.proposed_wording(closed, comments),
            "evidence": (
                "За даними звітності громад, податок на доходи фізичних осіб дає понад "
                "половину власних доходів більшості міських громад."
            ),
        },
        subjects=list(Subject.objects.filter(code="local-budgets")),
        comment_ids=comments,
    )
    year = _released_year("budget.revenue.pit")
    if year is not None:
        impact.save_impact(
            position,
            by=analyst,
            values={
                "label": "Додаткові надходження ПДФО на мешканця за частки 64 % замість 60 %",
                "formula": IMPACT_FORMULA,
                "year": year,
                "unit": "грн на мешканця",
                "decimals": 1,
                "additive": False,
                "assumptions": (
                    "Надходження ПДФО до бюджету громади пропорційні її частці податку; "
                    "база — оприлюднені надходження року, поведінка платників не змінюється."
                ),
            },
        )
    actions.publish_position(position, by=analyst, on=today - dt.timedelta(days=20))
    actions.add_letter(
        position,
        by=analyst,
        addressee="Комітет Верховної Ради України з питань бюджету",
        sent_on=today - dt.timedelta(days=18),
        outgoing_number="01-15/912",
    )
    official = people[0] if people else None
    if official is not None and official.territory is not None:
        tax = consultations.open_consultation(
            Bill.objects.get(number="12117"),
            by=analyst,
            title="Ставки податку на нерухоме майно",
            question="Чи достатньо громадам граничної ставки 1,5 % мінімальної зарплати?",
            opens_on=today - dt.timedelta(days=2),
            closes_on=today + dt.timedelta(days=5),
            audience=Audience.OBLAST,
            section=None,
            oblast=official.territory.oblast,
            articles=consultations.split_articles(TAX_DRAFT),
        )
        if len(people) > 1:
            consultations.add_comment(
                tax.articles.get(order=1),
                by=people[1],
                opinion=Opinion.WORDING,
                text="Граничну ставку варто підняти для міст.",
                wording="не більше 2 відсотків мінімальної заробітної плати",
            )
    return ImpactResult.objects.count()


def _positions(analyst: User) -> None:
    land = Bill.objects.get(number="12158")
    if not Position.objects.filter(bill=land).exists():
        actions.save_position(
            None,
            by=analyst,
            values={
                "bill": land,
                "title": "Землі державної власності — громадам",
                "stance": Stance.SUPPORT,
                "summary": "Чернетка позиції: асоціація підтримує передачу земель громадам.",
                "proposals": "",
                "evidence": "",
            },
            subjects=list(Subject.objects.filter(code="land")),
        )


MP_FILES = ("mps09-data-sample.csv", "mp-posts_ids-sample.csv", "mp-posts_unit-sample.tsv")


def _dialogue(analyst: User) -> None:
    """A committee meeting where the position was voiced, and the MP group."""
    dialogue.import_mps(_files(MP_FILES), by=analyst)
    for mp in MP.objects.filter(rada_id__in=["70001", "70003"], in_group=False):
        dialogue.set_group(mp, by=analyst, in_group=True)
    if GovernmentMeeting.objects.exists():
        return
    today = timezone.localdate()
    meeting = dialogue.record_meeting(
        by=analyst,
        values={
            "body_kind": BodyKind.RADA_COMMITTEE,
            "body": "Комітет Верховної Ради України з питань бюджету",
            "held_on": today - dt.timedelta(days=12),
            "representatives": "Виконавчий директор асоціації; голова секції з фінансів",
            "outcome": "Комітет рекомендував доопрацювати законопроєкт з урахуванням позиції.",
        },
    )
    dialogue.add_agenda_item(
        meeting,
        by=analyst,
        title="Про зміни до Бюджетного кодексу щодо ПДФО",
        bill=Bill.objects.get(number="12101"),
        position=Position.objects.filter(bill__number="12101").first(),
        voiced="Частка ПДФО для громад — не менше 64 %, зміни — з нового бюджетного року.",
        outcome="Поправку щодо 64 % враховано в порівняльній таблиці.",
    )
