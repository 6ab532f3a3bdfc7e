"""What a signed-in person has to do in data collection, for the first screen they see.

An official: their hromada's questionnaire in each open campaign (to start, to finish, to
correct). Staff: the questionnaires in their area waiting for review and, for analysts, the
verified ones waiting for a release. A fixed number of queries, whatever the campaign size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.accounts import permissions
from hromada.collection.board_queries import visible_submissions
from hromada.collection.models import Campaign, State, Submission
from hromada.collection.permissions import can_publish, can_see_progress
from hromada.territories.models import Territory

REVIEW_LINKS = 5


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Task:
    """One piece of work: a sentence, where to do it, and a few direct links."""

    campaign: Campaign
    text: str
    url: str
    action: str
    links: list[Link] = field(default_factory=list)


def open_campaigns() -> list[Campaign]:
    today = timezone.localdate()
    return list(Campaign.objects.filter(opens_on__lte=today, closes_on__gte=today))


def work_for(user: Any) -> list[Task]:
    campaigns = open_campaigns()
    if not campaigns:
        return []
    if can_see_progress(user):
        return [task for c in campaigns for task in _staff_work(c, user)]
    scope = permissions.scope_of(user)
    if scope is None or permissions.role_of(user) != "official":
        return []
    return _official_work(campaigns, scope)


def _official_work(campaigns: list[Campaign], hromada: Territory) -> list[Task]:
    rows = (
        Submission.objects.filter(campaign__in=campaigns, territory=hromada)
        .select_related("campaign", "territory")
        .annotate(returned=Count("notes", filter=~Q(notes__return_note="")))
    )
    return [_official_task(s) for s in rows]


def _official_task(submission: Submission) -> Task:
    campaign = submission.campaign
    url = reverse("collection:entry", kwargs={"pk": campaign.pk, "code": submission.territory.code})
    deadline = date_format(campaign.closes_on, "SHORT_DATE_FORMAT")
    notes: int = getattr(submission, "returned", 0)
    texts = {
        State.NOT_STARTED: (
            _("Not started yet. Deadline: %(deadline)s.") % {"deadline": deadline},
            _("Start filling in"),
        ),
        State.DRAFT: (
            _("Draft: finish it and submit it by %(deadline)s.") % {"deadline": deadline},
            _("Continue filling in"),
        ),
        State.RETURNED: (
            ngettext(
                "Returned by the reviewer with %(count)s note: correct and submit again.",
                "Returned by the reviewer with %(count)s notes: correct and submit again.",
                notes,
            )
            % {"count": notes},
            _("Correct the values"),
        ),
    }
    text, action = texts.get(
        State(submission.state),
        (_("State: %(state)s.") % {"state": submission.get_state_display()}, _("Open")),
    )
    return Task(campaign, text, url, action)


def _staff_work(campaign: Campaign, user: Any) -> list[Task]:
    submissions = visible_submissions(campaign, user)
    waiting = list(
        submissions.filter(state=State.SUBMITTED)
        .select_related("territory")
        .order_by("updated_at", "pk")[:REVIEW_LINKS]
    )
    counts = dict(submissions.values_list("state").annotate(n=Count("pk")).order_by())
    progress = reverse("collection:progress", kwargs={"pk": campaign.pk})
    tasks = []
    submitted = counts.get(State.SUBMITTED, 0)
    if submitted:
        text = ngettext(
            "%(count)s questionnaire waits for your review.",
            "%(count)s questionnaires wait for your review.",
            submitted,
        ) % {"count": submitted}
        links = [
            Link(s.territory.name, reverse("collection:review", kwargs={"pk": campaign.pk,
                 "code": s.territory.code}))
            for s in waiting
        ]  # fmt: skip
        tasks.append(Task(campaign, text, progress, _("Open the progress board"), links))
    verified = counts.get(State.VERIFIED, 0)
    if verified and can_publish(user):
        text = ngettext(
            "%(count)s verified questionnaire waits for the next release.",
            "%(count)s verified questionnaires wait for the next release.",
            verified,
        ) % {"count": verified}
        tasks.append(Task(campaign, text, reverse("releases:list"), _("Go to releases")))
    late = sum(counts.get(s, 0) for s in (State.NOT_STARTED, State.DRAFT, State.RETURNED))
    if late:
        text = ngettext(
            "%(count)s hromada has not submitted yet.",
            "%(count)s hromadas have not submitted yet.",
            late,
        ) % {"count": late}
        tasks.append(Task(campaign, text, progress, _("See who")))
    return tasks
