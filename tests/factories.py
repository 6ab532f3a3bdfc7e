"""Factories for the objects most tests need: territories and users in their roles.

Codes are built to the KATOTTG shape (UA + 17 digits) from a sequence, so tests can make
as many distinct territories as they like without touching the real codifier.
"""

from __future__ import annotations

import datetime as dt

import factory

from hromada.accounts.models import Role, User
from hromada.territories.models import Category, HromadaType, Level, Territory
from hromada.territories.search import search_text_for

_LEVEL_OF = {
    Category.OBLAST: Level.OBLAST,
    Category.SPECIAL_CITY: Level.HROMADA,
    Category.RAION: Level.RAION,
    Category.HROMADA: Level.HROMADA,
    Category.CITY: Level.SETTLEMENT,
    Category.SETTLEMENT: Level.SETTLEMENT,
    Category.VILLAGE: Level.SETTLEMENT,
    Category.CITY_DISTRICT: Level.DISTRICT,
}


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"UA{90000000000000000 + n:017d}")
    category = Category.HROMADA
    parent = None
    level = factory.LazyAttribute(lambda o: _LEVEL_OF[Category(o.category)])
    name_uk = factory.Sequence(lambda n: f"Громада {n}")
    name_en = factory.Sequence(lambda n: f"Hromada {n}")
    search_text = factory.LazyAttribute(lambda o: search_text_for(o.name_uk, o.name_en, o.code))
    valid_from = dt.date(2020, 7, 17)
    oblast = factory.LazyAttribute(lambda o: o.parent.oblast if o.parent else None)
    raion = factory.LazyAttribute(
        lambda o: o.parent if o.parent and o.parent.level == Level.RAION else None
    )


def make_oblast(name_uk: str = "Тестова", name_en: str = "Testova") -> Territory:
    oblast = TerritoryFactory(category=Category.OBLAST, name_uk=name_uk, name_en=name_en)
    oblast.oblast = oblast
    oblast.save(update_fields=["oblast"])
    return oblast


def make_raion(
    oblast: Territory, name_uk: str = "Тестовий", name_en: str = "Testovyi"
) -> Territory:
    return TerritoryFactory(
        category=Category.RAION, parent=oblast, oblast=oblast, name_uk=name_uk, name_en=name_en
    )


def make_hromada(
    raion: Territory | None = None,
    *,
    name_uk: str | None = None,
    name_en: str | None = None,
    hromada_type: str = HromadaType.VILLAGE,
) -> Territory:
    raion = raion or make_raion(make_oblast())
    extra = {k: v for k, v in {"name_uk": name_uk, "name_en": name_en}.items() if v}
    return TerritoryFactory(
        category=Category.HROMADA,
        parent=raion,
        oblast=raion.oblast,
        raion=raion,
        hromada_type=hromada_type,
        **extra,
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "Олена"
    last_name = "Тестова"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


PASSWORD = "correct horse battery"


def make_official(hromada: Territory, **kwargs: object) -> User:
    return UserFactory(role=Role.OFFICIAL, territory=hromada, **kwargs)


def make_coordinator(oblast: Territory, **kwargs: object) -> User:
    return UserFactory(role=Role.COORDINATOR, territory=oblast, **kwargs)


def make_analyst(**kwargs: object) -> User:
    return UserFactory(role=Role.ANALYST, **kwargs)


def make_administrator(**kwargs: object) -> User:
    return UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True, **kwargs)
