"""Releases: verified values become public only in a dated release, announced in advance."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from hromada.collection.entry_actions import Answer, save_answer
from hromada.collection.models import State, Submission
from hromada.collection.workflow_actions import (
    correct_published_value,
    submit_submission,
    verify_submission,
)
from hromada.indicators.models import Indicator, Observation
from hromada.releases.actions import ReleaseError, publish_release, schedule_release
from hromada.releases.models import Release
from tests.collection.factories import GRADE1, PUPILS, YEAR, make_campaign, submission
from tests.conftest import Personas
from tests.releases.factories import plan, release

pytestmark = pytest.mark.django_db


def verified(personas: Personas, value: float = 500.0) -> None:
    """A hromada's answers, submitted and verified (the step before a release)."""
    campaign = make_campaign([personas.hromada])
    target = submission(campaign, personas.hromada)
    for code, number in ((PUPILS, value), (GRADE1, 60.0)):
        answer = Answer(Indicator.objects.get(code=code), number, "", "")
        save_answer(target, answer, by=personas.official)
    target.refresh_from_db()
    submit_submission(target, by=personas.official)
    verify_submission(target, by=personas.coordinator)


def public_pupils(personas: Personas) -> list[float | None]:
    rows = Observation.objects.filter(territory=personas.hromada, indicator__code=PUPILS)
    return list(rows.values_list("value", flat=True))


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_verified_hromada_stays_unpublished_until_a_release(personas: Personas) -> None:
    verified(personas)
    assert public_pupils(personas) == []
    announced = schedule_release(plan(YEAR), by=personas.analyst)
    assert public_pupils(personas) == []
    publish_release(announced, by=personas.analyst)
    assert public_pupils(personas) == [500.0]
    announced.refresh_from_db()
    assert announced.published_at is not None
    assert announced.new_count == 2
    assert Submission.objects.get(territory=personas.hromada).state == State.PUBLISHED


def test_only_analysts_announce_or_publish_a_release(personas: Personas) -> None:
    verified(personas)
    with pytest.raises(PermissionDenied):
        schedule_release(plan(YEAR), by=personas.coordinator)
    announced = schedule_release(plan(YEAR), by=personas.analyst)
    for user in (personas.coordinator, personas.official, None):
        with pytest.raises(PermissionDenied):
            publish_release(announced, by=user)
    assert public_pupils(personas) == []


def test_a_release_is_published_once_and_its_years_must_make_sense(personas: Personas) -> None:
    announced = schedule_release(plan(YEAR), by=personas.analyst)
    publish_release(announced, by=personas.analyst)
    with pytest.raises(ReleaseError):
        publish_release(announced, by=personas.analyst)
    with pytest.raises(ReleaseError):
        schedule_release(plan(YEAR, YEAR - 1), by=personas.analyst)
    with pytest.raises(ReleaseError):
        schedule_release(plan(3024), by=personas.analyst)


def test_the_releases_page_shows_the_calendar_and_what_each_release_changed(
    personas: Personas,
) -> None:
    verified(personas)
    soon = timezone.localdate() + dt.timedelta(days=30)
    schedule_release(plan(YEAR, name="Остаточні дані 2024", scheduled_on=soon), by=personas.analyst)
    done = release(YEAR, by=personas.analyst, kind=Release.Kind.PRELIMINARY, name="Попередні 2024")
    page = Client().get("/releases/").content.decode()
    assert "Остаточні дані 2024" in page
    assert soon.strftime("%Y-%m-%d") in page
    assert "Попередні 2024" in page
    assert "попередній" in page
    english = Client().get("/en/releases/").content.decode()
    assert "Release calendar" in english
    notes = Client().get(f"/releases/{done.pk}/").content.decode()
    assert "2 нових значення" in notes
    csv = b"".join(Client().get(f"/releases/{done.pk}/changes.csv").streaming_content).decode()
    assert f"{personas.hromada.code},{PUPILS},{YEAR},,,,500.0,,new" in csv


def test_the_calendar_is_an_ics_feed_of_announced_dates(personas: Personas) -> None:
    soon = timezone.localdate() + dt.timedelta(days=30)
    schedule_release(plan(YEAR, name="Остаточні дані", scheduled_on=soon), by=personas.analyst)
    answer = Client().get("/releases/calendar.ics")
    assert answer["Content-Type"].startswith("text/calendar")
    body = answer.content.decode()
    assert "BEGIN:VEVENT" in body
    assert f"DTSTART;VALUE=DATE:{soon:%Y%m%d}" in body


