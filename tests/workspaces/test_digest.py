"""The weekly digest: sent through the task queue, per person's topics, with working
unsubscribe links that survive re-segmenting."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hromada.collection.models import Campaign
from hromada.members.models import Person, Section
from hromada.workspaces import digest, subscription_actions
from hromada.workspaces.models import DigestSent, OptOut, Topic
from tests.conftest import Personas
from tests.members.factories import make_membership, make_person
from tests.workspaces.factories import a_section, make_news


@pytest.fixture
def reader(personas: Personas) -> Person:
    make_membership(personas.hromada)
    section = a_section()
    return make_person(personas.hromada, email="reader@example.org", sections=[section])


@pytest.fixture
def week_content(db: None) -> None:
    make_news(title="Новина тижня")
    today = timezone.localdate()
    Campaign.objects.create(
        year=2025,
        name_uk="Збір 2025",
        opens_on=today - dt.timedelta(days=20),
        closes_on=today + dt.timedelta(days=5),
    )


def _send(personas: Personas, **segment: str) -> None:
    subscription_actions.start_digest(digest.Segment(**segment), by=personas.analyst)


def _links(body: str) -> list[str]:
    return re.findall(r"http://\S+/newsletter/[^/\s]+/", body)


def test_the_digest_combines_news_and_collection_deadlines(
    personas: Personas, reader: Person, week_content: None
) -> None:
    _send(personas)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert "Новина тижня" in message.body
    assert "Збір 2025" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")


def test_a_second_run_in_the_same_week_sends_nothing_twice(
    personas: Personas, reader: Person, week_content: None
) -> None:
    _send(personas)
    _send(personas)
    assert len(mail.outbox) == 1


def test_a_reader_who_stops_news_still_gets_the_deadlines(
    client: Client, personas: Personas, reader: Person, week_content: None
) -> None:
    _send(personas)
    news_link = next(
        link
        for link in _links(mail.outbox[0].body)
        if digest.read_token(link.rstrip("/").rsplit("/", 1)[1]).topic == Topic.NEWS  # type: ignore[union-attr]
    )
    path = news_link.split("127.0.0.1:8000", 1)[1]
    assert client.get(path).status_code == 200
    client.post(path, {"stop": "1"})
    assert list(OptOut.objects.filter(person=reader).values_list("topic", flat=True)) == ["news"]
    mail.outbox.clear()
    DigestSent.objects.all().delete()  # as if a week had passed
    _send(personas)
    body = mail.outbox[0].body
    assert "Новина тижня" not in body
    assert "Збір 2025" in body


def test_an_opt_out_survives_re_segmenting(
    personas: Personas, reader: Person, week_content: None
) -> None:
    subscription_actions.set_topics(
        digest.token_for(reader), {Topic.LEGISLATION, Topic.COLLECTION, Topic.EVENTS}
    )
    # A new segment (by oblast, by section) still respects the person's opt-out.
    section = Section.objects.get(persons=reader)
    _send(personas, oblast=personas.oblast.code, section=section.code)
    body = mail.outbox[0].body
    assert "Новина тижня" not in body and "Збір 2025" in body


def test_segments_choose_people_by_oblast(
    personas: Personas, reader: Person, week_content: None
) -> None:
    make_membership(personas.other_hromada)
    make_person(personas.other_hromada, email="sumy@example.org")
    _send(personas, oblast=personas.other_oblast.code)
    assert [m.to for m in mail.outbox] == [["sumy@example.org"]]


def test_people_without_consent_get_no_digest(personas: Personas, week_content: None) -> None:
    make_membership(personas.hromada)
    make_person(personas.hromada, email="no@example.org", consent=False)
    _send(personas)
    assert mail.outbox == []


def test_a_forged_link_is_refused(client: Client, reader: Person) -> None:
    token = digest.token_for(reader)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client.get(reverse("workspaces:subscription", args=[forged])).status_code == 404
    with pytest.raises(PermissionDenied):
        subscription_actions.set_topics(forged, set())


def test_only_analysts_send_the_digest(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        subscription_actions.start_digest(digest.Segment(), by=personas.coordinator)


def test_the_centre_page_changes_every_topic_at_once(client: Client, reader: Person) -> None:
    url = reverse("workspaces:subscription", args=[digest.token_for(reader)])
    client.post(url, {"topics": ["events"]})
    stopped = set(OptOut.objects.filter(person=reader).values_list("topic", flat=True))
    assert stopped == {"news", "legislation", "collection"}
    client.post(url, {"topics": ["news", "legislation", "collection", "events"]})
    assert not OptOut.objects.filter(person=reader).exists()


def test_segments_by_role_and_membership_status_pick_their_people(
    personas: Personas, week_content: None
) -> None:
    from hromada.members.models import MembershipStatus

    make_membership(personas.hromada)
    make_membership(personas.other_hromada, status=MembershipStatus.SUSPENDED)
    make_person(personas.hromada, position="Сільський голова", email="head@example.org")
    make_person(personas.hromada, position="Заступник сільського голови", email="dep@example.org")
    make_person(personas.hromada, position="секретар ради", email="sec@example.org")
    make_person(personas.other_hromada, position="Селищний голова", email="away@example.org")
    make_person(None, position="аналітик асоціації", email="staff@example.org")

    def chosen(**segment: str) -> set[str]:
        return {p.email for p in digest.recipients(digest.Segment(**segment))}

    assert chosen() == {"head@example.org", "dep@example.org", "sec@example.org",
                        "staff@example.org"}  # fmt: skip
    assert chosen(role="head") == {"head@example.org"}
    assert chosen(role="secretary") == {"sec@example.org"}
    assert chosen(member_status=MembershipStatus.SUSPENDED) == {"away@example.org"}
    _send(personas, role="head")
    assert [m.to for m in mail.outbox] == [["head@example.org"]]


def test_the_send_page_offers_role_and_membership_status(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.analyst)
    page = client.get(reverse("workspaces:digest_send")).content.decode()
    assert 'name="role"' in page and 'name="member_status"' in page


def test_one_refused_address_does_not_stop_the_digest_and_stays_unsent(
    personas: Personas, reader: Person, week_content: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import smtplib

    from django.core.mail import EmailMultiAlternatives

    make_person(personas.hromada, email="second@example.org")
    real_send = EmailMultiAlternatives.send

    def send(message: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        if message.to == ["reader@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"reader@example.org": (550, b"no")})
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    _send(personas)
    assert [m.to for m in mail.outbox] == [["second@example.org"]]
    assert not DigestSent.objects.filter(person=reader).exists()


def test_the_digest_reads_the_weeks_content_once_not_per_reader(
    personas: Personas, reader: Person, week_content: None
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    section = reader.sections.get()

    def queries_for_a_mailing() -> int:
        DigestSent.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            _send(personas)
        return len(captured)

    few = queries_for_a_mailing()
    for number in range(10):
        make_person(personas.hromada, email=f"r{number}@example.org", sections=[section])
    many = queries_for_a_mailing()
    assert len(mail.outbox) == 1 + 11
    # Per reader: the consultations addressed to them, and marking the letter sent.
    assert (many - few) / 10 <= 5
