"""Every URL of the project has an explicit permission decision, and keeps it.

MATRIX maps each URL name to what a GET answers to each role: the public (anonymous), a
signed-up outsider with no role, a hromada official, the regional coordinator of the
official's oblast, an analyst and an administrator. A new view without an entry fails
`test_every_url_pattern_has_a_permission_decision`, which prints the line to add. URLs
with parameters give `kwargs=lambda p: {...}` built from the personas (it may create data).
The admin is checked as a group: administrators only, by hromada.accounts.permissions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hromada.analytics.models import PeerGroup
from hromada.api.tokens import create_token
from hromada.indicators.actions import ValueInput, record_observations
from hromada.members.models import Person, Section
from hromada.ops.heartbeat import beat
from hromada.territories.models import TerritoryStatus, WarStatus
from tests.accounts.matrix import (
    HOW_TO_ADD,
    ROLES,
    Outcome,
    Pattern,
    Rule,
    problem,
    project_patterns,
    rule,
    sample_path,
    skeleton,
)
from tests.collection.matrix import COLLECTION_MATRIX
from tests.conftest import Personas
from tests.indicators.factories import make_indicator
from tests.members.factories import make_membership
from tests.releases.matrix import RELEASES_MATRIX
from tests.surveys.matrix import SURVEYS_MATRIX

ALLOWED = Outcome.ALLOWED
LOGIN = Outcome.LOGIN
ADMIN_LOGIN = Outcome.ADMIN_LOGIN
REDIRECT = Outcome.REDIRECT
FORBIDDEN = Outcome.FORBIDDEN
NOT_FOUND = Outcome.NOT_FOUND
NOT_ALLOWED = Outcome.NOT_ALLOWED

PUBLIC = rule(ALLOWED)
SIGNED_IN = rule(ALLOWED, anonymous=LOGIN)
SIGNED_IN_ANALYSTS = rule(FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED)


def _member(p: Personas) -> dict[str, str]:
    return {"code": make_membership(p.hromada).territory.code}


def _other_member(p: Personas) -> dict[str, str]:
    return {"code": make_membership(p.other_hromada).territory.code}


def _member_person(p: Personas) -> dict[str, str]:
    membership = make_membership(p.hromada)
    person = Person.objects.create(full_name="Коваль Ірина", hromada=p.hromada)
    return {"code": membership.territory.code, "pk": str(person.pk)}


def _section(p: Personas) -> dict[str, str]:
    return {"code": Section.objects.values_list("code", flat=True).order_by("code")[0]}


def _meeting(p: Personas) -> dict[str, str]:
    from hromada.workspaces.models import Meeting

    section = Section.objects.order_by("code").first()
    assert section is not None
    meeting = Meeting.objects.create(
        section=section, held_on=dt.date(2026, 3, 1), title="Засідання", agenda="Порядок"
    )
    return {"code": section.code, "pk": str(meeting.pk)}


def _published_document(p: Personas) -> dict[str, str]:
    from hromada.workspaces.models import Document

    section = Section.objects.order_by("code").first()
    assert section is not None
    document = Document.objects.create(
        section=section,
        title="Протокол",
        file_name="protokol.pdf",
        content_type="application/pdf",
        size=5,
        content=b"%PDF-",
        is_published=True,
    )
    return {"code": section.code, "pk": str(document.pk)}


def _chair(p: Personas) -> dict[str, str]:
    from hromada.workspaces.models import Chair

    section = Section.objects.order_by("code").first()
    assert section is not None
    person = Person.objects.create(full_name="Голова Секції", hromada=p.hromada)
    person.sections.add(section)
    chair = Chair.objects.create(section=section, person=person, since=dt.date(2026, 1, 1))
    return {"code": section.code, "pk": str(chair.pk)}


def _branch(p: Personas) -> dict[str, str]:
    from tests.members.factories import make_branch

    return {"code": make_branch(p.oblast).oblast.code}


def _published_news(p: Personas) -> dict[str, str]:
    from django.utils import timezone

    from hromada.workspaces.models import NewsItem, NewsState

    item = NewsItem.objects.create(
        title="Новина",
        lead="Лід",
        body="<p>Текст</p>",
        state=NewsState.PUBLISHED,
        publish_at=timezone.now(),
    )
    return {"pk": str(item.pk)}


def _subscription(p: Personas) -> dict[str, str]:
    from hromada.workspaces.digest import token_for

    person = Person.objects.create(full_name="Читач Розсилки", hromada=p.hromada)
    return {"token": token_for(person)}


def _project(p: Personas) -> dict[str, str]:
    from hromada.workspaces.models import Project

    project = Project.objects.create(
        title_uk="Проєкт", summary_uk="—", starts_on=dt.date(2025, 1, 1), is_published=True
    )
    return {"pk": str(project.pk)}


def _project_document(p: Personas) -> dict[str, str]:
    from hromada.workspaces.models import ProjectDocument

    pk = _project(p)["pk"]
    document = ProjectDocument.objects.create(
        project_id=int(pk),
        title="Звіт",
        file_name="report.pdf",
        content_type="application/pdf",
        size=8,
        content=b"%PDF-1.7",
    )
    return {"pk": pk, "document": str(document.pk)}


def _news_file(p: Personas) -> dict[str, str]:
    from hromada.workspaces.models import NewsFile

    pk = _published_news(p)["pk"]
    attached = NewsFile.objects.create(
        item_id=int(pk),
        title="Фото",
        file_name="photo.png",
        content_type="image/png",
        size=8,
        content=b"\x89PNG\r\n\x1a\n",
    )
    return {"pk": pk, "file": str(attached.pk)}


def _undeliverable(p: Personas) -> dict[str, str]:
    from hromada.workspaces.bounces import record_report

    row = record_report(event_type="bounced", address="gone@example.org", provider="Mailgun")
    assert row is not None
    return {"pk": str(row.pk)}


def _wartime_status(p: Personas) -> dict[str, str]:
    record = TerritoryStatus.objects.create(
        territory=p.hromada, status=WarStatus.HOSTILITIES, start_date=dt.date(2022, 2, 24)
    )
    return {"code": p.hromada.code, "pk": str(record.pk)}


def _indicator(p: Personas) -> dict[str, str]:
    return {"code": make_indicator("demography.population").code}


def _published_value(p: Personas) -> dict[str, object]:
    indicator = make_indicator("demography.population")
    value = ValueInput(p.hromada.pk, indicator.pk, 2023, "", 12345.0, "")
    record_observations([value], by=None, reason="import", status="published")
    return {"territory_code": p.hromada.code, "indicator_code": indicator.code, "year": 2023}


def _upload(p: Personas) -> dict[str, str]:
    import tempfile

    from hromada.dataio.models import StagedUpload

    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
        handle.write("territory,indicator,year,value\n")
    staged = StagedUpload.objects.create(
        file_name="values.csv", stored_path=handle.name, sha256="0" * 64, created_by=p.analyst
    )
    return {"token": str(staged.token)}


def _import_job(p: Personas) -> dict[str, str]:
    from hromada.dataio.models import ImportJob

    return {"pk": str(ImportJob.objects.create(file_name="values.csv", created_by=p.analyst).pk)}


def _official_job(p: Personas) -> dict[str, str]:
    from hromada.jobs.models import Job

    job = Job.objects.create(task_id="t-1", task_path="x.y", label="Звіт", created_by=p.official)
    return {"pk": str(job.pk)}


def _bill(p: Personas) -> dict[str, str]:
    from hromada.legislation.models import Bill

    return {"number": Bill.objects.create(number="1001", title="Про громади").number}


def _published_position(p: Personas) -> dict[str, str]:
    import datetime as dt

    from hromada.legislation.models import Position

    position = Position.objects.create(
        title="Позиція", stance="support", summary="Так.", published_on=dt.date(2026, 1, 1)
    )
    return {"pk": str(position.pk)}


def _watch(p: Personas) -> dict[str, str]:
    from hromada.legislation.models import Watch

    return {"pk": str(Watch.objects.create(user=p.official, kind="keyword", keyword="земля").pk)}


def _consultation(p: Personas) -> dict[str, str]:
    import datetime as dt

    from django.utils import timezone

    from hromada.legislation.models import Article, Bill, Consultation

    bill = Bill.objects.get_or_create(number="1002", defaults={"title": "Про бюджети"})[0]
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        bill=bill, title="Консультація", opens_on=today, closes_on=today + dt.timedelta(days=3)
    )
    Article.objects.create(consultation=consultation, order=1, label="Стаття 1", text="Текст")
    return {"pk": str(consultation.pk)}


def _consultation_article(p: Personas) -> dict[str, str]:
    from hromada.legislation.models import Article

    pk = _consultation(p)["pk"]
    return {"pk": pk, "article": str(Article.objects.get(consultation_id=pk).pk)}


def _position_with_impact(p: Personas) -> dict[str, str]:
    from hromada.legislation.models import ImpactModel

    kwargs = _published_position(p)
    ImpactModel.objects.create(
        position_id=kwargs["pk"], label="Зміна", formula="1", year=2024, assumptions="…"
    )
    return kwargs


def _government_meeting(p: Personas) -> dict[str, str]:
    import datetime as dt

    from hromada.legislation.models import GovernmentMeeting

    meeting = GovernmentMeeting.objects.create(
        body_kind="cabinet", body="Кабмін", held_on=dt.date(2026, 1, 5), representatives="…"
    )
    return {"pk": str(meeting.pk)}


def _mp(p: Personas) -> dict[str, str]:
    from hromada.legislation.models import MP

    return {"pk": str(MP.objects.create(rada_id="1", full_name="Приклад Олена").pk)}


def _own_problem(p: Personas) -> dict[str, str]:
    from hromada.appeals.actions import raise_problem

    problem = raise_problem(by=p.official, hromada=p.hromada, title="Субвенція", description="…")
    return {"pk": str(problem.pk)}


def _evidence_file(p: Personas) -> dict[str, str]:
    from hromada.appeals.file_actions import upload_evidence
    from hromada.appeals.models import Problem

    pk = _own_problem(p)["pk"]
    item = upload_evidence(
        Problem.objects.get(pk=pk), by=p.official, title="Д", file_name="d.pdf", content=b"%PDF-1"
    )
    return {"pk": str(item.pk)}


def _event(p: Personas) -> dict[str, str]:
    import datetime as dt

    from django.utils import timezone

    from hromada.learning.models import Event, Session

    event = Event.objects.create(title="Курс", kind="course", programme="…", capacity=5, credits=1)
    start = timezone.now() + dt.timedelta(days=3)
    Session.objects.create(
        event=event, starts_at=start, ends_at=start + dt.timedelta(hours=2), place="Київ", hours=2
    )
    return {"pk": str(event.pk)}


def _session(p: Personas) -> dict[str, str]:
    from hromada.learning.models import Session

    _event(p)
    return {"pk": str(Session.objects.get().pk)}


def _registration(p: Personas) -> dict[str, str]:
    from hromada.learning.models import Event, Registration

    _event(p)
    registration = Registration.objects.create(
        event=Event.objects.get(),
        full_name="Я",
        email="me@example.org",
        hromada=p.hromada,
        state="confirmed",
    )
    return {"pk": str(registration.pk)}


def _certificate(p: Personas) -> dict[str, str]:
    import datetime as dt

    from hromada.learning.models import Certificate, Registration

    _registration(p)
    certificate = Certificate.objects.create(
        registration=Registration.objects.get(),
        number="AMU-2026-00001",
        full_name="Я",
        hromada_name="Громада",
        event_title="Курс",
        hours=2,
        credits=1,
        first_day=dt.date(2026, 1, 1),
        last_day=dt.date(2026, 1, 1),
        issued_on=dt.date(2026, 1, 2),
    )
    return {"pk": str(certificate.pk), "code": str(certificate.check_code)}


def _practice_photo(p: Personas) -> dict[str, str]:
    from hromada.learning.models import PracticeFile

    practice = _published_practice(p)
    photo = PracticeFile.objects.create(
        practice_id=int(practice["pk"]), title="Фото", file_name="a.png",
        content_type="image/png", size=8, content=b"\x89PNG\r\n\x1a\n",
    )  # fmt: skip
    return {**practice, "file_id": str(photo.pk)}


def _published_practice(p: Personas) -> dict[str, str]:
    import datetime as dt

    from hromada.learning.models import Practice

    practice = Practice.objects.create(
        title="Практика",
        hromada=p.hromada,
        problem="п",
        solution="р",
        results="р",
        state="published",
        evidence="measured",
        published_on=dt.date(2026, 1, 1),
    )
    return {"pk": str(practice.pk)}


def _dispatch(p: Personas) -> dict[str, str]:
    import datetime as dt

    from hromada.appeals.models import Body, Dispatch, Problem

    _own_problem(p)
    body, _created = Body.objects.get_or_create(
        code="mof", defaults={"name_uk": "Мінфін", "kind": "ministry"}
    )
    dispatch = Dispatch.objects.create(
        problem=Problem.objects.get(),
        body=body,
        sent_on=dt.date(2026, 1, 5),
        deadline=dt.date(2026, 2, 2),
    )
    return {"pk": str(dispatch.pk)}


def _position_letter(p: Personas) -> dict[str, str]:
    import datetime as dt

    from hromada.legislation.models import Letter, Position

    position = Position.objects.get(pk=_published_position(p)["pk"])
    letter = Letter.objects.create(
        position=position, addressee="Мінфін", sent_on=dt.date(2026, 1, 5)
    )
    return {"pk": str(letter.pk)}


def _import_batch(p: Personas) -> dict[str, str]:
    from hromada.indicators.models import ImportBatch

    batch = ImportBatch.objects.create(file_name="values.csv", sha256="0" * 64, file_format="csv")
    return {"pk": str(batch.pk)}


def _hromada(p: Personas) -> dict[str, str]:
    return {"code": p.hromada.code}


def _peer_group(p: Personas) -> dict[str, str]:
    group = PeerGroup.objects.create(name_uk="Міста області", kind=PeerGroup.Kind.RULE)
    return {"pk": str(group.pk)}


def _api_token(p: Personas) -> dict[str, str]:
    token, _secret = create_token(
        by=p.official, user=p.official, name="t", scopes=[], hromada=p.hromada
    )
    return {"pk": str(token.pk)}


def _worker_seen(personas: Personas) -> dict[str, str]:
    """Readiness is 200 once a worker has reported; without one it is 503 for everybody."""
    beat("matrix-worker")
    return {}


MATRIX: dict[str, Rule | list[Rule]] = {
    "web:home": PUBLIC,
    "web:search": PUBLIC,
    # Probes for machines: open to all, and they tell nothing about the data.
    "ops:healthz": PUBLIC,
    "ops:readyz": rule(ALLOWED, kwargs=_worker_seen),
    "accounts:login": PUBLIC,
    "accounts:logout": rule(NOT_ALLOWED),  # signing out is a POST
    "accounts:me": SIGNED_IN,
    "accounts:password_change": SIGNED_IN,
    "accounts:password_change_done": SIGNED_IN,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    # A made-up token: everyone gets the "this link does not work" page.
    "accounts:password_reset_confirm": rule(
        ALLOWED, kwargs=lambda p: {"uidb64": "MQ", "token": "made-up-token"}
    ),
    "accounts:password_reset_complete": PUBLIC,
    "territories:browse": PUBLIC,
    "territories:search": PUBLIC,
    "territories:pick": PUBLIC,
    "territories:detail": rule(ALLOWED, kwargs=lambda p: {"code": p.hromada.code}),
    "territories:status_add": rule(
        FORBIDDEN,
        anonymous=LOGIN,
        analyst=ALLOWED,
        administrator=ALLOWED,
        kwargs=lambda p: {"code": p.hromada.code},
    ),
    "territories:status_edit": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_wartime_status
    ),
    "territories:status_end": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_wartime_status
    ),
    "members:directory": PUBLIC,
    "members:branches": PUBLIC,
    "members:sections": PUBLIC,
    "members:section_create": SIGNED_IN_ANALYSTS,
    "members:section_edit": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_section
    ),
    "members:member": rule(ALLOWED, kwargs=_member),
    "members:workspace": [
        rule(
            FORBIDDEN,
            anonymous=LOGIN,
            official=ALLOWED,
            coordinator=ALLOWED,
            analyst=ALLOWED,
            administrator=ALLOWED,
            kwargs=_member,
        ),
        rule(
            FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_other_member
        ),
    ],
    # Changes are POSTs; a GET is turned away.
    "members:change_status": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_member),
    "members:record_dues": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_member),
    # Data import and export (hromada.dataio).
    "dataio:upload": SIGNED_IN_ANALYSTS,
    "dataio:imports": SIGNED_IN_ANALYSTS,
    # An upload is seen only by the analyst who made it; another analyst gets 404.
    "dataio:preview": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=NOT_FOUND, kwargs=_upload
    ),
    "dataio:problems": rule(
        FORBIDDEN,
        anonymous=LOGIN,
        analyst=ALLOWED,
        administrator=NOT_FOUND,
        kwargs=lambda p: {**_upload(p), "kind": "csv"},
    ),
    # Confirm and discard are POSTs; an analyst's GET is turned away.
    "dataio:apply": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=NOT_ALLOWED, administrator=NOT_ALLOWED, kwargs=_upload
    ),
    "dataio:discard": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=NOT_ALLOWED, administrator=NOT_ALLOWED, kwargs=_upload
    ),
    "dataio:job": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_import_job
    ),
    "dataio:rollback": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_import_batch
    ),
    "dataio:export": PUBLIC,
    "audit:log": SIGNED_IN_ANALYSTS,
    "learning:events": PUBLIC,
    "learning:calendar": PUBLIC,
    "learning:event": rule(ALLOWED, kwargs=_event),
    "learning:practices": PUBLIC,
    "learning:practice": rule(ALLOWED, kwargs=_published_practice),
    "learning:verify": rule(ALLOWED, kwargs=lambda p: {"code": _certificate(p)["code"]}),
    "learning:record": SIGNED_IN,
    "learning:event_new": SIGNED_IN_ANALYSTS,
    "learning:event_edit": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_event
    ),
    "learning:certificates_zip": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_event
    ),
    # Attendance: the event's trainers (none here) and the association's analysts.
    "learning:attendance": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_session
    ),
    # Proposing a practice is for people responsible for a hromada.
    "learning:practice_new": rule(
        FORBIDDEN,
        anonymous=LOGIN,
        official=ALLOWED,
        coordinator=ALLOWED,
        analyst=ALLOWED,
        administrator=ALLOWED,
    ),
    # The PDF: its holder and whoever covers the holder's hromada.
    "learning:certificate_pdf": rule(
        FORBIDDEN,
        anonymous=LOGIN,
        official=NOT_FOUND,
        coordinator=NOT_FOUND,
        analyst=NOT_FOUND,
        administrator=NOT_FOUND,
        kwargs=lambda p: {"pk": _certificate(p)["pk"]},
    ),
    "learning:register": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_event),
    "learning:issue": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_event),
    "learning:cancel": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_registration),
    "learning:revoke": rule(
        NOT_ALLOWED, anonymous=LOGIN, kwargs=lambda p: {"pk": _certificate(p)["pk"]}
    ),
    "learning:practice_review": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_published_practice),
    "learning:practice_adopt": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_published_practice),
    "learning:practice_file_add": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_published_practice),
    "learning:practice_file": rule(ALLOWED, kwargs=_practice_photo),
    "learning:letters": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_event),
    # The reach board: the association's staff.
    "learning:reach": rule(
        FORBIDDEN, anonymous=LOGIN, coordinator=ALLOWED, analyst=ALLOWED, administrator=ALLOWED
    ),
    "learning:attendance_sheet": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_event
    ),
    # Only an attendee reaches their personal link of the evaluation wave; nobody here holds
    # that registration.
    "learning:evaluate": rule(NOT_FOUND, anonymous=LOGIN, kwargs=_registration),
    # Analysts open the event's evaluation questionnaire in the surveys builder (POST only).
    "learning:evaluation_questionnaire": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_event),
    "appeals:problems": PUBLIC,
    "appeals:board": PUBLIC,
    "appeals:bodies": PUBLIC,
    # Raising is for people responsible for a hromada.
    "appeals:new": rule(
        FORBIDDEN,
        anonymous=LOGIN,
        official=ALLOWED,
        coordinator=ALLOWED,
        analyst=ALLOWED,
        administrator=ALLOWED,
    ),
    "appeals:overdue": SIGNED_IN_ANALYSTS,
    # A letter's PDF: not made here, so not found even for those who may see the problem.
    "appeals:letter_pdf": rule(NOT_FOUND, anonymous=LOGIN, kwargs=_dispatch),
    "legislation:letter_document": rule(NOT_FOUND, kwargs=_position_letter),
    # An unpublished problem: its hromada, that oblast's coordinator and analysts; nobody else
    # learns that it exists.
    "appeals:problem": rule(
        NOT_FOUND,
        official=ALLOWED,
        coordinator=ALLOWED,
        analyst=ALLOWED,
        administrator=ALLOWED,
        kwargs=_own_problem,
    ),
    "appeals:join": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_own_problem),
    "appeals:accept": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_own_problem),
    "appeals:merge": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_own_problem),
    "appeals:send": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_own_problem),
    "appeals:feedback": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_own_problem),
    "appeals:publish": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_own_problem),
    "appeals:close": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_own_problem),
    "appeals:answer": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=lambda p: {"pk": "1"}),
    "appeals:answer_document": rule(NOT_FOUND, anonymous=LOGIN, kwargs=lambda p: {"pk": "1"}),
    "appeals:import_answers": SIGNED_IN_ANALYSTS,
    # Each signed-in person gets the problems they may see (none for an outsider).
    "appeals:export": SIGNED_IN,
    "appeals:template": SIGNED_IN_ANALYSTS,
    "appeals:evidence_upload": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_own_problem),
    "appeals:evidence_delete": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=lambda p: {"pk": "1"}),
    # An evidence file: as its problem, but never for visitors.
    "appeals:evidence_file": rule(
        NOT_FOUND,
        anonymous=LOGIN,
        official=ALLOWED,
        coordinator=ALLOWED,
        analyst=ALLOWED,
        administrator=ALLOWED,
        kwargs=_evidence_file,
    ),
    "legislation:bills": PUBLIC,
    "legislation:bill": rule(ALLOWED, kwargs=_bill),
    "legislation:positions": PUBLIC,
    "legislation:position": rule(ALLOWED, kwargs=_published_position),
    "legislation:stages_feed": PUBLIC,
    "legislation:positions_feed": PUBLIC,
    "legislation:following": SIGNED_IN,
    "legislation:import": SIGNED_IN_ANALYSTS,
    "legislation:add_draft": SIGNED_IN_ANALYSTS,
    "legislation:position_new": SIGNED_IN_ANALYSTS,
    "legislation:position_edit": rule(
        FORBIDDEN,
        anonymous=LOGIN,
        analyst=ALLOWED,
        administrator=ALLOWED,
        kwargs=_published_position,
    ),
    "legislation:bill_position_new": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_bill
    ),
    # Writes are POSTs: a GET is refused before anything else is looked at.
    "legislation:follow": rule(NOT_ALLOWED, anonymous=LOGIN),
    "legislation:unfollow": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_watch),
    "legislation:tag_bill": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_bill),
    "legislation:add_stage": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_bill),
    "legislation:position_publish": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_published_position),
    "legislation:letter_add": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_published_position),
    "legislation:consultations": PUBLIC,
    "legislation:consultation": rule(ALLOWED, kwargs=_consultation),
    "legislation:consultation_new": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_bill
    ),
    "legislation:consolidate": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_consultation
    ),
    "legislation:comment_add": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_consultation_article),
    "legislation:impact_edit": rule(
        FORBIDDEN,
        anonymous=LOGIN,
        analyst=ALLOWED,
        administrator=ALLOWED,
        kwargs=_published_position,
    ),
    "legislation:impact_recompute": rule(
        NOT_ALLOWED, anonymous=LOGIN, kwargs=_position_with_impact
    ),
    "legislation:impact_export": rule(ALLOWED, kwargs=_position_with_impact),
    "legislation:meetings": PUBLIC,
    "legislation:meeting": rule(ALLOWED, kwargs=_government_meeting),
    "legislation:mp_group": PUBLIC,
    "legislation:mp_import": rule(NOT_ALLOWED, anonymous=LOGIN),
    "legislation:mp_set_group": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_mp),
    # A section's page is public (members see more); managing it is for chairs and analysts.
    "workspaces:section": rule(ALLOWED, kwargs=_section),
    "workspaces:meeting_new": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_section
    ),
    "workspaces:meeting_edit": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_meeting
    ),
    "workspaces:document": rule(ALLOWED, kwargs=_published_document),
    "workspaces:document_upload": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_section),
    "workspaces:document_delete": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_published_document),
    "workspaces:chair_appoint": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_section),
    "workspaces:branch": rule(ALLOWED, kwargs=_branch),
    "workspaces:branch_feed": rule(ALLOWED, kwargs=_branch),
    "workspaces:section_feed": rule(ALLOWED, kwargs=_section),
    # News: the public reads; staff (and section chairs) write; analysts moderate.
    "workspaces:news": PUBLIC,
    "workspaces:news_item": rule(ALLOWED, kwargs=_published_news),
    "workspaces:news_new": rule(
        FORBIDDEN, anonymous=LOGIN, coordinator=ALLOWED, analyst=ALLOWED, administrator=ALLOWED
    ),
    "workspaces:news_desk": rule(
        FORBIDDEN, anonymous=LOGIN, coordinator=ALLOWED, analyst=ALLOWED, administrator=ALLOWED
    ),
    "workspaces:news_edit": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_published_news
    ),
    "workspaces:news_submit": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_published_news),
    "workspaces:news_publish": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_published_news),
    "workspaces:news_return": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_published_news),
    "workspaces:digest_send": SIGNED_IN_ANALYSTS,
    # The signed link is the permission: anyone holding it manages that person's topics.
    "workspaces:subscription": rule(ALLOWED, kwargs=_subscription),
    "workspaces:chair_remove": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_chair),
    "jobs:list": SIGNED_IN,
    # A job is seen by the person who started it and by analysts.
    "jobs:detail": rule(
        NOT_FOUND,
        anonymous=LOGIN,
        official=ALLOWED,
        analyst=ALLOWED,
        administrator=ALLOWED,
        kwargs=_official_job,
    ),
    **COLLECTION_MATRIX,
    **RELEASES_MATRIX,
    **SURVEYS_MATRIX,
    # An outsider sees the page with "ask for a role"; revoking is a POST.
    "api_tokens:list": SIGNED_IN,
    "api_tokens:revoke": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_api_token),
    "territory_profile": rule(ALLOWED, kwargs=_hromada),
    "analytics:index": PUBLIC,
    "analytics:methods": PUBLIC,
    "analytics:profile": rule(ALLOWED, kwargs=_hromada),
    "analytics:profile_pdf": rule(ALLOWED, kwargs=_hromada),
    "analytics:similar": rule(ALLOWED, kwargs=_hromada),
    "analytics:indicator": rule(ALLOWED, kwargs=_indicator),
    "analytics:boundaries": PUBLIC,
    "analytics:compare": PUBLIC,
    "analytics:aggregates": PUBLIC,
    "analytics:pivot": PUBLIC,
    "analytics:groups": PUBLIC,
    "analytics:group_create": SIGNED_IN_ANALYSTS,
    "analytics:group_edit": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_peer_group
    ),
    # Deleting is a POST; a GET is turned away.
    "analytics:group_delete": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_peer_group),
    "members:admit": SIGNED_IN_ANALYSTS,
    "indicators:catalogue": PUBLIC,
    "indicators:export": rule(ALLOWED, kwargs=lambda p: {"file_format": "xlsx"}),
    "indicators:detail": rule(ALLOWED, kwargs=_indicator),
    "indicators:value": rule(ALLOWED, kwargs=_published_value),
    "indicators:create": SIGNED_IN_ANALYSTS,
    "indicators:import": SIGNED_IN_ANALYSTS,
    "indicators:edit": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_indicator
    ),
    # Deactivating is a POST; a GET is turned away.
    "indicators:set_active": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_indicator),
    "members:person_create": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_member
    ),
    "members:person_edit": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_member_person
    ),
    # Partnerships: the public reads published projects; analysts record them.
    "workspaces:international": PUBLIC,
    "workspaces:project_new": SIGNED_IN_ANALYSTS,
    "workspaces:project": rule(ALLOWED, kwargs=_project),
    "workspaces:project_edit": rule(
        FORBIDDEN, anonymous=LOGIN, analyst=ALLOWED, administrator=ALLOWED, kwargs=_project
    ),
    "workspaces:project_document_upload": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_project),
    "workspaces:project_document": rule(ALLOWED, kwargs=_project_document),
    "workspaces:project_document_delete": rule(
        NOT_ALLOWED, anonymous=LOGIN, kwargs=_project_document
    ),
    # A news item's files: served with a published item; adding one is a POST.
    "workspaces:news_file_upload": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_published_news),
    "workspaces:news_file": rule(ALLOWED, kwargs=_news_file),
    # Clearing an undeliverable address is a POST by analysts.
    "workspaces:undeliverable_clear": rule(NOT_ALLOWED, anonymous=LOGIN, kwargs=_undeliverable),
}
# The mail providers' webhooks answer nobody until a WEBHOOK_SECRET is configured (the test
# settings have none); with it they take signed POSTs only (tests/workspaces/test_bounces.py).
MATRIX.update(
    {
        f"mail_webhooks:{provider}_tracking_webhook": rule(NOT_FOUND)
        for provider in (
            "amazon_ses",
            "brevo",
            "mailersend",
            "mailgun",
            "mailjet",
            "mailtrap",
            "mandrill",
            "postal",
            "postmark",
            "resend",
            "sendgrid",
            "sendinblue",
            "sparkpost",
            "unisender_go",
        )
    }
)

# The admin as a group: administrators get the admin's own answers, everybody else is sent
# to the admin's sign-in page, which is the one admin page open to all.
ADMIN_SAMPLE_KWARGS = {
    "object_id": "0",
    "id": "0",
    "content_type_id": "0",
    "app_label": "accounts",
    "url": "no-such-page/",
}
ADMIN_SPECIAL = {
    "admin:login": rule(ALLOWED, administrator=REDIRECT),
    "admin:logout": rule(REDIRECT, administrator=NOT_ALLOWED),
    "admin:autocomplete": rule(ADMIN_LOGIN, administrator=FORBIDDEN),
}
# One check (AdminSite.has_permission) guards every admin page, so to stay quick the public
# and a staff analyst are sent to every admin URL, the other roles to two samples, and an
# administrator to every page that must open for them: the index, each app and each list.
ADMIN_EVERY_URL = {"anonymous", "analyst"}
ADMIN_SAMPLES = {"admin:index", "admin:accounts_user_changelist"}


def _rules(entry: Rule | list[Rule]) -> list[Rule]:
    return entry if isinstance(entry, list) else [entry]


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    with translation.override(settings.LANGUAGE_CODE):
        yield


def _sign_in(client: Client, personas: Personas, role: str) -> None:
    client.logout()
    if role != "anonymous":
        client.force_login(getattr(personas, role))


def test_every_url_pattern_has_a_permission_decision() -> None:
    lines = []
    for pattern in project_patterns():
        if pattern.is_admin:
            continue
        if (pattern.name or "").startswith("api:"):
            continue  # the API as a group: tests/api/test_api_matrix.py
        if not pattern.name:
            lines.append(f"    name the URL pattern /{pattern.route} (path(..., name=...))")
        elif pattern.name not in MATRIX:
            lines.append(skeleton(pattern))
        elif pattern.parameters and any(r.kwargs is None for r in _rules(MATRIX[pattern.name])):
            lines.append(f'    "{pattern.name}": give kwargs=lambda p: {{...}} for its parameters')
    assert not lines, (
        f"{len(lines)} URL pattern(s) have no permission decision. {HOW_TO_ADD}" + "\n".join(lines)
    )


def test_every_decision_names_an_existing_url_pattern() -> None:
    names = {pattern.name for pattern in project_patterns()}
    stale = sorted(set(MATRIX) - names)
    assert not stale, f"MATRIX has entries for URLs that no longer exist: {stale}"


CHECKED = sorted(set(MATRIX) & {pattern.name for pattern in project_patterns()})


@pytest.mark.parametrize("name", CHECKED)
def test_each_role_gets_the_answer_the_matrix_gives(
    client: Client, personas: Personas, name: str
) -> None:
    login = reverse(settings.LOGIN_URL)
    admin_login = reverse("admin:login")
    wrong = []
    for entry in _rules(MATRIX[name]):
        kwargs = entry.kwargs(personas) if entry.kwargs else {}
        url = reverse(name, kwargs=kwargs)
        for role in ROLES:
            _sign_in(client, personas, role)
            found = problem(client.get(url), entry.expected(role), login, admin_login)
            if found:
                wrong.append(f"GET {url} as {role}: {found}")
    assert not wrong, "\n".join(wrong)


def _admin_expected(pattern: Pattern, role: str) -> Outcome | None:
    """What the role gets from this admin URL; None when the URL is not requested as the role."""
    if pattern.name in ADMIN_SPECIAL:
        return ADMIN_SPECIAL[pattern.name].expected(role)
    if role == "administrator":
        opens = {"admin:index", "admin:app_list"}
        return ALLOWED if pattern.name in opens or pattern.name.endswith("_changelist") else None
    if role in ADMIN_EVERY_URL or pattern.name in ADMIN_SAMPLES:
        return ADMIN_LOGIN
    return None


def test_admin_admits_administrators_only_even_staff_of_other_roles(
    client: Client, personas: Personas
) -> None:
    for role in ("outsider", "official", "coordinator", "analyst"):
        getattr(personas, role).is_staff = True
        getattr(personas, role).save(update_fields=["is_staff"])
    admin_patterns = [p for p in project_patterns() if p.is_admin]
    assert {p.name for p in admin_patterns} >= ADMIN_SAMPLES
    login, admin_login = reverse(settings.LOGIN_URL), reverse("admin:login")
    wrong = []
    for role in ROLES:
        _sign_in(client, personas, role)
        for pattern in admin_patterns:
            expected = _admin_expected(pattern, role)
            if expected is None:
                continue
            url = sample_path(pattern, ADMIN_SAMPLE_KWARGS)
            found = problem(client.get(url), expected, login, admin_login)
            if found:
                wrong.append(f"GET {url} ({pattern.key}) as {role}: {found}")
    assert not wrong, "\n".join(wrong)
