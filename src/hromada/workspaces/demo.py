"""The workspaces part of `hromada demo`: chairs in two sections, a meeting in every section,
news items in every state (published, scheduled, waiting for moderation) and for every
section and branch, one digest opt-out, a digest sent to a section through the queue, and the
association's CEMR membership with a partner project.

The demo official chairs the first section, so signing in as them shows a chair's workspace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from hromada.accounts.models import Role, User
from hromada.indicators.models import Area
from hromada.members.models import MembershipStatus, Person, RegionalBranch, Section
from hromada.territories.models import Territory
from hromada.workspaces import (
    actions,
    digest,
    news_actions,
    partnership_actions,
    subscription_actions,
)
from hromada.workspaces.actions import MeetingInput
from hromada.workspaces.models import (
    Affiliation,
    Meeting,
    NewsItem,
    Partner,
    SectionArea,
    Topic,
)
from hromada.workspaces.news_actions import NewsInput

# Each section's field in the indicator catalogue (section code -> area codes).
SECTION_AREAS = {
    "education": ["education"],
    "health-care": ["health"],
    "housing-utilities": ["housing_utilities"],
    "social-protection": ["social"],
    "land-resources": ["economy"],
    "finance": ["budget_revenue", "budget_expenditure"],
    "economic-development": ["economy"],
    "culture": ["culture_sport"],
    "transport-roads": ["transport"],
    "energy-efficiency": ["energy_environment"],
    "administrative-services": ["governance"],
    "youth-sport": ["culture_sport"],
    "legal": ["governance"],
    "civil-protection": ["safety"],
}


@dataclass(frozen=True)
class WorkspacesDemo:
    meetings: int
    news: int


def _chair_for(section: Section, user: User) -> Person:
    person, _ = Person.objects.get_or_create(
        email=user.email,
        defaults={
            "full_name": user.get_full_name() or user.username,
            "position": "голова секції",
            "hromada": user.territory,
            "consent": True,
            "consent_on": timezone.localdate(),
            "is_demo": True,
        },
    )
    person.sections.add(section)
    return person


def build_workspaces_demo() -> WorkspacesDemo:
    analyst = User.objects.filter(role=Role.ANALYST, is_active=True).order_by("pk").first()
    official = User.objects.filter(role=Role.OFFICIAL, is_active=True).order_by("pk").first()
    coordinator = User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk").first()
    sections = list(Section.objects.filter(is_active=True).order_by("order", "code")[:2])
    if analyst is None or official is None or len(sections) < 2 or NewsItem.objects.exists():
        return WorkspacesDemo(Meeting.objects.count(), NewsItem.objects.count())
    today = timezone.localdate()
    chairs = [_chair_for(sections[0], official)]
    second = sections[1].persons.filter(consent=True).order_by("pk").first()
    if second is not None:
        chairs.append(second)
    for section, chair in zip(sections, chairs, strict=False):
        actions.appoint_chair(section, chair, today - dt.timedelta(days=200), by=analyst)
    for number, section in enumerate(sections):
        actions.save_meeting(
            section,
            MeetingInput(
                held_on=today - dt.timedelta(days=14 + 30 * number),
                title="Засідання секції",
                agenda="1. Виконання бюджетів громад.\n2. Позиція щодо законопроєктів.",
                minutes="Присутні представники 12 громад. Обговорили проблеми виконання бюджетів.",
                decisions="Підготувати пропозиції до проєкту закону; зібрати практики громад.",
                is_published=number == 0,
            ),
            by=analyst,
        )
    general = news_actions.save_news(
        NewsInput(
            title="Асоціація оновила інформаційну систему",
            lead="Громади-члени тепер мають робочі простори секцій і відділень.",
            body="<p>На сторінках секцій — засідання, документи й законопроєкти, які вони "
            "відстежують.</p><ul><li>новини секцій;</li><li>RSS для кожної секції.</li></ul>",
            title_en="The association updated its information system",
            lead_en="Member hromadas now have section and branch workspaces.",
            body_en="<p>Section pages hold meetings, documents and the bills they follow.</p>",
            tags="система, секції",
        ),
        by=analyst,
    )
    news_actions.publish_news(general, by=analyst, publish_at=timezone.now())
    by_section = news_actions.save_news(
        NewsInput(
            title="Секція підготувала пропозиції до бюджету",
            lead="Пропозиції надіслано до профільного комітету.",
            body="<p>Засідання секції схвалило пропозиції до проєкту бюджету.</p>",
            tags="бюджет",
            section=sections[0],
        ),
        by=official,
    )
    news_actions.submit_news(by_section, by=official)
    news_actions.publish_news(by_section, by=analyst, publish_at=timezone.now())
    waiting = news_actions.save_news(
        NewsInput(
            title="Секція запрошує на засідання",
            lead="Наступне засідання відбудеться наприкінці місяця.",
            body="<p>Порядок денний буде надіслано учасникам.</p>",
            section=sections[0],
        ),
        by=official,
    )
    news_actions.submit_news(waiting, by=official)
    scheduled = news_actions.save_news(
        NewsInput(
            title="Стартує збір статистики громад",
            lead="Анкета відкриється наступного тижня.",
            body="<p>Заповнюйте анкету у розділі «Збір даних».</p>",
            tags="збір даних",
        ),
        by=analyst,
    )
    news_actions.publish_news(
        scheduled, by=analyst, publish_at=timezone.now() + dt.timedelta(days=7)
    )
    if coordinator is not None and coordinator.territory is not None:
        regional = news_actions.save_news(
            NewsInput(
                title="Регіональне відділення провело нараду",
                lead="Координатор зустрівся з головами громад області.",
                body="<p>Обговорили звітування громад і спільні проєкти.</p>",
                oblast=coordinator.territory,
            ),
            by=coordinator,
        )
        news_actions.submit_news(regional, by=coordinator)
        news_actions.publish_news(regional, by=analyst, publish_at=timezone.now())
    # The demo chair has stopped the training topic of the digest and keeps the others.
    subscription_actions.set_topics(digest.token_for(chairs[0]), set(Topic.values) - {Topic.EVENTS})
    _every_section_and_branch(analyst, today, skip=set(sections))
    _section_areas()
    _partnerships(analyst, today, sections[0], general)
    # This week's digest for the first section's members, through the task queue (`make
    # demo` runs the worker; the demo's mail goes to the console unless EMAIL_HOST is set).
    subscription_actions.start_digest(digest.Segment(section=sections[0].code), by=analyst)
    return WorkspacesDemo(Meeting.objects.count(), NewsItem.objects.count())


def _every_section_and_branch(analyst: User, today: dt.date, *, skip: set[Section]) -> None:
    """A published meeting and a news item for every other section, news for every branch."""
    for number, section in enumerate(Section.objects.filter(is_active=True).order_by("order")):
        if section not in skip:
            actions.save_meeting(
                section,
                MeetingInput(
                    held_on=today - dt.timedelta(days=7 + 3 * number),
                    title="Засідання секції",
                    agenda="1. Звітування громад.\n2. План роботи на рік.",
                    minutes="Учасники обговорили звітування громад і план роботи.",
                    decisions="Затвердити план роботи секції.",
                    is_published=True,
                ),
                by=analyst,
            )
        if NewsItem.objects.filter(section=section).exists():
            continue
        item = news_actions.save_news(
            NewsInput(
                title=f"Секція «{section.name_uk}» затвердила план роботи",
                lead="План роботи на рік схвалено на засіданні секції.",
                body="<p>До плану увійшли звітування громад і пропозиції до законопроєктів.</p>",
                section=section,
            ),
            by=analyst,
        )
        news_actions.publish_news(item, by=analyst, publish_at=timezone.now())
    for branch in RegionalBranch.objects.select_related("oblast").order_by("oblast__code"):
        if NewsItem.objects.filter(oblast=branch.oblast).exists():
            continue
        item = news_actions.save_news(
            NewsInput(
                title=f"{branch.name_uk}: нарада голів громад",
                lead="Відділення зібрало голів громад області.",
                body="<p>Обговорили звітування громад і навчання для посадовців.</p>",
                oblast=branch.oblast,
            ),
            by=analyst,
        )
        news_actions.publish_news(item, by=analyst, publish_at=timezone.now())


def _section_areas() -> None:
    areas = {area.code: area for area in Area.objects.all()}
    for section in Section.objects.filter(code__in=SECTION_AREAS):
        for code in SECTION_AREAS[section.code]:
            if code in areas:
                SectionArea.objects.get_or_create(section=section, area=areas[code])


def _partnerships(analyst: User, today: dt.date, section: Section, news: NewsItem) -> None:
    """The association's CEMR membership and one running partner project."""
    Affiliation.objects.create(
        name_uk="Рада європейських муніципалітетів і регіонів",
        name_en="Council of European Municipalities and Regions",
        acronym="CEMR",
        status="повноправний член",
        url="https://cemr.eu/",
        note="Голос українських громад в європейських об’єднаннях місцевої влади.",
    )
    partner = Partner.objects.create(
        name_uk="Асоціація муніципалітетів-партнерів", name_en="Partner Municipalities"
    )
    funder = Partner.objects.create(
        name_uk="Фонд розвитку місцевого самоврядування", name_en="Local Governance Fund"
    )
    hromadas = list(
        Territory.objects.hromadas()
        .filter(membership__status=MembershipStatus.ACTIVE)
        .order_by("code")[:6]
    )
    partnership_actions.save_project(
        partnership_actions.ProjectInput(
            title_uk="Енергоефективні громади",
            title_en="Energy-efficient hromadas",
            summary_uk="Енергоаудит громадських будівель і план заходів для громад-учасниць.",
            summary_en="Energy audits of public buildings and action plans for hromadas.",
            programme="Програма партнерства муніципалітетів",
            starts_on=today - dt.timedelta(days=300),
            ends_on=today + dt.timedelta(days=400),
            results="Проведено аудит 18 будівель; у трьох громадах ухвалено плани заходів.",
            is_published=True,
            partners=[partner],
            funders=[funder],
            hromadas=hromadas,
            sections=[section],
            news=[news],
        ),
        by=analyst,
    )
