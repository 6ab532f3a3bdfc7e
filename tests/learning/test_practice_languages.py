"""A practice in two languages: English readers see the English texts where given and the
Ukrainian ones marked "(in Ukrainian)" where not, on every page that shows practices; search
finds a practice by its English words; the API gives both; the forms save them."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hromada.audit.models import AuditEntry
from hromada.learning import practice_actions, queries
from hromada.learning.models import Evidence, Practice
from tests.conftest import Personas
from tests.indicators.factories import make_indicator
from tests.workspaces.factories import a_section

MARK = "(in Ukrainian)"
UK_VALUES = {
    "title": "Енергосервіс у школах",
    "problem": "Дорогі рахунки за тепло.",
    "solution": "Договори з енергосервісною компанією.",
    "results": "Тепла спожито на третину менше.",
    "cost": "12 млн грн",
}
EN_VALUES = {
    "title_en": "Energy service in schools",
    "problem_en": "Expensive heating bills.",
    "solution_en": "Contracts with an energy service company.",
    "results_en": "A third less heat used.",
    "cost_en": "UAH 12 million",
}


def _published(personas: Personas, **values: str) -> Practice:
    practice = practice_actions.propose_practice(
        by=personas.official, hromada=personas.hromada, values=values
    )
    practice_actions.review_practice(
        practice, by=personas.analyst, publish=True, evidence=Evidence.DESCRIBED, note=""
    )
    return practice


def _url(name: str, *args: object, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def english(personas: Personas) -> Practice:
    return _published(personas, **UK_VALUES, **EN_VALUES)


@pytest.fixture
def ukrainian_only(personas: Personas) -> Practice:
    return _published(
        personas, title="Відкритий бюджет", problem="Мало довіри.", solution="с", results="р"
    )


def test_an_english_reader_sees_the_english_texts_on_the_list_and_the_page(
    english: Practice, client: Client
) -> None:
    listed = client.get(_url("learning:practices")).content.decode()
    assert EN_VALUES["title_en"] in listed and EN_VALUES["problem_en"] in listed
    assert UK_VALUES["title"] not in listed and MARK not in listed
    page = client.get(_url("learning:practice", english.pk)).content.decode()
    for text in EN_VALUES.values():
        assert text in page
    assert UK_VALUES["problem"] not in page and MARK not in page


def test_a_ukrainian_reader_sees_the_ukrainian_texts_unmarked(
    english: Practice, client: Client
) -> None:
    page = client.get(_url("learning:practice", english.pk, language="uk")).content.decode()
    for text in UK_VALUES.values():
        assert text in page
    assert EN_VALUES["problem_en"] not in page and "(українською)" not in page


def test_without_english_texts_the_ukrainian_ones_are_shown_marked(
    personas: Personas, client: Client
) -> None:
    practice = _published(personas, **UK_VALUES, title_en="Energy service in schools")
    page = client.get(_url("learning:practice", practice.pk)).content.decode()
    # The title in English unmarked; the problem, solution, results and cost in Ukrainian,
    # each marked and tagged as Ukrainian for screen readers.
    assert "<h1><span>Energy service in schools</span></h1>" in page
    assert page.count(MARK) == 4
    assert f'<div class="prose" lang="uk"><p>{UK_VALUES["problem"]}</p></div>' in page
    listed = client.get(_url("learning:practices")).content.decode()
    assert "Energy service in schools</a></h2>" in listed
    excerpt = (
        f'<p><span lang="uk">{UK_VALUES["problem"]}</span> <small class="muted lang-mark">{MARK}'
    )
    assert excerpt in listed and listed.count(MARK) == 1


def test_the_title_is_marked_wherever_practices_are_linked(
    personas: Personas, ukrainian_only: Practice, client: Client
) -> None:
    measure = make_indicator("budget.own_per_capita", area="budget")
    ukrainian_only.target_indicators.add(measure)
    section = a_section()
    Practice.objects.filter(pk=ukrainian_only.pk).update(section=section)
    link = f'lang="uk">Відкритий бюджет</a> <small class="muted lang-mark">{MARK}</small>'
    for url in (
        _url("learning:practices"),
        _url("territories:detail", personas.hromada.code),
        _url("indicators:detail", measure.code),
        _url("workspaces:section", section.code),
        _url("web:search") + "?q=бюджет",
    ):
        assert link in client.get(url).content.decode(), url


def test_linked_titles_are_english_where_given(
    personas: Personas, english: Practice, client: Client
) -> None:
    measure = make_indicator("budget.own_per_capita", area="budget")
    english.target_indicators.add(measure)
    for url in (
        _url("territories:detail", personas.hromada.code),
        _url("indicators:detail", measure.code),
        _url("web:search") + "?q=energy",
    ):
        page = client.get(url).content.decode()
        assert f">{EN_VALUES['title_en']}</a>" in page and UK_VALUES["title"] not in page, url


def test_search_finds_a_practice_by_its_english_words(
    english: Practice, ukrainian_only: Practice
) -> None:
    def titles(text: str) -> list[str]:
        return [p.title for p in queries.practices(queries.PracticeFilters(text=text))]

    assert titles("energy") == titles("heating bills") == [english.title]
    assert titles("compan third") == [english.title]  # the solution and the results
    assert titles("енергосервіс") == [english.title]  # the Ukrainian words still
    assert titles("service бюджет") == []


def test_an_english_title_ranks_as_a_title(personas: Personas) -> None:
    in_text = _published(personas, title="Б", problem="Saving water", solution="с", results="р")
    in_title = _published(
        personas, title="А", title_en="Water", problem="п", solution="с", results="р"
    )
    found = queries.practices(queries.PracticeFilters(text="water"))
    assert [p.pk for p in found] == [in_title.pk, in_text.pk]


def test_the_api_gives_the_english_texts_beside_the_ukrainian(
    english: Practice, ukrainian_only: Practice, client: Client
) -> None:
    listed = json.loads(client.get("/api/v1/learning/practices").content)["items"]
    assert {p["title"]: p["title_en"] for p in listed} == {
        UK_VALUES["title"]: EN_VALUES["title_en"],
        "Відкритий бюджет": "",
    }
    detail = json.loads(client.get(f"/api/v1/learning/practices/{english.pk}").content)
    for name, text in {**UK_VALUES, **EN_VALUES}.items():
        assert detail[name] == text
    assert detail["duration"] == detail["duration_en"] == ""
    bare = json.loads(client.get(f"/api/v1/learning/practices/{ukrainian_only.pk}").content)
    assert bare["problem_en"] == "" and bare["problem"] == "Мало довіри."


def test_the_proposing_form_saves_the_english_texts_and_the_audit_records_them(
    personas: Personas, client: Client
) -> None:
    client.force_login(personas.official)
    page = client.get("/learning/practices/new/").content.decode()
    assert 'name="title_en"' in page and 'name="results_en"' in page
    form = {"hromada": personas.hromada.code, **UK_VALUES, **EN_VALUES}
    assert client.post("/learning/practices/new/", form).status_code == 302
    saved = Practice.objects.get()
    assert {name: getattr(saved, name) for name in EN_VALUES} == EN_VALUES
    assert saved.duration_en == ""
    entry = AuditEntry.objects.get(action="learning.practice.propose")
    assert entry.changes["title_en"] == ["", EN_VALUES["title_en"]]
    assert entry.changes["problem_en"] == ["", EN_VALUES["problem_en"]]
    assert "duration_en" not in entry.changes


def test_the_english_texts_stay_optional(personas: Personas, client: Client) -> None:
    client.force_login(personas.official)
    form = {"hromada": personas.hromada.code, **UK_VALUES}
    assert client.post("/learning/practices/new/", form).status_code == 302
    refused = client.post("/learning/practices/new/", {**form, **EN_VALUES, "title": ""})
    assert refused.status_code == 200 and Practice.objects.count() == 1  # Ukrainian required


def test_the_analysts_review_gives_and_corrects_the_english_texts(
    personas: Personas, ukrainian_only: Practice, client: Client
) -> None:
    client.force_login(personas.analyst)
    response = client.get(f"/learning/practices/{ukrainian_only.pk}/")
    assert 'name="title_en"' in response.content.decode()
    assert response.context["review_form"].initial["decision"] == "publish"  # kept as it is
    review = {
        "decision": "publish",
        "evidence": Evidence.MEASURED,
        "note": "",
        "title_en": "Open budget",
        "problem_en": "Little trust.",
    }
    url = f"/learning/practices/{ukrainian_only.pk}/review/"
    assert client.post(url, review).status_code == 302
    ukrainian_only.refresh_from_db()
    assert (ukrainian_only.title_en, ukrainian_only.problem_en) == ("Open budget", "Little trust.")
    assert ukrainian_only.state == "published" and ukrainian_only.solution_en == ""
    entry = AuditEntry.objects.filter(action="learning.practice.review").latest("pk")
    assert entry.changes["title_en"] == ["", "Open budget"]
    assert "solution_en" not in entry.changes
    # Found by its new English words at once.
    assert [p.pk for p in queries.practices(queries.PracticeFilters(text="trust"))] == [
        ukrainian_only.pk
    ]
    client.post(url, {**review, "title_en": "Open budgeting"})
    entry = AuditEntry.objects.filter(action="learning.practice.review").latest("pk")
    assert entry.changes["title_en"] == ["Open budget", "Open budgeting"]
    # A review that does not send the English texts leaves them as they are.
    client.post(url, {"decision": "publish", "evidence": Evidence.MEASURED})
    ukrainian_only.refresh_from_db()
    assert (ukrainian_only.title_en, ukrainian_only.problem_en) == (
        "Open budgeting",
        "Little trust.",
    )
