"""A hromada's page links the published practices it started or took up."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hromada.learning.models import Adoption, Practice, PracticeState
from tests import factories

pytestmark = pytest.mark.django_db


def _practice(hromada: object, title: str, state: str = PracticeState.PUBLISHED) -> Practice:
    return Practice.objects.create(
        title=title, hromada=hromada, problem="п", solution="р", results="р", state=state
    )


def test_the_hromada_page_lists_its_own_and_adopted_practices_only_when_published(
    client: Client,
) -> None:
    raion = factories.make_raion(factories.make_oblast())
    home = factories.make_hromada(raion, name_uk="Зелена")
    origin = factories.make_hromada(raion, name_uk="Світла")
    own = _practice(home, "Енергоменеджмент шкіл")
    taken = _practice(origin, "Відкритий бюджет")
    _practice(home, "Ще не перевірена", state=PracticeState.PROPOSED)
    Adoption.objects.create(practice=taken, hromada=home, year=2025)
    page = client.get(reverse("territories:detail", args=[home.code])).content.decode()
    assert reverse("learning:practice", args=[own.pk]) in page
    assert reverse("learning:practice", args=[taken.pk]) in page and "Світла" in page
    assert "Ще не перевірена" not in page
    other = client.get(reverse("territories:detail", args=[origin.code])).content.decode()
    assert "Енергоменеджмент шкіл" not in other


def test_an_indicator_page_links_the_published_practices_that_target_it(client: Client) -> None:
    from tests.indicators.factories import make_indicator

    measure = make_indicator("budget.expenditure.utilities_energy", area="budget")
    hromada = factories.make_hromada()
    shown = _practice(hromada, "Енергоменеджмент шкіл")
    hidden = _practice(hromada, "Чернетка", state=PracticeState.PROPOSED)
    for practice in (shown, hidden):
        practice.target_indicators.add(measure)
    page = client.get(reverse("indicators:detail", args=[measure.code])).content.decode()
    assert reverse("learning:practice", args=[shown.pk]) in page
    assert "Чернетка" not in page


def test_analysts_see_unpublished_upcoming_events_in_the_list(
    client: Client, event: object
) -> None:
    from hromada.learning.models import Event

    Event.objects.filter(pk=event.pk).update(is_published=False)  # type: ignore[attr-defined]
    title = "Бюджетний процес у громаді"
    assert title not in client.get(reverse("learning:events")).content.decode()
    client.force_login(factories.make_analyst())
    assert title in client.get(reverse("learning:events")).content.decode()
