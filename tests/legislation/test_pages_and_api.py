"""Bill pages and the API: search, filters by subject and stage, stages on the bill page."""

from __future__ import annotations

from django.test import Client

from hromada.legislation import actions
from hromada.legislation.models import Bill, Subject
from tests.conftest import Personas
from tests.legislation.conftest import files


def _imported(personas: Personas, rada_files: list[tuple[str, bytes]]) -> None:
    actions.import_bills(rada_files, by=personas.analyst)
    actions.tag_bill(
        Bill.objects.get(number="12158"),
        by=personas.analyst,
        subjects=list(Subject.objects.filter(code="land")),
        sections=[],
    )


def test_the_bill_list_searches_words_in_any_case_and_filters_by_subject(
    personas: Personas,
    rada_files: list[tuple[str, bytes]],
    client: Client,
    django_assert_max_num_queries: object,
) -> None:
    _imported(personas, rada_files)
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        page = client.get("/legislation/", {"q": "ЗЕМЕЛЬНОГО"}).content.decode()
    assert "12158" in page and "12101" not in page
    by_subject = client.get("/legislation/", {"subject": "land"}).content.decode()
    assert "12158" in by_subject and "12117" not in by_subject
    withdrawn = client.get("/legislation/", {"stage": "withdrawn"}).content.decode()
    assert "12188" in withdrawn and "12101" not in withdrawn


def test_the_bill_page_shows_the_stages_in_order(
    personas: Personas, rada_files: list[tuple[str, bytes]], client: Client
) -> None:
    _imported(personas, rada_files)
    actions.import_bills(files("billinfo-update-sample.json"), by=personas.analyst)
    page = client.get("/legislation/bills/12101/").content.decode()
    timeline = page[page.index('<ol class="timeline">') :]
    assert timeline.index("Зареєстровано") < timeline.index("Направлено на розгляд Комітету")
    assert timeline.index("Направлено на розгляд Комітету") < timeline.index("Прийнято в першому")
    assert "Комітет з питань бюджету" in page
    assert client.get("/legislation/bills/99999/").status_code == 404


def test_the_stages_feed_lists_new_stages_of_a_subject(
    personas: Personas, rada_files: list[tuple[str, bytes]], client: Client
) -> None:
    _imported(personas, rada_files)
    feed = client.get("/legislation/feeds/stages.rss", {"subject": "land"}).content.decode()
    assert "12158" in feed and "12101" not in feed


def test_the_api_lists_bills_with_stages_and_refuses_an_unknown_stage(
    personas: Personas, rada_files: list[tuple[str, bytes]], client: Client
) -> None:
    _imported(personas, rada_files)
    body = client.get("/api/v1/bills", {"subject": "land"}).json()
    assert [item["number"] for item in body["items"]] == ["12158"]
    assert body["items"][0]["stage"] == "committee"
    one = client.get("/api/v1/bills/12101").json()
    assert one["stages"][0]["title"] == "Направлено на розгляд Комітету"
    assert client.get("/api/v1/bills", {"stage": "nonsense"}).status_code == 400
    assert client.get("/api/v1/bills/99999").status_code == 404


def test_an_analyst_imports_files_on_the_page_and_sees_problems_on_a_broken_one(
    personas: Personas, rada_files: list[tuple[str, bytes]], client: Client
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(personas.analyst)
    uploads = [SimpleUploadedFile(name, content) for name, content in rada_files]
    response = client.post("/legislation/import/", {"upload": uploads}, follow=True)
    assert "6 нових законопроєктів" in response.content.decode()
    broken = SimpleUploadedFile("bills_main.csv", b"number,title\n,\n")
    page = client.post("/legislation/import/", {"upload": [broken]}).content.decode()
    assert "нічого не імпортовано" in page.lower()