def test_an_unpublished_release_has_no_public_notes(personas: Personas) -> None:
    announced = schedule_release(plan(YEAR), by=personas.analyst)
    assert Client().get(f"/releases/{announced.pk}/").status_code == 404


def test_an_analyst_publishes_from_the_page_and_others_may_not(personas: Personas) -> None:
    verified(personas)
    announced = schedule_release(plan(YEAR), by=personas.analyst)
    refused = signed_in(personas.coordinator).post(f"/releases/{announced.pk}/publish/")
    assert refused.status_code == 403
    answer = signed_in(personas.analyst).post(f"/releases/{announced.pk}/publish/")
    assert answer.status_code == 302
    assert answer["Location"] == f"/releases/{announced.pk}/"
    assert public_pupils(personas) == [500.0]


def test_a_correction_after_a_final_release_is_a_dated_revision_with_its_reason(
    personas: Personas,
) -> None:
    verified(personas)
    first = release(YEAR, by=personas.analyst)
    pupils = Indicator.objects.get(code=PUPILS)
    correct_published_value(
        personas.hromada, pupils, YEAR, 510.0, reason="Помилка в звіті", by=personas.analyst
    )
    listing = Client().get("/releases/").content.decode()
    assert "Помилка в звіті" in listing
    value_page = (
        Client()
        .get(f"/indicators/values/{personas.hromada.code}/{PUPILS}/{YEAR}/")
        .content.decode()
    )
    assert "перегляд" in value_page
    feed = Client().get(f"/api/v1/changes?since={first.published_at.isoformat()}").json()
    revision = feed["values"][-1]
    assert (revision["revision"], revision["comment"], revision["new_value"]) == (
        True, "Помилка в звіті", 510.0,
    )  # fmt: skip
    second = release(YEAR, by=personas.analyst, name="Другий випуск")
    assert second.revised_count == 1
    notes = Client().get(f"/releases/{second.pk}/").content.decode()
    assert "Помилка в звіті" in notes


def test_the_api_lists_releases_and_reads_figures_as_of_a_release(personas: Personas) -> None:
    verified(personas)
    first = release(YEAR, by=personas.analyst)
    pupils = Indicator.objects.get(code=PUPILS)
    correct_published_value(
        personas.hromada, pupils, YEAR, 510.0, reason="Помилка", by=personas.analyst
    )
    listed = Client().get("/api/v1/releases").json()["items"]
    assert [(r["id"], r["kind"], r["new_values"]) for r in listed] == [(first.pk, "final", 2)]
    now = Client().get(f"/api/v1/observations?indicator={PUPILS}").json()["items"]
    assert [row["value"] for row in now] == [510.0]
    then = Client().get(f"/api/v1/observations?indicator={PUPILS}&release={first.pk}").json()
    assert [row["value"] for row in then["items"]] == [500.0]
    csv = b"".join(
        Client().get(f"/api/v1/observations?release={first.pk}&format=csv").streaming_content
    ).decode()
    assert "500" in csv
    assert "510" not in csv
    unknown = Client().get("/api/v1/observations?release=999")
    assert unknown.status_code == 404
    assert unknown.json()["errors"][0]["field"] == "release"


def test_a_release_before_any_value_reads_nothing_as_of_it(personas: Personas) -> None:
    early = release(YEAR, by=personas.analyst)
    verified(personas)
    release(YEAR, by=personas.analyst, name="Другий")
    then = Client().get(f"/api/v1/observations?release={early.pk}").json()
    assert then["items"] == []


def test_an_announced_release_reaches_the_api_list_at_once(personas: Personas) -> None:
    assert Client().get("/api/v1/releases").json()["items"] == []
    schedule_release(plan(YEAR, name="Остаточні"), by=personas.analyst)
    items = Client().get("/api/v1/releases").json()["items"]
    assert [(item["name_uk"], item["published_at"]) for item in items] == [("Остаточні", None)]


def test_the_releases_page_reads_a_fixed_number_of_queries(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    for n in range(5):
        release(YEAR, by=personas.analyst, name=f"Випуск {n}")
    with django_assert_max_num_queries(8):
        assert Client().get("/releases/").status_code == 200


def test_a_release_past_its_date_stays_in_the_calendar_marked_late(personas: Personas) -> None:
    overdue = timezone.localdate() - dt.timedelta(days=3)
    schedule_release(plan(YEAR, name="Запізнілий", scheduled_on=overdue), by=personas.analyst)
    page = Client().get("/releases/").content.decode()
    assert "Запізнілий" in page
    assert "із запізненням" in page
