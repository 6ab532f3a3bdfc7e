"""The legislation demo: a closed consultation consolidated into a published position with an
impact model, an open consultation for one oblast, a committee meeting and the MP group."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from hromada.indicators.actions import ValueInput, record_observations
from hromada.indicators.models import Status
from hromada.legislation.demo import build_legislation_demo
from hromada.legislation.models import MP, Audience, Comment, Consultation, GovernmentMeeting
from tests import factories
from tests.analytics.factories import make_dataset
from tests.indicators.factories import make_indicator
from tests.members.factories import make_membership


def test_the_demo_tells_the_whole_story_and_can_be_built_twice(db: None, client: Client) -> None:
    data = make_dataset()
    pit = make_indicator("budget.revenue.pit", area="budget", unit="thousand UAH")
    record_observations(
        [
            ValueInput(h.pk, pit.pk, 2024, "", 1000.0 * (n + 1), "")
            for n, h in enumerate(data.hromadas)
        ],
        by=None,
        reason="test",
        status=Status.PUBLISHED,
    )
    for hromada in data.hromadas:
        make_membership(hromada)
    factories.make_analyst(username="analyst")
    factories.make_official(data.hromadas[0], username="official")
    summary = build_legislation_demo()
    assert summary.consultations == 2 and summary.impact_hromadas == 5
    today = timezone.localdate()
    closed = Consultation.objects.get(bill__number="12101")
    assert closed.closes_on < today and closed.position is not None
    assert closed.position.published_on is not None
    assert Comment.objects.filter(article__consultation=closed).count() == 5
    assert Comment.objects.filter(taken_into_account=True).count() == 2
    assert "64 відсотки" in closed.position.proposals
    open_one = Consultation.objects.get(bill__number="12117")
    assert open_one.audience == Audience.OBLAST and open_one.closes_on >= today
    assert GovernmentMeeting.objects.get().items.get().position == closed.position
    assert set(MP.objects.filter(in_group=True).values_list("rada_id", flat=True)) == {
        "70001",
        "70003",
    }
    alpha = data.hromadas[0]
    page = client.get(f"/territories/{alpha.code}/").content.decode()
    # 1,000 thousand UAH × (0.64 / 0.60 − 1) per 50,000 residents
    assert "Додаткові надходження ПДФО" in page and "1,3 грн на мешканця" in page
    again = build_legislation_demo()
    assert again.consultations == 2 and GovernmentMeeting.objects.count() == 1
