"""The legislation part of `hromada demo`: sample bills, follows, a position and an alert."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from hromada.accounts.models import Role, User
from hromada.legislation import actions
from hromada.legislation.models import Bill, Position, Stance, Subject, Watch
from hromada.members.models import Section

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
    _positions(analyst)
    return LegislationDemo(Bill.objects.count(), Position.objects.count(), update.alerts)


def _follows() -> None:
    budgets = Subject.objects.get(code="local-budgets")
    finance = Section.objects.filter(code="finance").first()
    for user in User.objects.filter(role__in=[Role.OFFICIAL, Role.COORDINATOR], is_active=True):
        actions.follow(user, kind=Watch.Kind.SUBJECT, subject=budgets)
    for user in User.objects.filter(role=Role.ANALYST, is_active=True):
        if finance is not None:
            actions.follow(user, kind=Watch.Kind.SECTION, section=finance)
        actions.follow(user, kind=Watch.Kind.KEYWORD, keyword="земельн")


def _positions(analyst: User) -> None:
    bill = Bill.objects.get(number="12101")
    if not Position.objects.filter(bill=bill).exists():
        position = actions.save_position(
            None,
            by=analyst,
            values={
                "bill": bill,
                "title": "Податок на доходи фізичних осіб має залишатися в громадах",
                "stance": Stance.AMEND,
                "summary": (
                    "Асоціація підтримує законопроєкт за умови, що частка податку на доходи "
                    "фізичних осіб, яка зараховується до бюджетів громад, не зменшується нижче "
                    "64 %, а зміни набирають чинності з початку бюджетного року."
                ),
                "proposals": (
                    "Пункт 1 статті 64 викласти в редакції: «64 відсотки податку на доходи "
                    "фізичних осіб…»."
                ),
                "evidence": (
                    "За даними звітності громад, податок на доходи фізичних осіб дає понад "
                    "половину власних доходів більшості міських громад."
                ),
            },
            subjects=list(Subject.objects.filter(code="local-budgets")),
        )
        actions.publish_position(position, by=analyst, on=dt.date(2026, 9, 20))
        actions.add_letter(
            position,
            by=analyst,
            addressee="Комітет Верховної Ради України з питань бюджету",
            sent_on=dt.date(2026, 9, 22),
            outgoing_number="01-15/912",
        )
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
