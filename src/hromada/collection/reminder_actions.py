"""Reminders before a deadline, to officials of hromadas that have not submitted yet.

A reminder round is due on the day `closes_on - N` for each N of the campaign's schedule;
a ReminderSent row per (campaign, hromada, N) makes a rerun (or a missed day caught up
later) never send the same reminder twice.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from hromada.audit.actions import record_audit
from hromada.collection import notify
from hromada.collection.models import EDITABLE_STATES, Campaign, ReminderSent


def due_rounds(campaign: Campaign, today: dt.date) -> list[int]:
    """The schedule's rounds whose day has come (and the deadline has not passed)."""
    if today > campaign.closes_on or today < campaign.opens_on:
        return []
    left = (campaign.closes_on - today).days
    return sorted((days for days in campaign.reminder_days if days >= left), reverse=True)[-1:]


@transaction.atomic
def send_reminders(today: dt.date | None = None) -> int:
    """Send every reminder due today; returns the number of e-mails sent."""
    today = today or timezone.localdate()
    sent = 0
    campaigns = Campaign.objects.filter(opens_on__lte=today, closes_on__gte=today)
    for campaign in campaigns:
        for days in due_rounds(campaign, today):
            done = ReminderSent.objects.filter(campaign=campaign, days_before=days).values(
                "territory_id"
            )
            waiting = (
                campaign.submissions.filter(state__in=EDITABLE_STATES)
                .exclude(territory_id__in=done)
                .select_related("territory", "campaign")
            )
            round_sent = 0
            for submission in waiting:
                context = {"submission": submission, "days": days}
                count = notify.send("reminder", notify.officials_of(submission), context)
                ReminderSent.objects.create(
                    campaign=campaign, territory=submission.territory, days_before=days,
                    recipients=count,
                )  # fmt: skip
                round_sent += count
            if round_sent:
                record_audit(
                    action="collection.campaign.remind",
                    obj=campaign,
                    changes={"days_before": (None, days), "emails": (0, round_sent)},
                )
            sent += round_sent
    return sent
