"""Factories for the member registry; territories come from tests/factories.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hromada.members.models import Dues, Membership, Person, RegionalBranch
from hromada.territories.models import Territory
from tests import factories


def make_membership(territory: Territory | None = None, **fields: Any) -> Membership:
    fields.setdefault("joined_on", dt.date(2016, 5, 20))
    return Membership.objects.create(territory=territory or factories.make_hromada(), **fields)


def make_person(hromada: Territory | None, **fields: Any) -> Person:
    fields.setdefault("full_name", "Коваленко Олена Іванівна")
    fields.setdefault("position", "секретар ради")
    fields.setdefault("email", "olena.kovalenko@example.org")
    fields.setdefault("phone", "+380 00 000 0001")
    fields.setdefault("consent", True)
    if fields["consent"]:
        fields.setdefault("consent_on", dt.date(2024, 1, 10))
    sections = fields.pop("sections", [])
    person = Person.objects.create(hromada=hromada, **fields)
    person.sections.set(sections)
    return person


def make_dues(membership: Membership, year: int, **fields: Any) -> Dues:
    fields.setdefault("amount", Decimal("12000.00"))
    return Dues.objects.create(membership=membership, year=year, **fields)


def make_branch(oblast: Territory, **fields: Any) -> RegionalBranch:
    fields.setdefault("name_uk", f"{oblast.name_uk[:-1]}е регіональне відділення")
    fields.setdefault("name_en", f"{oblast.name_en} Regional Branch")
    return RegionalBranch.objects.create(oblast=oblast, **fields)
