"""Consulting members on a bill's articles and consolidating their comments into a position."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone

from hromada.accounts.models import User
from hromada.audit.models import AuditEntry
from hromada.legislation import actions, consultations
from hromada.legislation.models import Audience, Bill, Comment, Consultation, Opinion, Stance
from hromada.members.models import Section
from tests import factories
from tests.conftest import Personas
from tests.members.factories import make_membership, make_person

DRAFT = """## Стаття 64, пункт 1
До загального фонду бюджетів громад зараховується 60 відсотків податку на доходи фізичних осіб.
## Стаття 97
Базова дотація обчислюється за індексом податкоспроможності.
"""


class _CommitAtOnce:
    """The test runs in one transaction that never commits: run on-commit work at once."""

    atomic = staticmethod(transaction.atomic)

    @staticmethod
    def on_commit(callback: Callable[[], object]) -> None:
        callback()


@pytest.fixture(autouse=True)
def _commits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(consultations, "transaction", _CommitAtOnce)


@pytest.fixture
def bill(personas: Personas) -> Bill:
    return actions.add_draft(
        by=personas.analyst,
        number="12101",
        title="Про внесення змін до Бюджетного кодексу",
        kind="",
        registered_on=dt.date(2026, 9, 1),
    )


@pytest.fixture
def members(personas: Personas) -> Personas:
    make_membership(personas.hromada)
    make_membership(personas.other_hromada)
    personas.official.email = "official@example.org"
    personas.official.save()
    return personas


def _open(
    personas: Personas,
    bill: Bill,
    *,
    audience: str = Audience.ALL,
    section: Section | None = None,
    oblast: object = None,
    opens: int = -1,
    closes: int = 7,
) -> Consultation:
    today = timezone.localdate()
    return consultations.open_consultation(
        bill,
        by=personas.analyst,
        title="Консультація щодо ПДФО",
        question="Чи підтримуєте зміну частки?",
        opens_on=today + dt.timedelta(days=opens),
        closes_on=today + dt.timedelta(days=closes),
        audience=audience,
        section=section,
        oblast=oblast,  # type: ignore[arg-type]
        articles=consultations.split_articles(DRAFT),
    )


def test_the_draft_is_split_into_articles_and_bad_text_is_refused() -> None:
    articles = consultations.split_articles(DRAFT)
    assert [a.label for a in articles] == ["Стаття 64, пункт 1", "Стаття 97"]
    assert "60 відсотків" in articles[0].text
    with pytest.raises(ValidationError, match="##"):
        consultations.split_articles("Текст без заголовка статті")
    with pytest.raises(ValidationError, match="Стаття 2"):
        consultations.split_articles("## Стаття 1\nтекст\n## Стаття 2\n")


def test_opening_a_consultation_invites_the_oblasts_members_by_e_mail(
    members: Personas, bill: Bill
) -> None:
    other = factories.make_official(members.other_hromada, username="other", email="o@example.org")
    consultation = _open(members, bill, audience=Audience.OBLAST, oblast=members.oblast)
    assert [m.to for m in mail.outbox] == [["official@example.org"]]
    assert "12101" in mail.outbox[0].body and f"/consultations/{consultation.pk}/" in (
        mail.outbox[0].body
    )
    consultation.refresh_from_db()
    assert consultation.invited_at is not None and consultation.articles.count() == 2
    assert AuditEntry.objects.filter(action="legislation.consultation.open").exists()
    assert consultations.why_not_comment(other, consultation) != ""
    assert consultations.why_not_comment(members.official, consultation) == ""


def test_a_section_consultation_reaches_only_the_sections_people(
    members: Personas, bill: Bill
) -> None:
    section = Section.objects.create(code="finance-test", name_uk="Фінанси", name_en="Finance")
    make_person(members.hromada, email="official@example.org", sections=[section])
    factories.make_official(members.other_hromada, username="other", email="o@example.org")
    _open(members, bill, audience=Audience.SECTION, section=section)
    assert [m.to for m in mail.outbox] == [["official@example.org"]]


def test_a_consultation_that_opens_later_is_invited_on_its_day(
    members: Personas, bill: Bill
) -> None:
    consultation = _open(members, bill, opens=2, closes=9)
    assert mail.outbox == []
    assert consultations.send_due_invitations() == 0
    Consultation.objects.filter(pk=consultation.pk).update(opens_on=timezone.localdate())
    out = io.StringIO()
    call_command("invite_to_consultations", stdout=out)
    assert "consultations invited: 1" in out.getvalue() and len(mail.outbox) == 1
    assert consultations.send_due_invitations() == 0


def test_an_official_comments_on_an_article_on_the_page(
    members: Personas, bill: Bill, client: Client
) -> None:
    consultation = _open(members, bill)
    article = consultation.articles.get(order=1)
    client.force_login(members.official)
    page = client.get(f"/legislation/consultations/{consultation.pk}/").content.decode()
    assert "Стаття 64, пункт 1" in page and "Надіслати коментар" in page
    client.post(
        f"/legislation/consultations/{consultation.pk}/articles/{article.pk}/comments/",
        {
            f"article-{article.pk}-opinion": "wording",
            f"article-{article.pk}-text": "Частка замала",
            f"article-{article.pk}-wording": "64 відсотки податку",
        },
    )
    comment = Comment.objects.get()
    assert (comment.hromada, comment.author, comment.opinion) == (
        members.hromada,
        members.official,
        Opinion.WORDING,
    )
    page = client.get(f"/legislation/consultations/{consultation.pk}/").content.decode()
    assert "64 відсотки податку" in page
    assert AuditEntry.objects.filter(action="legislation.consultation.comment").exists()


def test_a_wording_comment_needs_the_wording_and_an_objection_needs_a_reason(
    members: Personas, bill: Bill
) -> None:
    article = _open(members, bill).articles.get(order=1)
    with pytest.raises(ValidationError):
        consultations.add_comment(
            article, by=members.official, opinion="wording", text="", wording=""
        )
    with pytest.raises(ValidationError):
        consultations.add_comment(
            article, by=members.official, opinion="object", text="", wording=""
        )


def test_nobody_comments_outside_the_audience_or_the_dates(
    members: Personas, bill: Bill, client: Client
) -> None:
    closed = _open(members, bill, opens=-10, closes=-1)
    article = closed.articles.get(order=1)
    with pytest.raises(PermissionDenied, match="закрито"):
        consultations.add_comment(
            article, by=members.official, opinion="support", text="", wording=""
        )
    regional = _open(members, bill, audience=Audience.OBLAST, oblast=members.other_oblast)
    with pytest.raises(PermissionDenied):
        consultations.add_comment(
            regional.articles.get(order=1),
            by=members.official,
            opinion="support",
            text="",
            wording="",
        )
    for user in (members.analyst, members.coordinator, members.outsider):
        with pytest.raises(PermissionDenied):
            consultations.add_comment(
                _open(members, bill).articles.get(order=1),
                by=user,
                opinion="support",
                text="",
                wording="",
            )
    client.force_login(members.official)
    response = client.post(
        f"/legislation/consultations/{closed.pk}/articles/{article.pk}/comments/",
        {f"article-{article.pk}-opinion": "support"},
        follow=True,
    )
    assert "закрито" in response.content.decode() and not Comment.objects.exists()


def test_a_non_member_hromadas_official_cannot_comment(personas: Personas, bill: Bill) -> None:
    consultation = _open(personas, bill)  # no memberships at all
    assert "іншим" in consultations.why_not_comment(personas.official, consultation)


def test_other_hromadas_comments_are_for_analysts_only(
    members: Personas, bill: Bill, client: Client
) -> None:
    consultation = _open(members, bill)
    other = factories.make_official(members.other_hromada, username="other", email="o@example.org")
    consultations.add_comment(
        consultation.articles.get(order=1),
        by=other,
        opinion="object",
        text="Таємне заперечення",
        wording="",
    )
    client.force_login(members.official)
    page = client.get(f"/legislation/consultations/{consultation.pk}/").content.decode()
    assert "Таємне заперечення" not in page and "заперечують: 1" in page
    client.force_login(members.analyst)
    assert (
        "Таємне заперечення"
        in client.get(f"/legislation/consultations/{consultation.pk}/").content.decode()
    )


def test_the_analyst_consolidates_comments_into_a_position_with_versions(
    members: Personas, bill: Bill, client: Client
) -> None:
    consultation = _open(members, bill)
    article = consultation.articles.get(order=1)
    taken = consultations.add_comment(
        article, by=members.official, opinion="wording", text="", wording="64 відсотки"
    )
    with pytest.raises(ValidationError):
        consultations.consolidate(
            consultation, by=members.analyst, values={}, subjects=[], comment_ids=[]
        )
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    client.force_login(members.analyst)
    filled = client.get(
        f"/legislation/consultations/{consultation.pk}/consolidate/?take={taken.pk}"
    ).content.decode()
    assert "Стаття 64, пункт 1: 64 відсотки (Решетилівська)" in filled
    response = client.post(
        f"/legislation/consultations/{consultation.pk}/consolidate/",
        {
            "title": "ПДФО — громадам",
            "stance": "amend",
            "summary": "Члени просять 64 %.",
            "proposals": "Стаття 64: 64 відсотки",
            "comments": [taken.pk],
        },
    )
    consultation.refresh_from_db()
    position = consultation.position
    assert position is not None and response["Location"].endswith(f"/positions/{position.pk}/")
    assert (position.stance, position.bill, position.version) == (Stance.AMEND, bill, 1)
    taken.refresh_from_db()
    assert taken.taken_into_account
    again = consultations.consolidate(
        consultation,
        by=members.analyst,
        values={
            "title": "ПДФО — громадам",
            "stance": "support",
            "summary": "Так.",
            "proposals": "",
        },
        subjects=[],
        comment_ids=[],
    )
    assert again.pk == position.pk and again.version == 2
    taken.refresh_from_db()
    assert not taken.taken_into_account
    assert AuditEntry.objects.filter(action="legislation.consultation.consolidate").count() == 2


def test_only_analysts_open_or_consolidate(members: Personas, bill: Bill, client: Client) -> None:
    client.force_login(members.official)
    assert client.get(f"/legislation/bills/{bill.number}/consultations/new/").status_code == 403
    consultation = _open(members, bill)
    assert (
        client.get(f"/legislation/consultations/{consultation.pk}/consolidate/").status_code == 403
    )


def test_an_analyst_opens_a_consultation_from_the_bill_page(
    members: Personas, bill: Bill, client: Client
) -> None:
    client.force_login(members.analyst)
    today = timezone.localdate()
    response = client.post(
        f"/legislation/bills/{bill.number}/consultations/new/",
        {
            "title": "Консультація",
            "opens_on": today.isoformat(),
            "closes_on": (today + dt.timedelta(days=5)).isoformat(),
            "audience": "oblast",
            "oblast": members.oblast.code,
            "articles": DRAFT,
        },
    )
    consultation = Consultation.objects.get()
    assert response["Location"].endswith(f"/consultations/{consultation.pk}/")
    assert consultation.oblast == members.oblast and len(mail.outbox) == 1
    bad = client.post(
        f"/legislation/bills/{bill.number}/consultations/new/",
        {
            "title": "Без області",
            "opens_on": today.isoformat(),
            "closes_on": (today - dt.timedelta(days=5)).isoformat(),
            "audience": "oblast",
            "articles": DRAFT,
        },
    )
    assert "не може закритися раніше" in bad.content.decode() or "Оберіть область" in (
        bad.content.decode()
    )
    assert Consultation.objects.count() == 1


def test_visitors_see_open_consultations_but_not_future_ones(
    members: Personas, bill: Bill, client: Client
) -> None:
    shown = _open(members, bill)
    later = _open(members, bill, opens=3, closes=10)
    page = client.get("/legislation/consultations/").content.decode()
    assert f"/consultations/{shown.pk}/" in page and f"/consultations/{later.pk}/" not in page
    assert client.get(f"/legislation/consultations/{later.pk}/").status_code == 404
    assert "Увійдіть" in client.get(f"/legislation/consultations/{shown.pk}/").content.decode()
    closed = _open(members, bill, opens=-10, closes=-1)
    assert (
        "Консультацію закрито."
        in client.get(f"/legislation/consultations/{closed.pk}/").content.decode()
    )


def test_the_consultation_page_reads_a_fixed_number_of_queries(
    members: Personas, bill: Bill, client: Client, django_assert_max_num_queries: object
) -> None:
    consultation = _open(members, bill)
    for n in range(5):
        user = User.objects.create(
            username=f"o{n}", role="official", territory=members.hromada, email=f"{n}@e.org"
        )
        consultations.add_comment(
            consultation.articles.get(order=1), by=user, opinion="support", text="", wording=""
        )
    client.force_login(members.analyst)
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        assert client.get(f"/legislation/consultations/{consultation.pk}/").status_code == 200


def test_the_weekly_digest_lists_consultations_closing_this_week_for_the_persons_oblast(
    members: Personas, bill: Bill
) -> None:
    from hromada.workspaces import digest
    from hromada.workspaces.models import Topic

    today = timezone.localdate()
    sunday = (6 - today.weekday()) if today.weekday() < 6 else 0
    soon = _open(members, bill, audience=Audience.OBLAST, oblast=members.oblast, closes=sunday)
    _open(members, bill, closes=sunday + 8)  # closes next week
    _open(members, bill, audience=Audience.OBLAST, oblast=members.other_oblast, closes=sunday)
    reader = make_person(members.hromada, email="reader@example.org")
    stranger = make_person(members.other_hromada, email="s@example.org")
    assert digest.digest_for(reader, [Topic.LEGISLATION]).consultations == [soon]
    assert soon not in digest.digest_for(stranger, [Topic.LEGISLATION]).consultations
    mail.outbox.clear()
    from hromada.workspaces import subscription_actions

    reader.consent = True
    reader.save()
    subscription_actions.start_digest(digest.Segment(), by=members.analyst)
    body = next(m.body for m in mail.outbox if m.to == ["reader@example.org"])
    assert f"/legislation/consultations/{soon.pk}/" in body


def test_the_api_lists_only_consultations_open_today_with_their_articles(
    members: Personas, bill: Bill, client: Client
) -> None:
    shown = _open(members, bill, audience=Audience.OBLAST, oblast=members.oblast)
    _open(members, bill, opens=3, closes=10)
    _open(members, bill, opens=-10, closes=-1)
    items = client.get("/api/v1/consultations").json()["items"]
    assert [item["id"] for item in items] == [shown.pk]
    assert items[0]["oblast"] == members.oblast.code
    assert [a["label"] for a in items[0]["articles"]] == ["Стаття 64, пункт 1", "Стаття 97"]
