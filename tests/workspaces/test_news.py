"""News: written by staff and section chairs, sanitised, moderated, scheduled, in feeds."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from hromada.audit.models import AuditEntry
from hromada.members.models import Section
from hromada.workspaces import news_actions
from hromada.workspaces.models import NewsItem, NewsState
from hromada.workspaces.news_actions import NewsInput
from tests import factories
from tests.conftest import Personas
from tests.members.factories import make_branch, make_membership, make_person
from tests.workspaces.factories import a_section, make_chair, make_news


@pytest.fixture
def section(personas: Personas) -> Section:
    return a_section()


def _chair_user(personas: Personas, section: Section):  # type: ignore[no-untyped-def]
    make_membership(personas.hromada)
    person = make_person(personas.hromada, email="chair@example.org", sections=[section])
    make_chair(section, person)
    return factories.UserFactory(email="chair@example.org", username="chair")


def _news_page(client: Client) -> str:
    response = client.get(reverse("workspaces:news"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_body_loses_scripts_handlers_and_javascript_links_but_keeps_its_text(
    personas: Personas,
) -> None:
    item = news_actions.save_news(
        NewsInput(
            title="Новина",
            lead="Лід",
            body=(
                '<p onclick="steal()">Текст <strong>важливий</strong></p>'
                "<script>alert(1)</script><style>p{}</style>"
                '<a href="javascript:alert(1)">посилання</a>'
                '<img src="https://example.org/a.png" onerror="x()" alt="фото">'
                '<iframe src="https://evil.example"></iframe>'
            ),
        ),
        by=personas.analyst,
    )
    assert "<script" not in item.body and "alert(1)" not in item.body
    assert "onclick" not in item.body and "onerror" not in item.body
    assert "<style" not in item.body and "<iframe" not in item.body
    assert "javascript:" not in item.body
    assert "<strong>важливий</strong>" in item.body
    assert '<img src="https://example.org/a.png" alt="фото">' in item.body


def test_a_chair_writes_submits_and_an_analyst_publishes_then_the_public_sees_it(
    client: Client, personas: Personas, section: Section
) -> None:
    client.force_login(_chair_user(personas, section))
    response = client.post(
        reverse("workspaces:news_new"),
        {"title": "Секція зібралася", "lead": "Про засідання.", "body": "<p>Текст</p>",
         "section": section.pk},
    )  # fmt: skip
    item = NewsItem.objects.get()
    assert response.status_code == 302 and item.state == NewsState.DRAFT
    assert "Секція зібралася" not in _news_page(Client())
    client.post(reverse("workspaces:news_submit", args=[item.pk]))
    item.refresh_from_db()
    assert item.state == NewsState.SUBMITTED
    # Once submitted the author may no longer change it.
    assert client.get(reverse("workspaces:news_edit", args=[item.pk])).status_code == 403
    client.force_login(personas.analyst)
    client.post(reverse("workspaces:news_publish", args=[item.pk]), {"publish_at": ""})
    assert "Секція зібралася" in _news_page(Client())
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"workspaces.news.create", "workspaces.news.submitted"} <= actions
    assert "workspaces.news.published" in actions


def test_a_chair_cannot_publish_or_write_for_another_section(
    personas: Personas, section: Section
) -> None:
    user = _chair_user(personas, section)
    other = Section.objects.exclude(pk=section.pk).first()
    assert other is not None
    with pytest.raises(ValidationError):
        news_actions.save_news(
            NewsInput(title="Т", lead="Л", body="<p>Б</p>", section=other), by=user
        )
    item = news_actions.save_news(
        NewsInput(title="Т", lead="Л", body="<p>Б</p>", section=section), by=user
    )
    with pytest.raises(PermissionDenied):
        news_actions.publish_news(item, by=user)


def test_an_official_without_a_chair_may_not_write_news(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        news_actions.save_news(
            NewsInput(title="Т", lead="Л", body="<p>Б</p>"), by=personas.official
        )


def test_a_coordinator_writes_only_for_their_own_oblast(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        news_actions.save_news(
            NewsInput(title="Т", lead="Л", body="<p>Б</p>", oblast=personas.other_oblast),
            by=personas.coordinator,
        )
    item = news_actions.save_news(
        NewsInput(title="Т", lead="Л", body="<p>Б</p>", oblast=personas.oblast),
        by=personas.coordinator,
    )
    assert item.oblast == personas.oblast


def test_a_scheduled_item_stays_hidden_until_its_moment(client: Client, personas: Personas) -> None:
    item = make_news(title="Майбутня новина", state=NewsState.SUBMITTED)
    news_actions.publish_news(
        item, by=personas.analyst, publish_at=timezone.now() + dt.timedelta(days=2)
    )
    assert "Майбутня новина" not in _news_page(client)
    assert client.get(reverse("workspaces:news_item", args=[item.pk])).status_code == 404
    NewsItem.objects.filter(pk=item.pk).update(publish_at=timezone.now() - dt.timedelta(minutes=1))
    assert "Майбутня новина" in _news_page(client)


def test_returning_needs_a_reason_and_withdraws_the_item(
    client: Client, personas: Personas
) -> None:
    item = make_news(title="Поспішна новина")
    with pytest.raises(ValidationError):
        news_actions.return_news(item, by=personas.analyst, reason=" ")
    news_actions.return_news(item, by=personas.analyst, reason="Уточніть цифри.")
    assert "Поспішна новина" not in _news_page(client)
    entry = AuditEntry.objects.get(action="workspaces.news.draft")
    assert entry.reason == "Уточніть цифри."


def test_english_readers_get_the_english_version_when_there_is_one(
    client: Client, db: None
) -> None:
    make_news(title="Лише українською", lead="Лід")
    make_news(title="Бюджет", lead="Лід", title_en="The budget", lead_en="Lead")
    with translation.override("en"):
        response = client.get(reverse("workspaces:news"))
    page = response.content.decode()
    assert "The budget" in page and "Бюджет" not in page
    assert "Лише українською" in page


def test_the_section_feed_holds_only_its_published_news(
    client: Client, personas: Personas, section: Section
) -> None:
    other = Section.objects.exclude(pk=section.pk).first()
    make_news(title="Новина секції", section=section)
    make_news(title="Новина іншої секції", section=other)
    make_news(title="Чернетка секції", section=section, state=NewsState.DRAFT)
    response = client.get(reverse("workspaces:section_feed", args=[section.code]))
    assert response.status_code == 200
    titles = [t.text for t in ElementTree.fromstring(response.content).iter("title")]  # noqa: S314 (our own feed)
    assert "Новина секції" in titles
    assert "Новина іншої секції" not in titles and "Чернетка секції" not in titles


def test_the_branch_feed_and_page_hold_the_oblasts_news(client: Client, personas: Personas) -> None:
    branch = make_branch(personas.oblast)
    make_news(title="Новина області", oblast=personas.oblast)
    make_news(title="Новина сусідів", oblast=personas.other_oblast)
    response = client.get(reverse("workspaces:branch_feed", args=[personas.oblast.code]))
    titles = [t.text for t in ElementTree.fromstring(response.content).iter("title")]  # noqa: S314 (our own feed)
    assert "Новина області" in titles and "Новина сусідів" not in titles
    page = client.get(reverse("workspaces:branch", args=[branch.oblast.code])).content.decode()
    assert "Новина області" in page


def test_the_news_page_reads_in_a_bounded_number_of_queries(
    client: Client,
    personas: Personas,
    section: Section,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    for number in range(8):
        make_news(title=f"Новина {number}", section=section, oblast=personas.oblast)
    with django_assert_max_num_queries(8):
        _news_page(client)


def test_news_can_be_filtered_by_a_whole_tag(client: Client, db: None) -> None:
    make_news(title="Про бюджет", tags="бюджет, освіта")
    make_news(title="Про бюджетування", tags="бюджетування")
    page = client.get(reverse("workspaces:news"), {"tag": "бюджет"}).content.decode()
    assert "Про бюджет" in page and "Про бюджетування" not in page


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_an_author_adds_an_image_that_shows_in_the_text_once_the_item_is_published(
    client: Client, personas: Personas
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hromada.workspaces.models import NewsFile

    item = make_news(
        title="Новина з фото",
        state=NewsState.DRAFT,
        author=personas.coordinator,
        oblast=personas.oblast,
    )
    client.force_login(personas.coordinator)
    client.post(
        reverse("workspaces:news_file_upload", args=[item.pk]),
        {"title": "Фото", "file": SimpleUploadedFile("photo.png", PNG)},
    )
    client.post(
        reverse("workspaces:news_file_upload", args=[item.pk]),
        {"title": "Підробка", "file": SimpleUploadedFile("photo.jpg", b"MZ\x90program")},
    )
    attached = NewsFile.objects.get()
    address = reverse("workspaces:news_file", args=[item.pk, attached.pk])
    news_actions.save_news(
        news_actions.NewsInput(
            title="Новина з фото",
            lead="Коротко.",
            body=f'<p><img src="{address}" alt="Фото"></p>',
            oblast=personas.oblast,
        ),
        by=personas.coordinator,
        item=item,
    )
    item.refresh_from_db()
    assert f'src="{address}"' in item.body
    client.logout()
    assert client.get(address).status_code == 404  # a draft's files are not public
    news_actions.publish_news(item, by=personas.analyst, publish_at=timezone.now())
    response = client.get(address)
    assert response.status_code == 200 and response.content == PNG
    assert response["Content-Disposition"].startswith("inline")
    assert (
        f'src="{address}"'
        in client.get(reverse("workspaces:news_item", args=[item.pk])).content.decode()
    )


def test_only_who_may_change_the_item_adds_files(client: Client, personas: Personas) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = make_news(title="Чужа новина", state=NewsState.DRAFT, author=personas.coordinator)
    client.force_login(personas.official)
    response = client.post(
        reverse("workspaces:news_file_upload", args=[item.pk]),
        {"title": "Фото", "file": SimpleUploadedFile("photo.png", PNG)},
    )
    assert response.status_code == 403
    assert not item.files.exists()
