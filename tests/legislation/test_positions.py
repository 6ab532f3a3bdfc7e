"""The association's positions: drafted by analysts, public once published, with versions."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hromada.audit.models import AuditEntry
from hromada.legislation import actions
from hromada.legislation.models import Bill, Position, Stance
from tests.conftest import Personas


def _position(personas: Personas, bill: Bill | None = None) -> Position:
    return actions.save_position(
        None,
        by=personas.analyst,
        values={
            "bill": bill,
            "title": "ПДФО — громадам",
            "stance": Stance.AMEND,
            "summary": "Підтримати з поправками.",
            "proposals": "Частка 64 %.",
            "evidence": "",
        },
        subjects=[],
    )


def test_a_draft_position_is_hidden_until_published(personas: Personas, client: Client) -> None:
    position = _position(personas)
    assert client.get(f"/legislation/positions/{position.pk}/").status_code == 404
    assert "ПДФО" not in client.get("/legislation/positions/").content.decode()
    assert client.get("/api/v1/positions").json()["items"] == []
    actions.publish_position(position, by=personas.analyst, on=dt.date(2026, 9, 20))
    assert "ПДФО" in client.get(f"/legislation/positions/{position.pk}/").content.decode()
    assert "ПДФО" in client.get("/legislation/feeds/positions.rss").content.decode()
    assert client.get("/api/v1/positions").json()["items"][0]["stance"] == "amend"


def test_changing_a_position_keeps_the_earlier_text_and_says_why(personas: Personas) -> None:
    position = _position(personas)
    actions.save_position(
        position,
        by=personas.analyst,
        values={"summary": "Підтримати без поправок.", "stance": Stance.SUPPORT},
        subjects=[],
        reason="Комітет врахував поправки",
    )
    position.refresh_from_db()
    assert position.version == 2 and position.stance == Stance.SUPPORT
    earlier = position.versions.get()
    assert (earlier.version, earlier.summary) == (1, "Підтримати з поправками.")
    entry = AuditEntry.objects.get(action="legislation.position.change")
    assert entry.reason == "Комітет врахував поправки"
    assert entry.changes["stance"] == ["amend", "support"]


def test_an_analyst_writes_publishes_and_records_a_letter_on_the_pages(
    personas: Personas, client: Client
) -> None:
    bill = actions.add_draft(
        by=personas.analyst,
        number="МінФін-1",
        title="Проєкт змін до БКУ",
        kind="",
        registered_on=None,
    )
    client.force_login(personas.analyst)
    response = client.post(
        f"/legislation/bills/{bill.number}/positions/new/",
        {
            "title": "Позиція",
            "stance": "oppose",
            "summary": "Проти.",
            "proposals": "",
            "evidence": "",
        },
    )
    position = Position.objects.get()
    assert response["Location"].endswith(f"/legislation/positions/{position.pk}/")
    assert position.bill == bill
    client.post(f"/legislation/positions/{position.pk}/publish/")
    pdf = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client.post(
        f"/legislation/positions/{position.pk}/letters/",
        {
            "addressee": "Мінфін",
            "sent_on": "2026-10-01",
            "outgoing_number": "01-1",
            "document": pdf,
        },
    )
    page = client.get(f"/legislation/bills/{bill.number}/").content.decode()
    assert "Позиція" in page and "Проти" in page
    detail = client.get(f"/legislation/positions/{position.pk}/").content.decode()
    assert "Мінфін" in detail and "01-1" in detail


def test_a_letter_that_is_not_a_pdf_is_refused(personas: Personas, client: Client) -> None:
    position = _position(personas)
    client.force_login(personas.analyst)
    fake = SimpleUploadedFile("letter.pdf", b"<html>", content_type="application/pdf")
    response = client.post(
        f"/legislation/positions/{position.pk}/letters/",
        {"addressee": "Мінфін", "sent_on": "2026-10-01", "document": fake},
        follow=True,
    )
    assert "не PDF" in response.content.decode() and not position.letters.exists()


def test_officials_cannot_write_or_publish_positions(personas: Personas, client: Client) -> None:
    position = _position(personas)
    actions.publish_position(position, by=personas.analyst)
    client.force_login(personas.official)
    assert client.get("/legislation/positions/new/").status_code == 403
    assert client.post(f"/legislation/positions/{position.pk}/letters/", {}).status_code == 403
