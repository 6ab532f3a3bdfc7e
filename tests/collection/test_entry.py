"""An official fills in the questionnaire on the web: autosave, messages, and its limits."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hromada.collection.entry_actions import Answer, save_answer
from hromada.collection.errors import CollectionError
from hromada.collection.models import State
from hromada.collection.workflow_actions import reopen_submission
from hromada.indicators.models import Indicator, Observation, ObservationHistory
from tests.collection.factories import GRADE1, PUPILS, YEAR, make_campaign, put, submission
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def field_url(campaign_pk: int, code: str, indicator: str = PUPILS) -> str:
    return reverse(
        "collection:field", kwargs={"pk": campaign_pk, "code": code, "indicator": indicator}
    )


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_typed_value_is_saved_as_a_draft_with_history(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    response = client.post(
        field_url(campaign.pk, personas.hromada.code), {"value": "1 234"}, headers=HTMX
    )
    assert response.status_code == 200
    assert "draft" in response.content.decode() or "чернетк" in response.content.decode()
    stored = Observation.all_objects.get(
        territory=personas.hromada, indicator__code=PUPILS, year=YEAR
    )
    assert (stored.value, stored.status) == (1234.0, "draft")
    assert ObservationHistory.objects.filter(observation=stored, reason="form").exists()
    assert submission(campaign, personas.hromada).state == State.DRAFT


def test_the_page_shows_saved_values_and_last_years(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    put(personas.hromada, PUPILS, YEAR - 1, 777.0)
    client = signed_in(personas.official)
    client.post(field_url(campaign.pk, personas.hromada.code), {"value": "800"}, headers=HTMX)
    page = client.get(reverse("collection:entry", args=[campaign.pk, personas.hromada.code]))
    html = page.content.decode()
    assert 'value="800.0"' in html or 'value="800"' in html
    assert "777" in html
    assert 'for="value-education.pupils"' in html


def test_the_field_answers_with_its_messages_as_the_official_types(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    url = field_url(campaign.pk, personas.hromada.code)
    assert "field-flags" in client.post(url, {"value": "-3"}, headers=HTMX).content.decode()
    not_a_number = client.post(url, {"value": "abc"}, headers=HTMX).content.decode()
    assert "field-flags" in not_a_number
    assert Observation.all_objects.get(indicator__code=PUPILS).value == -3.0


def test_a_missing_value_needs_a_reason_in_the_comment(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    client = signed_in(personas.official)
    url = field_url(campaign.pk, personas.hromada.code, GRADE1)
    assert (
        "field-flags"
        in client.post(url, {"missing": "not_applicable"}, headers=HTMX).content.decode()
    )
    answer = client.post(url, {"missing": "not_applicable", "comment": "Немає шкіл"}, headers=HTMX)
    assert "field-flags" not in answer.content.decode()
    stored = Observation.all_objects.get(indicator__code=GRADE1)
    assert (stored.value, stored.missing) == (None, "not_applicable")


def test_an_official_cannot_save_into_another_hromada(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada, personas.other_hromada])
    client = signed_in(personas.official)
    response = client.post(
        field_url(campaign.pk, personas.other_hromada.code), {"value": "5"}, headers=HTMX
    )
    assert response.status_code == 403
    entry = client.get(reverse("collection:entry", args=[campaign.pk, personas.other_hromada.code]))
    assert entry.status_code == 403
    assert not Observation.all_objects.filter(territory=personas.other_hromada).exists()


def test_a_forged_field_outside_the_questionnaire_is_refused(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada], codes=[PUPILS])
    client = signed_in(personas.official)
    response = client.post(
        field_url(campaign.pk, personas.hromada.code, GRADE1), {"value": "5"}, headers=HTMX
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        save_answer(
            submission(campaign, personas.hromada),
            Answer(Indicator.objects.get(code=GRADE1), 5.0, "", ""),
            by=personas.official,
        )


def test_the_action_refuses_an_official_of_another_hromada(personas: Personas) -> None:
    campaign = make_campaign([personas.other_hromada])
    answer = Answer(Indicator.objects.get(code=PUPILS), 5.0, "", "")
    with pytest.raises(PermissionDenied):
        save_answer(submission(campaign, personas.other_hromada), answer, by=personas.official)


def test_entry_closes_after_the_deadline_until_an_analyst_reopens(personas: Personas) -> None:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    campaign = make_campaign(
        [personas.hromada], opens_on=yesterday - dt.timedelta(days=30), closes_on=yesterday
    )
    target = submission(campaign, personas.hromada)
    answer = Answer(Indicator.objects.get(code=PUPILS), 5.0, "", "")
    with pytest.raises(CollectionError):
        save_answer(target, answer, by=personas.official)
    reopen_submission(target, by=personas.analyst, comment="Пізнє подання")
    save_answer(target, answer, by=personas.official)
    assert Observation.all_objects.get(indicator__code=PUPILS).value == 5.0


def test_a_signed_out_autosave_gets_401_and_a_sentence_not_the_sign_in_page(
    personas: Personas,
) -> None:
    campaign = make_campaign([personas.hromada])
    response = Client().post(
        field_url(campaign.pk, personas.hromada.code),
        {"value": "5"},
        headers=HTMX,
    )
    assert response.status_code == 401
    assert "Ви вийшли з системи, тому значення не збережено" in response.content.decode()
    assert not Observation.all_objects.exists()
    plain = Client().post(field_url(campaign.pk, personas.hromada.code), {"value": "5"})
    assert plain.status_code == 302 and "/accounts/login/" in plain["Location"]


def test_the_form_shows_units_and_numbers_in_ukrainian(personas: Personas) -> None:
    campaign = make_campaign([personas.hromada])
    put(personas.hromada, PUPILS, YEAR - 1, 90926.0)
    put(personas.hromada, PUPILS, YEAR, 91000.0, status="draft")
    page = signed_in(personas.official).get(
        reverse("collection:entry", args=[campaign.pk, personas.hromada.code])
    )
    html = page.content.decode()
    assert "Значення, осіб" in html and "persons" not in html
    shown = re.search(r'id="value-education.pupils"[^>]*value="([^"]*)"', html, re.S)
    assert shown is not None and shown.group(1) == "91000"  # not "91000.0"
    assert "90\xa0926" in html  # last year, grouped the Ukrainian way
