"""`hromada demo` shows the whole collection cycle: an open campaign with its questionnaire and
rules, and every submission in the state its values are in."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from hromada.accounts.models import User
from hromada.audit.models import AuditEntry
from hromada.collection.models import Campaign, State, Submission, SubmissionEvent, ValidationRule
from hromada.collection.queries import submission_verdict
from hromada.indicators.models import Observation, Status
from hromada.members.queries import member_hromadas
from hromada.territories.models import HromadaType
from tests import factories

# The status the values of a submission in each state have.
VALUES_OF = {
    State.DRAFT: {Status.DRAFT},
    State.RETURNED: {Status.DRAFT},
    State.SUBMITTED: {Status.SUBMITTED},
    State.VERIFIED: {Status.VERIFIED},
    State.PUBLISHED: {Status.PUBLISHED},
    State.NOT_STARTED: set(),
}


@pytest.fixture(scope="module")
def demo_cycle(django_db_setup: None, django_db_blocker: object) -> object:
    """One demo build on 24 member hromadas in two oblasts, kept for the module's tests."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        poltava = factories.make_raion(factories.make_oblast("Полтавська", "Poltavska"))
        kinds = ["city", "city", "settlement", "village"] * 4
        for kind in kinds:
            factories.make_hromada(poltava, hromada_type=HromadaType(kind))
        east = factories.make_raion(factories.make_oblast("Сумська", "Sumska"))
        for kind in ("city", "village") * 4:
            factories.make_hromada(east, hromada_type=HromadaType(kind))
        call_command("demo", stdout=StringIO(), stderr=StringIO())
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_cycle")]


def _campaign() -> Campaign:
    return Campaign.objects.get(year=2024)


def test_the_demo_opens_this_years_campaign_with_a_questionnaire_and_rules() -> None:
    campaign = _campaign()
    today = timezone.localdate()
    assert campaign.opens_on < today < campaign.closes_on
    assert campaign.sections.count() == 3
    assert campaign.items.count() >= 12
    assert ValidationRule.objects.filter(is_active=True, severity="error").count() == 2
    assert ValidationRule.objects.filter(is_active=True, severity="warning").count() == 1
    assert campaign.submissions.count() == member_hromadas().count() > 10


def test_submissions_are_in_every_state_of_the_cycle() -> None:
    states = Counter(_campaign().submissions.values_list("state", flat=True))
    assert set(states) == set(State.values), states


def test_each_submission_is_in_the_state_its_values_are_in() -> None:
    campaign = _campaign()
    codes = campaign.items.values("indicator_id")
    for submission in campaign.submissions.all():
        statuses = set(
            Observation.all_objects.filter(
                territory_id=submission.territory_id, year=2024, indicator_id__in=codes
            ).values_list("status", flat=True)
        )
        assert statuses == VALUES_OF[State(submission.state)], submission


def test_submitted_answers_have_no_errors_and_every_warning_explained() -> None:
    submitted = _campaign().submissions.filter(state__in=[State.SUBMITTED, State.VERIFIED])
    assert submitted.exists()
    for submission in submitted.select_related("campaign", "territory"):
        verdict = submission_verdict(submission)
        assert verdict.errors == [] and verdict.unexplained == [], submission


def test_returned_submissions_say_what_to_correct() -> None:
    returned = _campaign().submissions.filter(state=State.RETURNED)
    assert returned.exists()
    for submission in returned:
        assert submission.notes.exclude(return_note="").exists()


def test_the_demo_officials_questionnaire_is_returned_with_notes() -> None:
    official = User.objects.get(username="official")
    submission = Submission.objects.get(campaign=_campaign(), territory=official.territory)
    assert submission.state == State.RETURNED
    assert submission.notes.exclude(return_note="").count() == 2


def test_every_move_of_a_submission_is_an_event_and_an_audit_entry() -> None:
    moves = AuditEntry.objects.filter(action__startswith="collection.submission.").exclude(
        action="collection.submission.comment"
    )
    assert moves.count() == SubmissionEvent.objects.count() > 24
    assert AuditEntry.objects.filter(action="collection.rule.create").count() == 3
