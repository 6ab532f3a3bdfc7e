"""Synthetic member registry for the demo instance, built on the real territories.

`build_members_demo(seed)` picks about two thirds of the mainland hromadas (essentially
every city hromada, plus a sample of settlement and village ones weighted towards
settlements), gives them joining dates, a few suspensions and departures, dues for
2021-2025, a regional branch per oblast and 2-4 officials each. Everything it writes has
`is_demo=True`; running it again first removes the previous demo rows, so nothing doubles.
The same seed always gives the same registry.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from hromada.members import demo_people as names
from hromada.members.models import (
    Dues,
    Membership,
    MembershipChange,
    MembershipStatus,
    Person,
    RegionalBranch,
    Section,
)
from hromada.territories.models import Category, HromadaType, Level, Territory

MAINLAND_HROMADAS = 1470  # 1,469 hromadas and Kyiv
TARGET_MEMBERS = 1000
FOUNDERS = 35  # the association was founded in 1992 by 35 cities
DUES_YEARS = range(2021, 2026)
BATCH = 1000
LAST_DAY = dt.date(2024, 12, 31)
REASON = "демонстраційні дані"


@dataclass(frozen=True)
class DemoMembersSummary:
    members: int
    suspended: int
    left: int
    dues: int
    unpaid: int
    branches: int
    persons: int


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def clear_members_demo() -> None:
    Person.objects.filter(is_demo=True).delete()
    Dues.objects.filter(is_demo=True).delete()
    Membership.objects.filter(is_demo=True).delete()
    RegionalBranch.objects.filter(is_demo=True).delete()


def _is_city(hromada: Territory) -> bool:
    return hromada.hromada_type == HromadaType.CITY or hromada.category == Category.SPECIAL_CITY


def choose_members(rng: random.Random) -> list[Territory]:
    """Every city hromada, then a weighted sample of the others, none in Crimea."""
    eligible = list(
        Territory.objects.hromadas()
        .valid()
        .filter(is_crimea=False, membership__isnull=True)
        .select_related("oblast")
        .order_by("code")
    )
    target = round(len(eligible) * TARGET_MEMBERS / MAINLAND_HROMADAS)
    cities = [h for h in eligible if _is_city(h)]
    others = [h for h in eligible if not _is_city(h)]
    # Weighted sampling without replacement: the largest random()**(1/weight) keys win.
    weight: dict[str, float] = {HromadaType.SETTLEMENT: 2.0}
    keyed = sorted(
        others, key=lambda h: rng.random() ** (1 / weight.get(h.hromada_type, 1.0)), reverse=True
    )
    return cities + keyed[: max(target - len(cities), 0)]


def _with_city_districts() -> set[int]:
    """Hromadas of the big cities: those whose city is divided into city districts."""
    rows = Territory.objects.filter(level=Level.DISTRICT).values_list(
        "parent__level", "parent_id", "parent__parent_id"
    )
    found = {parent if level == Level.HROMADA else grand for level, parent, grand in rows}
    return {pk for pk in found if pk is not None}


def _founders(rng: random.Random, members: list[Territory]) -> set[int]:
    """Up to 35 founding cities: Kyiv, the big cities, the oblast centres, then others."""
    big = _with_city_districts()

    def rank(hromada: Territory) -> int:
        if hromada.category == Category.SPECIAL_CITY:
            return 0
        if hromada.pk in big:
            return 1
        return 2 if hromada.oblast and hromada.oblast.name_uk == hromada.name_uk else 3

    cities = [h for h in members if _is_city(h)]
    rng.shuffle(cities)
    cities.sort(key=rank)
    return {h.pk for h in cities[:FOUNDERS]}


def _joined_on(rng: random.Random, hromada: Territory, founder: bool) -> dt.date:
    if founder:
        return _day(rng, dt.date(1992, 12, 1), dt.date(1992, 12, 31))
    if _is_city(hromada):
        return _day(rng, dt.date(1993, 1, 1), LAST_DAY)
    # Settlement and village hromadas exist in their present form since 2015-2020.
    return _day(rng, dt.date(2016, 1, 1), LAST_DAY)


def _memberships(rng: random.Random, members: list[Territory]) -> list[Membership]:
    founders = _founders(rng, members)
    rows = []
    for hromada in members:
        joined = _joined_on(rng, hromada, hromada.pk in founders)
        roll = rng.random()
        status = MembershipStatus.ACTIVE
        if roll < 0.01 and joined < dt.date(2023, 1, 1):
            status = MembershipStatus.LEFT
        elif roll < 0.03:
            status = MembershipStatus.SUSPENDED
        left_on = _day(rng, joined, LAST_DAY) if status == MembershipStatus.LEFT else None
        decision = f"рішення Правління № {rng.randint(1, 40)} від {joined:%d.%m.%Y}"
        rows.append(
            Membership(
                territory=hromada,
                joined_on=joined,
                status=status,
                left_on=left_on,
                decision=decision,
                is_demo=True,
            )
        )
    return rows


def _changes(rng: random.Random, memberships: list[Membership]) -> list[MembershipChange]:
    changes = []
    for m in memberships:
        changes.append(
            MembershipChange(
                membership=m,
                new_status=MembershipStatus.ACTIVE,
                effective_on=m.joined_on,
                reason=m.decision,
            )
        )
        if m.status != MembershipStatus.ACTIVE:
            on = m.left_on or _day(rng, max(m.joined_on, dt.date(2022, 1, 1)), LAST_DAY)
            changes.append(
                MembershipChange(
                    membership=m,
                    old_status=MembershipStatus.ACTIVE,
                    new_status=m.status,
                    effective_on=on,
                    reason=REASON,
                )
            )
    return changes


def _amount(rng: random.Random, hromada: Territory) -> Decimal:
    if hromada.category == Category.SPECIAL_CITY:
        low, high = 400_000, 600_000
    elif _is_city(hromada):
        low, high = 20_000, 250_000
    elif hromada.hromada_type == HromadaType.SETTLEMENT:
        low, high = 8_000, 40_000
    else:
        low, high = 5_000, 25_000
    return Decimal(rng.randint(low // 100, high // 100) * 100)


def _dues(rng: random.Random, memberships: list[Membership]) -> list[Dues]:
    dues = []
    for m in memberships:
        amount = _amount(rng, m.territory)
        for year in DUES_YEARS:
            if m.joined_on.year > year or (m.left_on and m.left_on.year < year):
                continue
            paid_share = 0.7 if year == DUES_YEARS[-1] else 0.93
            if m.status == MembershipStatus.SUSPENDED and year >= 2024:
                paid_share = 0.0
            paid_on = None
            if rng.random() < paid_share:
                paid_on = _day(rng, dt.date(year, 2, 1), dt.date(year, 11, 30))
            dues.append(Dues(membership=m, year=year, amount=amount, paid_on=paid_on, is_demo=True))
    return dues


def _branches(rng: random.Random) -> list[RegionalBranch]:
    taken = set(RegionalBranch.objects.values_list("oblast_id", flat=True))
    oblasts = Territory.objects.oblasts().valid().filter(is_crimea=False).order_by("code")
    branches = []
    for number, oblast in enumerate(oblasts, start=1):
        if oblast.pk in taken:
            continue
        adjective = oblast.name_uk[:-1] + "е" if oblast.name_uk.endswith("а") else oblast.name_uk
        branches.append(
            RegionalBranch(
                oblast=oblast,
                name_uk=f"{adjective} регіональне відділення АМУ",
                name_en=f"{oblast.name_en} Regional Branch of AUC",
                address=f"вул. Соборна, {rng.randint(1, 60)}",
                email=f"branch{number:02d}@example.org",
                phone=f"+380 00 000 {number:04d}",
                is_demo=True,
            )
        )
    return branches


def _person(rng: random.Random, hromada: Territory, position: str, serial: int) -> Person:
    surname, surname_latin = rng.choice(names.SURNAMES)
    father = rng.choice(names.FATHERS)
    if rng.random() < 0.5:
        first, first_latin = rng.choice(names.MALE)
        patronymic = names.MALE_PATRONYMIC[father]
    else:
        first, first_latin = rng.choice(names.FEMALE)
        patronymic = names.FEMALE_PATRONYMIC[father]
    consent = rng.random() < 0.9
    return Person(
        full_name=f"{surname} {first} {patronymic}",
        position=position,
        hromada=hromada,
        email=f"{first_latin}.{surname_latin}.{serial}@example.org",
        phone=f"+380 00 {serial // 10000:03d} {serial % 10000:04d}",
        consent=consent,
        consent_on=_day(rng, dt.date(2023, 1, 1), LAST_DAY) if consent else None,
        is_demo=True,
    )


def _people(
    rng: random.Random, members: list[Territory], codes: list[str]
) -> tuple[list[Person], list[list[str]]]:
    """2-4 officials per hromada, and for each the codes of the sections they join:
    the one that fits their position, sometimes one more of any kind."""
    persons: list[Person] = []
    joins: list[list[str]] = []
    for hromada in members:
        head = names.HEADS.get(hromada.hromada_type, names.HEADS["city"])
        positions = [(head, ""), *rng.sample(names.STAFF_POSITIONS, rng.randint(1, 3))]
        for position, section in positions:
            persons.append(_person(rng, hromada, position, len(persons) + 1))
            chosen = {section} if section and rng.random() < 0.7 else set()
            if codes and rng.random() < 0.3:
                chosen.add(rng.choice(codes))
            joins.append(sorted(chosen))
    return persons, joins


def _bulk(model: type, rows: Sequence[object]) -> None:
    for start in range(0, len(rows), BATCH):
        model.objects.bulk_create(rows[start : start + BATCH])  # type: ignore[attr-defined]


@transaction.atomic
def build_members_demo(seed: int) -> DemoMembersSummary:
    rng = random.Random(seed)  # noqa: S311 -- synthetic data, not security
    clear_members_demo()
    members = choose_members(rng)
    memberships = _memberships(rng, members)
    _bulk(Membership, memberships)
    _bulk(MembershipChange, _changes(rng, memberships))
    dues = _dues(rng, memberships)
    _bulk(Dues, dues)
    branches = _branches(rng)
    _bulk(RegionalBranch, branches)
    sections = dict(Section.objects.filter(is_active=True).values_list("code", "pk"))
    persons, joins = _people(rng, members, sorted(sections))
    _bulk(Person, persons)
    Link = Person.sections.through
    links = [
        Link(person_id=person.pk, section_id=sections[code])
        for person, codes in zip(persons, joins, strict=True)
        for code in codes
        if code in sections
    ]
    _bulk(Link, links)
    return DemoMembersSummary(
        members=len(memberships),
        suspended=sum(m.status == MembershipStatus.SUSPENDED for m in memberships),
        left=sum(m.status == MembershipStatus.LEFT for m in memberships),
        dues=len(dues),
        unpaid=sum(d.paid_on is None for d in dues),
        branches=len(branches),
        persons=len(persons),
    )
