from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from hromada.learning.models import Event, EventKind, Session


@pytest.fixture
def event(db: None) -> Event:
    """A two-session course with three places and the usual 80 % completion rule."""
    item = Event.objects.create(
        title="Бюджетний процес у громаді",
        kind=EventKind.COURSE,
        programme="Планування, виконання, звітність.",
        capacity=3,
        credits=Decimal("1.0"),
    )
    start = timezone.now() + dt.timedelta(days=10)
    for day, hours in ((0, "6"), (1, "4")):
        Session.objects.create(
            event=item,
            starts_at=start + dt.timedelta(days=day),
            ends_at=start + dt.timedelta(days=day, hours=6),
            place="Київ, вул. Шовковична, 28",
            hours=Decimal(hours),
        )
    return item
