"""People follow bills, subjects, sections and words, and hear of new bills and new stages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from hromada.legislation import actions
from hromada.legislation.models import Alert, Bill, Subject, Watch
from hromada.members.models import Section
from tests.conftest import Personas
from tests.legislation.conftest import files


@pytest.fixture
def imported(personas: Personas, rada_files: list[tuple[str, bytes]]) -> Bill:
    actions.import_bills(rada_files, by=personas.analyst)
    bill = Bill.objects.get(number="12101")
    actions.tag_bill(
        bill,
        by=personas.analyst,
        subjects=list(Subject.objects.filter(code="local-budgets")),
        sections=[],
    )
    return bill


def test_a_stage_change_alerts_the_subjects_followers_in_the_app_and_by_email(
    personas: Personas,
    imported: Bill,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    personas.official.email = "official@example.org"
    personas.official.save()
    budgets = Subject.objects.get(code="local-budgets")
    actions.follow(personas.official, kind=Watch.Kind.SUBJECT, subject=budgets)
    actions.follow(personas.coordinator, kind=Watch.Kind.SUBJECT, subject=budgets, by_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        summary = actions.import_bills(files("billinfo-update-sample.json"), by=personas.analyst)
    # Two followers hear of the first reading; the registration, filled in from the file's
    # history, is older than what was known and is no news.
    assert summary.alerts == 2
    assert Alert.objects.filter(user=personas.official).count() == 1
    # One e-mail for the official, who wants e-mail; none for the coordinator.
    assert [m.to for m in mail.outbox] == [["official@example.org"]]
    assert "12101" in mail.outbox[0].body and "першому читанні" in mail.outbox[0].body
    client.force_login(personas.official)
    page = client.get("/legislation/following/").content.decode()
    assert "№ 12101" in page and "нове" in page
    # Read once, the alerts are no longer new.
    assert "нове" not in client.get("/legislation/following/").content.decode()


def test_a_section_follows_its_subjects_and_its_followers_hear_of_them(
    personas: Personas, imported: Bill
) -> None:
    finance = Section.objects.get(code="finance")
    actions.follow(personas.analyst, kind=Watch.Kind.SECTION, section=finance)
    actions.import_bills(files("billinfo-update-sample.json"), by=personas.analyst)
    assert Alert.objects.filter(user=personas.analyst, bill=imported).count() == 1


def test_a_keyword_matches_new_bills_whatever_the_case_and_apostrophe(
    personas: Personas, rada_files: list[tuple[str, bytes]]
) -> None:
    actions.follow(personas.official, kind=Watch.Kind.KEYWORD, keyword="ЗЕМЕЛЬНОГО кодексу")
    actions.import_bills(rada_files, by=personas.analyst)
    assert list(
        Alert.objects.filter(user=personas.official).values_list("bill__number", flat=True)
    ) == ["12158"]


def test_nobody_is_alerted_twice_for_the_same_stage(personas: Personas, imported: Bill) -> None:
    actions.follow(personas.official, kind=Watch.Kind.BILL, bill=imported)
    update = files("billinfo-update-sample.json")
    actions.import_bills(update, by=personas.analyst)
    actions.import_bills(update, by=personas.analyst)
    assert Alert.objects.filter(user=personas.official).count() == 1


def test_following_a_bill_from_its_page_and_stopping(
    personas: Personas, imported: Bill, client: Client
) -> None:
    client.force_login(personas.official)
    client.post("/legislation/follow/", {"bill": "12101"})
    watch = Watch.objects.get(user=personas.official)
    assert watch.kind == "bill" and watch.bill == imported
    page = client.get("/legislation/bills/12101/").content.decode()
    assert "Не стежити за цим законопроєктом" in page
    client.post(f"/legislation/following/{watch.pk}/stop/")
    assert not Watch.objects.exists()


def test_nobody_can_stop_another_persons_follow(
    personas: Personas, imported: Bill, client: Client
) -> None:
    watch = actions.follow(personas.official, kind=Watch.Kind.BILL, bill=imported)
    client.force_login(personas.coordinator)
    assert client.post(f"/legislation/following/{watch.pk}/stop/").status_code == 404
    assert Watch.objects.filter(pk=watch.pk).exists()


def test_an_empty_keyword_is_refused_with_a_message(personas: Personas, client: Client) -> None:
    client.force_login(personas.official)
    response = client.post(
        "/legislation/follow/", {"kind": "keyword", "keyword": "  "}, follow=True
    )
    assert "Введіть слово" in response.content.decode() and not Watch.objects.exists()
