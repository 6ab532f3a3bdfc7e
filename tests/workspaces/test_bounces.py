"""Bounces and spam complaints reported by the mail provider stop the digest to that
address; the webhook is answered only when it is signed; analysts see and clear the list."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import time
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from hromada.audit.models import AuditEntry
from hromada.collection.models import Campaign
from hromada.members.models import Person
from hromada.workspaces import digest, subscription_actions
from hromada.workspaces.models import DeliveryProblem, Undeliverable
from tests.conftest import Personas
from tests.members.factories import make_membership, make_person
from tests.workspaces.factories import a_section, make_news

SIGNING_KEY = "mailgun-signing-key"
SECRET = "hromada:webhook-secret"
SIGNED = {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}
WEBHOOK = "/anymail/mailgun/tracking/"


@pytest.fixture
def readers(personas: Personas) -> tuple[Person, Person]:
    make_membership(personas.hromada)
    section = a_section()
    make_news(title="Новина тижня")
    today = timezone.localdate()
    Campaign.objects.create(
        year=2025,
        name_uk="Збір 2025",
        opens_on=today - dt.timedelta(days=20),
        closes_on=today + dt.timedelta(days=5),
    )
    return (
        make_person(personas.hromada, email="Gone@Example.org", sections=[section]),
        make_person(personas.hromada, email="fine@example.org", sections=[section]),
    )


def _mailgun_call(event: str, recipient: str, *, key: str = SIGNING_KEY, **data: Any) -> str:
    timestamp, token = str(int(time.time())), "a" * 50
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256)
    return json.dumps(
        {
            "signature": {
                "timestamp": timestamp,
                "token": token,
                "signature": signature.hexdigest(),
            },
            "event-data": {
                "event": event,
                "recipient": recipient,
                "timestamp": time.time(),
                **data,
            },
        }
    )


def _post(client: Client, body: str, *, secret: str = SECRET) -> int:
    auth = base64.b64encode(secret.encode()).decode()
    response = client.post(
        WEBHOOK, body, content_type="application/json", HTTP_AUTHORIZATION=f"Basic {auth}"
    )
    return response.status_code


def _digest(personas: Personas) -> list[str]:
    mail.outbox.clear()
    subscription_actions.start_digest(digest.Segment(), by=personas.analyst)
    return sorted(address.lower() for message in mail.outbox for address in message.to)


@override_settings(ANYMAIL=SIGNED)
def test_a_permanent_bounce_stops_the_digest_to_that_address_only(
    client: Client, personas: Personas, readers: tuple[Person, Person]
) -> None:
    body = _mailgun_call(
        "failed",
        "gone@example.org",
        severity="permanent",
        **{"delivery-status": {"message": "550 5.1.1 No such user"}},
    )
    assert _post(client, body) == 200
    row = Undeliverable.objects.get()
    assert (row.address, row.problem) == ("gone@example.org", DeliveryProblem.BOUNCED)
    assert "No such user" in row.detail
    assert _digest(personas) == ["fine@example.org"]
    entry = AuditEntry.objects.get(action="workspaces.address.undeliverable")
    assert "Mailgun" in entry.reason


@override_settings(ANYMAIL=SIGNED)
def test_a_spam_complaint_stops_the_digest_and_a_temporary_failure_does_not(
    client: Client, personas: Personas, readers: tuple[Person, Person]
) -> None:
    assert _post(client, _mailgun_call("failed", "fine@example.org", severity="temporary")) == 200
    assert not Undeliverable.objects.exists()
    assert _post(client, _mailgun_call("complained", "gone@example.org")) == 200
    assert Undeliverable.objects.get().problem == DeliveryProblem.COMPLAINED
    assert _digest(personas) == ["fine@example.org"]


@override_settings(ANYMAIL=SIGNED)
def test_a_forged_signature_or_a_wrong_secret_is_refused_and_changes_nothing(
    client: Client, readers: tuple[Person, Person]
) -> None:
    forged = _mailgun_call("complained", "fine@example.org", key="guessed")
    assert _post(client, forged) == 400
    assert _post(client, _mailgun_call("complained", "fine@example.org"), secret="a:b") == 400
    assert not Undeliverable.objects.exists()


@override_settings(ANYMAIL={"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY})
def test_without_a_shared_secret_the_webhook_does_not_answer(
    client: Client, readers: tuple[Person, Person]
) -> None:
    assert _post(client, _mailgun_call("complained", "fine@example.org")) == 404
    assert not Undeliverable.objects.exists()


@override_settings(ANYMAIL=SIGNED)
def test_a_repeated_report_counts_up_and_keeps_one_row(
    client: Client, readers: tuple[Person, Person]
) -> None:
    for _ in range(2):
        _post(client, _mailgun_call("failed", "gone@example.org", severity="permanent"))
    assert Undeliverable.objects.get().reports == 2


@override_settings(ANYMAIL=SIGNED)
def test_analysts_see_the_address_with_its_people_and_clearing_it_resumes_the_digest(
    client: Client, personas: Personas, readers: tuple[Person, Person]
) -> None:
    _post(client, _mailgun_call("failed", "gone@example.org", severity="permanent"))
    client.force_login(personas.analyst)
    page = client.get(reverse("workspaces:digest_send")).content.decode()
    assert "gone@example.org" in page
    assert readers[0].full_name in page
    row = Undeliverable.objects.get()
    response = client.post(reverse("workspaces:undeliverable_clear", args=[row.pk]))
    assert response.status_code == 302
    assert not Undeliverable.objects.exists()
    assert AuditEntry.objects.filter(action="workspaces.address.clear").exists()
    assert _digest(personas) == ["fine@example.org", "gone@example.org"]


@override_settings(ANYMAIL=SIGNED)
def test_only_analysts_may_clear_an_address(
    client: Client, personas: Personas, readers: tuple[Person, Person]
) -> None:
    _post(client, _mailgun_call("failed", "gone@example.org", severity="permanent"))
    row = Undeliverable.objects.get()
    client.force_login(personas.official)
    response = client.post(reverse("workspaces:undeliverable_clear", args=[row.pk]))
    assert response.status_code == 403
    assert Undeliverable.objects.exists()


@override_settings(ANYMAIL=SIGNED)
def test_the_subscription_centre_tells_the_person_their_mail_does_not_arrive(
    client: Client, readers: tuple[Person, Person]
) -> None:
    _post(client, _mailgun_call("complained", "gone@example.org"))
    token = digest.token_for(readers[0])
    page = client.get(f"/en/newsletter/{token}/").content.decode()
    assert "does not arrive" in page
    other = client.get(f"/en/newsletter/{digest.token_for(readers[1])}/").content.decode()
    assert "does not arrive" not in other
