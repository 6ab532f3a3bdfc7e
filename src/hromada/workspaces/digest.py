"""The weekly digest: who receives it (a segment of registry people), what each one gets
(topics they have not stopped), and the signed links that manage their subscription."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet
from django.utils import timezone

from hromada.collection.models import Campaign
from hromada.learning import queries as learning_queries
from hromada.learning.models import Event
from hromada.legislation import consultations as legislation_consultations
from hromada.legislation import queries as legislation_queries
from hromada.legislation.models import Bill, Consultation
from hromada.members import roles
from hromada.members.models import MembershipStatus, Person
from hromada.workspaces import bounces, news_queries
from hromada.workspaces.models import NewsItem, OptOut, Topic

LINK_NAMESPACE = "hromada.workspaces.subscription"  # signing salt of subscription links
DEADLINE_DAYS = 14  # collection deadlines this close are announced
EVENT_DAYS = 30  # events starting this soon are announced


@dataclass(frozen=True)
class Segment:
    """Who a mailing is for; empty fields mean everyone."""

    oblast: str = ""  # Territory.code of an oblast
    section: str = ""  # Section.code
    role: str = ""  # members.roles.PersonRole: heads, secretaries
    # A MembershipStatus of the people's hromadas; empty: active members. The association's
    # own people (no hromada) are in every segment that names no oblast, role or status.
    member_status: str = ""


def recipients(segment: Segment) -> QuerySet[Person]:
    """Consented people with a deliverable e-mail, of active member hromadas or the
    association's own."""
    people = Person.objects.filter(consent=True).exclude(email="")
    status = segment.member_status or MembershipStatus.ACTIVE
    in_status = Q(hromada__membership__status=status)
    if segment.member_status or segment.role:
        people = people.filter(in_status)
    else:
        people = people.filter(Q(hromada__isnull=True) | in_status)
    if segment.role:
        people = people.filter(roles.in_role(segment.role))
    if segment.oblast:
        people = people.filter(hromada__oblast__code=segment.oblast)
    if segment.section:
        people = people.filter(sections__code=segment.section)
    # Addresses the mail provider reported as undeliverable are left out.
    return bounces.deliverable(people).distinct().order_by("pk")


def wanted_topics(person: Person, stopped: set[str] | None = None) -> list[str]:
    """The topics the person still wants; `stopped` is given when a list of people was read
    at once (see `stopped_topics`)."""
    if stopped is None:
        stopped = set(OptOut.objects.filter(person=person).values_list("topic", flat=True))
    return [topic for topic in Topic.values if topic not in stopped]


def stopped_topics(people: list[Person]) -> dict[int, set[str]]:
    """The topics each person stopped, in one query for the whole list."""
    stopped: dict[int, set[str]] = {person.pk: set() for person in people}
    rows = OptOut.objects.filter(person__in=people).values_list("person_id", "topic")
    for person_id, topic in rows:
        stopped[person_id].add(topic)
    return stopped


def week_start(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return today - dt.timedelta(days=today.weekday())


@dataclass
class Digest:
    news: list[NewsItem] = field(default_factory=list)
    bills: list[Bill] = field(default_factory=list)
    consultations: list[Consultation] = field(default_factory=list)
    deadlines: list[Campaign] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.news or self.bills or self.consultations or self.deadlines or self.events)


@dataclass
class Week:
    """What the digest holds for everyone this week, read once per mailing, not per person:
    news, deadlines and events are the same for all; a section's bills are read once per
    section however many of its people get the letter."""

    now: dt.datetime
    news: list[NewsItem]
    deadlines: list[Campaign]
    events: list[Event]
    section_bills: dict[str, list[Bill]] = field(default_factory=dict)

    @classmethod
    def of(cls, now: dt.datetime | None = None) -> Week:
        now = now or timezone.now()
        week_ago = now - dt.timedelta(days=7)
        today = now.date()
        return cls(
            now=now,
            news=list(news_queries.published().filter(publish_at__gte=week_ago)[:10]),
            deadlines=list(
                Campaign.objects.filter(
                    opens_on__lte=today,
                    closes_on__gte=today,
                    closes_on__lte=today + dt.timedelta(days=DEADLINE_DAYS),
                ).order_by("closes_on")
            ),
            events=list(
                # first_start is annotated by `upcoming`; the type checker cannot see it.
                learning_queries.upcoming(None).filter(
                    first_start__lte=now + dt.timedelta(days=EVENT_DAYS)  # type: ignore[misc]
                )[:10]
            ),
        )

    def bills_of(self, section_code: str) -> list[Bill]:
        if section_code not in self.section_bills:
            filters = legislation_queries.BillFilters(section=section_code)
            week_ago = (self.now - dt.timedelta(days=7)).date()
            moved = legislation_queries.bills(filters).filter(stage_on__gte=week_ago)
            self.section_bills[section_code] = list(moved[:10])
        return self.section_bills[section_code]


def digest_for(
    person: Person,
    topics: list[str],
    now: dt.datetime | None = None,
    week: Week | None = None,
) -> Digest:
    week = week or Week.of(now)
    digest = Digest()
    if Topic.NEWS in topics:
        digest.news = week.news
    if Topic.LEGISLATION in topics:
        moved: dict[int, Bill] = {}
        for section in person.sections.all():
            for bill in week.bills_of(section.code):
                moved[bill.pk] = bill
        digest.bills = list(moved.values())
        digest.consultations = list(
            legislation_consultations.closing_for_person(person, timezone.localdate(week.now))
        )
    if Topic.COLLECTION in topics:
        digest.deadlines = week.deadlines
    if Topic.EVENTS in topics:
        digest.events = week.events
    return digest


def token_for(person: Person, topic: str = "") -> str:
    """A link token for the subscription centre (no topic) or one topic's unsubscribe link."""
    return signing.dumps({"p": person.pk, "t": topic}, salt=LINK_NAMESPACE, compress=True)


@dataclass(frozen=True)
class TokenHolder:
    person: Person
    topic: str


def read_token(token: str) -> TokenHolder | None:
    """The person (and topic) a link is for; None for a forged or mangled link."""
    try:
        data: Any = signing.loads(token, salt=LINK_NAMESPACE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("t", "") not in ("", *Topic.values):
        return None
    if not isinstance(data.get("p"), int):
        return None
    person = Person.objects.filter(pk=data["p"]).first()
    return TokenHolder(person, str(data.get("t", ""))) if person is not None else None
