"""The public calendar (ICS) and the best-practice library: propose, review, publish, find."""

from __future__ import annotations

from django.test import Client
from icalendar import Calendar

from hromada.learning import practice_actions
from hromada.learning.models import Event, Evidence, Practice
from tests.conftest import Personas


def test_the_calendar_lists_every_session_of_published_events(event: Event, client: Client) -> None:
    calendar = Calendar.from_ical(client.get("/learning/calendar.ics").content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2 and "Бюджетний процес" in str(events[0]["SUMMARY"])


def test_a_practice_is_published_only_after_review_and_then_found_by_search(
    personas: Personas, client: Client
) -> None:
    practice = practice_actions.propose_practice(
        by=personas.official,
        hromada=personas.hromada,
        values={
            "title": "Енергосервіс у школах",
            "problem": "Високі витрати на опалення шкіл.",
            "solution": "ЕСКО-договори на утеплення.",
            "results": "Споживання тепла зменшилося на 30 %.",
        },
    )
    assert (
        "Енергосервіс"
        not in client.get("/learning/practices/", {"q": "енергосервіс"}).content.decode()
    )
    assert client.get(f"/learning/practices/{practice.pk}/").status_code == 404
    practice_actions.review_practice(
        practice, by=personas.analyst, publish=True, evidence=Evidence.MEASURED, note=""
    )
    found = client.get("/learning/practices/", {"q": "ЕНЕРГОСЕРВІС школах"}).content.decode()
    assert "Енергосервіс у школах" in found
    assert Practice.objects.get().published_on is not None


def test_publishing_needs_an_evidence_level(personas: Personas) -> None:
    import pytest
    from django.core.exceptions import ValidationError

    practice = practice_actions.propose_practice(
        by=personas.official,
        hromada=personas.hromada,
        values={"title": "Х", "problem": "п", "solution": "р", "results": "р"},
    )
    with pytest.raises(ValidationError):
        practice_actions.review_practice(
            practice, by=personas.analyst, publish=True, evidence="", note=""
        )
