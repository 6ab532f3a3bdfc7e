"""Reminders go out on the schedule's days, to hromadas that have not submitted, once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from hromada.collection.models import Campaign, ReminderSent, State, Submission
from hromada.collection.reminder_actions import send_reminders
from tests import factories
from tests.collection.factories import make_campaign
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def test_a_reminder_is_sent_once_to_officials_who_have_not_submitted(personas: Personas) -> None:
    today = timezone.localdate()
    done = factories.make_hromada(personas.hromada.raion)
    factories.make_official(done, username="done")
    campaign = make_campaign([personas.hromada, done], closes_on=today + dt.timedelta(days=7))
    Campaign.objects.filter(pk=campaign.pk).update(reminder_days=[14, 7, 1])
    Submission.objects.filter(territory=done).update(state=State.SUBMITTED)
    assert send_reminders(today) == 1
    assert mail.outbox[0].to == [personas.official.email]
    assert "7" in mail.outbox[0].subject
    assert send_reminders(today) == 0
    assert ReminderSent.objects.get().days_before == 7


def test_no_reminder_on_a_day_off_the_schedule(personas: Personas) -> None:
    today = timezone.localdate()
    campaign = make_campaign([personas.hromada], closes_on=today + dt.timedelta(days=20))
    Campaign.objects.filter(pk=campaign.pk).update(reminder_days=[14, 7])
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == "reminders sent: 0" and not mail.outbox
