"""Shared test set-up: a fast password hasher, and the personas of STYLE.md §8."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from hromada.accounts.models import User
from hromada.territories.models import Territory
from tests import factories

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def pytest_configure(config: pytest.Config) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run at once inside the test, so a test sees their outcome.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """A request to /en/ activates English in the thread; later tests must start in Ukrainian."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_in_a_scratch_folder(settings: object, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Generated letters and certificates go to a scratch folder, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: pages and API answers are kept under a stamp of
    the database, and a test database rolled back to the same stamp is not the same data."""
    for each in caches.all():
        each.clear()


@pytest.fixture
def shared_data() -> Path:
    """The real public data beside the repository; tests that need it skip where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data folder {SHARED_DATA} is absent")
    return SHARED_DATA


@dataclass
class Personas:
    oblast: Territory
    other_oblast: Territory
    hromada: Territory
    other_hromada: Territory
    official: User
    coordinator: User
    analyst: User
    administrator: User
    outsider: User


@pytest.fixture
def personas(db: None) -> Personas:
    """An official of one hromada, the coordinator of its oblast, an analyst, an
    administrator, and a signed-up outsider with no role; plus a second oblast's hromada."""
    oblast = factories.make_oblast("Полтавська", "Poltavska")
    other_oblast = factories.make_oblast("Сумська", "Sumska")
    hromada = factories.make_hromada(
        factories.make_raion(oblast), name_uk="Решетилівська", name_en="Reshetylivska"
    )
    other = factories.make_hromada(
        factories.make_raion(other_oblast, "Сумський", "Sumskyi"),
        name_uk="Миколаївська",
        name_en="Mykolaivska",
    )
    return Personas(
        oblast=oblast,
        other_oblast=other_oblast,
        hromada=hromada,
        other_hromada=other,
        official=factories.make_official(hromada, username="official"),
        coordinator=factories.make_coordinator(oblast, username="coordinator"),
        analyst=factories.make_analyst(username="analyst"),
        administrator=factories.make_administrator(username="admin"),
        outsider=factories.UserFactory(username="outsider"),
    )


@pytest.fixture
def latest_migrations_after(transactional_db: None) -> Iterator[None]:
    """For a test that migrates the database back and forth (MigrationExecutor): every app at
    its latest migration again afterwards, so no later test meets a half-migrated database
    (`/readyz` answers 503 while a migration is not applied)."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
