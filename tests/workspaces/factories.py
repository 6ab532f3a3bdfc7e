"""Factories for section workspaces: a section with a member, a chair, meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from hromada.members.models import Person, Section
from hromada.workspaces.models import Chair, Meeting, NewsItem, NewsState


def a_section() -> Section:
    section: Section = Section.objects.order_by("order", "code").first()  # type: ignore[assignment]
    return section


def make_chair(section: Section, person: Person) -> Chair:
    return Chair.objects.create(section=section, person=person, since=dt.date(2025, 1, 15))


def make_meeting(section: Section, **fields: Any) -> Meeting:
    fields.setdefault("held_on", dt.date(2026, 3, 12))
    fields.setdefault("title", "Засідання секції")
    fields.setdefault("agenda", "1. Бюджет громад на 2027 рік.")
    return Meeting.objects.create(section=section, **fields)


def make_news(**fields: Any) -> NewsItem:
    """A published news item, visible since yesterday unless told otherwise."""
    fields.setdefault("title", "Новина асоціації")
    fields.setdefault("lead", "Коротко про головне.")
    fields.setdefault("body", "<p>Текст новини.</p>")
    fields.setdefault("state", NewsState.PUBLISHED)
    if fields["state"] == NewsState.PUBLISHED:
        fields.setdefault("publish_at", timezone.now() - dt.timedelta(days=1))
    return NewsItem.objects.create(**fields)
