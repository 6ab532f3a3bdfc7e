"""Results of a wave: rates by oblast, frequencies, safe exports, values for an indicator."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hromada.indicators.models import Indicator, Observation, ObservationHistory, Status
from hromada.jobs.models import Job
from hromada.surveys import actions, exports, indicator_publishing, results
from hromada.surveys.models import Wave
from tests.conftest import Personas
from tests.indicators.factories import make_indicator
from tests.releases.factories import release
from tests.surveys.factories import (
    ANSWERS,
    CHOICES,
    SURVEY,
    make_member,
    open_wave,
    with_column,
    workbook,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave(personas: Personas) -> Wave:
    make_indicator("services.asc.staff")
    make_member(personas.hromada)
    make_member(personas.other_hromada)
    survey = actions.create_survey(
        actions.SurveySpec(code="cnap", title_uk="Послуги ЦНАП", title_en="ASC services"),
        by=personas.analyst,
    )
    bound = with_column(SURVEY, "bind::hromada:indicator", {"staff": "services.asc.staff"})
    actions.upload_form(survey, "cnap.xlsx", workbook(bound, CHOICES), by=personas.analyst)
    wave = open_wave(
        survey,
        personas.analyst,
        personas.oblast,
        panel_kind="codes",
        panel_value=f"{personas.hromada.code} {personas.other_hromada.code}",
    )
    actions.submit_answers(wave.invitations.get(hromada=personas.hromada), ANSWERS)
    actions.save_draft(wave.invitations.get(hromada=personas.other_hromada), {"staff": "1"})
    return wave


def test_rates_count_invited_started_and_submitted_per_oblast(wave: Wave) -> None:
    rates = results.rates(wave)
    assert [(r.group, r.invited, r.started, r.submitted) for r in rates.rows] == [
        ("Полтавська", 1, 1, 1),
        ("Сумська", 1, 1, 0),
    ]
    assert rates.total.rate == 0.5
    with translation.override("en"):
        assert [r.group for r in results.rates(wave).rows] == ["Poltavska", "Sumska"]


def test_a_coordinator_sees_the_rates_of_their_oblast_only(
    client: Client, wave: Wave, personas: Personas
) -> None:
    client.force_login(personas.coordinator)
    page = client.get(reverse("surveys:wave", kwargs={"pk": wave.pk})).content.decode()
    assert "Полтавська" in page and "Сумська" not in page
    assert "Паспорти" not in page  # results and answers are for analysts


def test_an_official_sees_no_wave(client: Client, wave: Wave, personas: Personas) -> None:
    client.force_login(personas.official)
    assert client.get(reverse("surveys:wave", kwargs={"pk": wave.pk})).status_code == 403


def test_frequencies_give_the_share_of_each_choice(wave: Wave) -> None:
    by_name = {r.question.name: r for r in results.question_results(wave)}
    services = by_name["services"]
    assert [(f.label, f.count, f.share) for f in services.frequencies] == [
        ("Паспорти", 1, 1.0),
        ("Земля", 1, 1.0),
    ]
    assert by_name["staff"].mean == 12.0


def test_the_wave_page_shows_results_in_few_queries(
    client: Client, wave: Wave, personas: Personas, django_assert_max_num_queries: object
) -> None:
    client.force_login(personas.analyst)
    with django_assert_max_num_queries(15):  # type: ignore[operator]
        page = client.get(reverse("surveys:wave", kwargs={"pk": wave.pk}))
    assert "Паспорти" in page.content.decode()


def test_the_survey_list_reads_in_few_queries(
    client: Client, wave: Wave, personas: Personas, django_assert_max_num_queries: object
) -> None:
    client.force_login(personas.analyst)
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        page = client.get(reverse("surveys:list"))
    assert "Послуги ЦНАП" in page.content.decode()


def _export(client: Client, wave: Wave, file_format: str) -> bytes:
    client.post(reverse("surveys:export", kwargs={"pk": wave.pk}), {"file_format": file_format})
    job = Job.objects.latest("pk")
    download = client.get(job.result_url)
    assert download.status_code == 200
    return b"".join(download.streaming_content)  # type: ignore[attr-defined]


def test_the_csv_export_makes_formula_like_text_harmless(
    client: Client, wave: Wave, personas: Personas
) -> None:
    client.force_login(personas.analyst)
    text = _export(client, wave, "csv").decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert row[header.index("hromada_code")] == personas.hromada.code
    assert row[header.index("comment")] == '\'=HYPERLINK("http://x")'
    assert row[header.index("staff")] == "12"


def test_the_xlsx_export_keeps_numbers_as_numbers(
    client: Client, wave: Wave, personas: Personas
) -> None:
    client.force_login(personas.analyst)
    book = openpyxl.load_workbook(io.BytesIO(_export(client, wave, "xlsx")))
    header, row = list(book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert row[header.index("staff")] == 12
    assert row[header.index("share")] == 40.5
    assert str(row[header.index("comment")]).startswith("'=")


def test_an_export_file_is_for_analysts_and_its_name_cannot_be_forged(
    client: Client, wave: Wave, personas: Personas
) -> None:
    client.force_login(personas.analyst)
    _export(client, wave, "csv")
    url = Job.objects.latest("pk").result_url
    client.force_login(personas.coordinator)
    assert client.get(url).status_code == 403
    client.force_login(personas.analyst)
    forged = reverse("surveys:export_file", kwargs={"pk": wave.pk, "name": "..%2Fsecret.csv"})
    assert client.get(forged).status_code == 404


def test_a_bound_question_becomes_verified_values_public_with_the_next_release(
    wave: Wave, personas: Personas
) -> None:
    actions.approve_received(wave, by=personas.analyst)
    published = indicator_publishing.publish_as_indicator(wave, "staff", by=personas.analyst)
    assert published.hromadas == 1
    value = Observation.all_objects.get(indicator__code="services.asc.staff")
    assert (value.territory_id, value.year, value.value, value.status) == (
        personas.hromada.pk,
        2026,
        12.0,
        Status.VERIFIED,
    )
    assert not Observation.objects.filter(indicator__code="services.asc.staff").exists()
    note = (
        "Опитування «Послуги ЦНАП», хвиля 2026, питання «Скільки працівників у ЦНАП?»: "
        "n = 1, рівень відповідей 50,0 %."
    )
    assert ObservationHistory.objects.get(indicator__code="services.asc.staff").comment == note
    indicator = Indicator.objects.get(code="services.asc.staff")
    assert indicator.definition_uk.endswith(note)
    assert "Survey “ASC services”, wave 2026" in indicator.definition_en

    release(2026, by=personas.analyst)
    assert Observation.objects.get(indicator__code="services.asc.staff").value == 12.0


def test_publishing_again_replaces_the_surveys_note_in_the_definition(
    wave: Wave, personas: Personas
) -> None:
    actions.approve_received(wave, by=personas.analyst)
    indicator_publishing.publish_as_indicator(wave, "staff", by=personas.analyst)
    indicator_publishing.publish_as_indicator(wave, "staff", by=personas.analyst)
    definition = Indicator.objects.get(code="services.asc.staff").definition_uk
    assert definition.count("Опитування «Послуги ЦНАП»") == 1


def test_an_unbound_question_cannot_be_published(wave: Wave, personas: Personas) -> None:
    with pytest.raises(actions.SurveyError):
        indicator_publishing.publish_as_indicator(wave, "comment", by=personas.analyst)


@pytest.mark.parametrize("text", ["=1+1", "+A1", "-1+A1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_neutralised_in_spreadsheet_text(text: str) -> None:
    assert exports.safe_text(text) == "'" + text
    assert exports.safe_text("ЦНАП = центр") == "ЦНАП = центр"


def test_a_signed_number_typed_as_text_stays_a_number_in_spreadsheets() -> None:
    # The site-wide rule of hromada.lib.cells: the text of a number is data, not a formula.
    assert exports.safe_text("-12,5") == "-12,5"


@pytest.mark.parametrize("name", ["publish", "export", "mail", "close"])
def test_a_coordinator_cannot_post_an_analysts_action(
    client: Client, wave: Wave, personas: Personas, name: str
) -> None:
    client.force_login(personas.coordinator)
    data = {"question": "staff", "file_format": "csv", "kind": "invitation"}
    assert client.post(reverse(f"surveys:{name}", kwargs={"pk": wave.pk}), data).status_code == 403
    assert not Observation.all_objects.exists() and not Job.objects.exists()


def test_shares_carry_a_margin_of_error_and_cross_tabs_by_oblast_and_type(
    wave: Wave, personas: Personas
) -> None:
    actions.submit_answers(
        wave.invitations.get(hromada=personas.other_hromada), {**ANSWERS, "has_online": "no"}
    )
    has_online = next(r for r in results.question_results(wave) if r.question.name == "has_online")
    yes, no = has_online.frequencies
    assert (yes.share, no.share) == (0.5, 0.5)
    assert round(yes.margin, 3) == round(1.96 * (0.25 / 2) ** 0.5, 3)
    assert [(r.group, r.answered, r.percents) for r in has_online.by_oblast] == [
        ("Полтавська", 1, [100.0, 0.0]),
        ("Сумська", 1, [0.0, 100.0]),
    ]
    with translation.override("en"):
        english = next(r for r in results.question_results(wave) if r.question.name == "has_online")
    assert [r.group for r in english.by_oblast] == ["Poltavska", "Sumska"]
    assert [(r.group, r.answered) for r in has_online.by_type] == [("сільська громада", 2)]


def test_the_wave_page_shows_the_cross_tab_by_oblast(
    client: Client, wave: Wave, personas: Personas
) -> None:
    actions.submit_answers(
        wave.invitations.get(hromada=personas.other_hromada), {**ANSWERS, "has_online": "no"}
    )
    client.force_login(personas.analyst)
    page = client.get(reverse("surveys:wave", kwargs={"pk": wave.pk})).content.decode()
    assert "За областями, типами й населенням громад" in page
    assert "69,3" in page  # ± 69.3 points: two answers say little


def test_the_json_export_keeps_text_as_written_and_numbers_as_numbers(
    client: Client, wave: Wave, personas: Personas
) -> None:
    client.force_login(personas.analyst)
    (row,) = json.loads(_export(client, wave, "json"))
    assert row["hromada_code"] == personas.hromada.code
    assert row["staff"] == 12 and row["share"] == 40.5
    assert row["comment"] == '=HYPERLINK("http://x")'
    assert row["services"] == "passport land"


def test_the_wave_page_shows_cross_tabs_by_population_band(
    client: Client, personas: Personas, wave: Wave
) -> None:
    from hromada.indicators.models import Indicator
    from hromada.indicators.population_bands import POPULATION_CODE

    population = Indicator.objects.filter(code=POPULATION_CODE).first() or make_indicator(
        POPULATION_CODE
    )
    for hromada, value in ((personas.hromada, 8_000), (personas.other_hromada, 120_000)):
        Observation.all_objects.create(
            territory=hromada, indicator=population, year=2025, value=value,
            status=Status.PUBLISHED,
        )  # fmt: skip
    actions.submit_answers(
        wave.invitations.get(hromada=personas.other_hromada), {**ANSWERS, "has_online": "no"}
    )
    client.force_login(personas.analyst)
    page = client.get(reverse("surveys:wave", args=[wave.pk])).content.decode()
    assert "Група за чисельністю населення" in page
    assert page.index("від 5 000 до 10 000") < page.index("від 100 000 до 250 000")


def test_rates_count_per_type_of_hromada_too(
    client: Client, personas: Personas, wave: Wave
) -> None:
    by_type = results.rates(wave, by="type")
    assert [(r.group, r.invited, r.submitted) for r in by_type.rows] == [("сільська громада", 2, 1)]
    client.force_login(personas.analyst)
    page = client.get(reverse("surveys:wave", args=[wave.pk])).content.decode()
    assert "Рівень відповідей за типами громад" in page


def test_a_date_answer_is_shown_in_the_page_language_and_exported_as_iso(
    client: Client, wave: Wave, personas: Personas
) -> None:
    client.force_login(personas.analyst)
    response = wave.responses.get()
    for language, shown in (("uk", "01.03.2020"), ("en", "03/01/2020")):
        with translation.override(language):
            pages = [
                reverse("surveys:response", kwargs={"pk": wave.pk, "response": response.pk}),
                reverse("surveys:wave", kwargs={"pk": wave.pk}),
            ]
        for url in pages:
            text = client.get(url).content.decode()
            assert shown in text and "2020-03-01" not in text, (language, url)
    # Files are for machines: the data column keeps the ISO date, like `submitted_on`.
    text = _export(client, wave, "csv").decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert row[header.index("opened")] == "2020-03-01"
