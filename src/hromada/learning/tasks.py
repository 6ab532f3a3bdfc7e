"""Background work of training: certificate PDFs with their QR code, registration e-mails."""

from __future__ import annotations

import io
from typing import Any

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail, send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from hromada.jobs.progress import report_progress
from hromada.learning.models import Certificate, Event, Registration, RegistrationState
from hromada.surveys.models import WaveState


def check_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("learning:verify", kwargs={"code": certificate.check_code})


def qr_svg(url: str) -> str:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()


@task()
def make_certificates(certificate_ids: list[int]) -> int:
    from weasyprint import HTML  # type: ignore[import-untyped]

    certificates = list(Certificate.objects.filter(pk__in=certificate_ids))
    for done, certificate in enumerate(certificates, start=1):
        url = check_url(certificate)
        with translation.override("uk"):
            html = render_to_string(
                "learning/certificate.html",
                {"certificate": certificate, "qr": qr_svg(url), "url": url},
            )
        certificate.pdf.save(
            f"{certificate.number}.pdf", ContentFile(HTML(string=html).write_pdf()), save=True
        )
        report_progress(done, len(certificates), stage=certificate.number)
    return len(certificates)


@task()
def send_registration_notice(registration_id: int) -> bool:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "learning/registration_email.txt",
            {"registration": registration, "site": settings.SITE_URL},
        )
        subject = translation.gettext("Training “%(title)s”: %(state)s") % {
            "title": registration.event.title[:80],
            "state": registration.get_state_display(),
        }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    return True


@task()
def send_event_letters(event_id: int) -> int:
    """Before the event: a reminder with the sessions to every confirmed participant. After
    its last session: the personal link of the evaluation wave (surveys) to each attendee who
    has not answered, as an invitation the first time and a reminder after. Returns how many."""
    from hromada.learning.queries import event_ended

    event = Event.objects.get(pk=event_id)
    if event_ended(event):
        return _evaluation_letters(event)
    people = list(event.registrations.filter(state=RegistrationState.CONFIRMED))
    sessions = list(event.sessions.all())
    for done, registration in enumerate(people, start=1):
        context = {"registration": registration, "event": event, "sessions": sessions}
        subject = translation.gettext_noop("Reminder: “%(title)s”")
        send_mail(*_letter(event, subject, context), [registration.email])
        report_progress(done, len(people), stage=registration.email)
    return len(people)


def _letter(event: Event, subject: str, context: dict[str, Any]) -> tuple[str, str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "learning/event_letter.txt", {**context, "event": event, "site": settings.SITE_URL}
        )
        title = translation.gettext(subject) % {"title": event.title[:80]}
    return title, body, settings.DEFAULT_FROM_EMAIL


def _evaluation_letters(event: Event) -> int:
    from hromada.learning import evaluation
    from hromada.surveys import actions as survey_actions
    from hromada.surveys import mailing

    wave = evaluation.wave_of(event)
    if wave is None or wave.state != WaveState.OPEN:
        return 0
    batches = [
        (reminder, list(mailing.recipients(wave, reminder=reminder))) for reminder in (False, True)
    ]
    names = dict(
        event.registrations.filter(
            pk__in=[evaluation.registration_id(i.reference) for _r, rows in batches for i in rows]
        ).values_list("pk", "full_name")
    )
    total, done = sum(len(rows) for _r, rows in batches), 0
    subject = translation.gettext_noop("Please evaluate “%(title)s”")
    for reminder, rows in batches:
        messages = [
            (
                *_letter(
                    event,
                    subject,
                    {
                        "ended": True,
                        "name": names.get(evaluation.registration_id(i.reference) or 0, ""),
                        "link": mailing.link_of(i),
                    },
                ),
                [i.email],
            )
            for i in rows
        ]
        send_mass_mail(messages)
        survey_actions.mark_sent(rows, reminder=reminder)
        done += len(rows)
        report_progress(done, total, stage=str(wave))
    return total


@task()
def open_evaluation_task(event_id: int) -> bool:
    """Open the evaluation wave of an event whose last session is over (queued for that
    moment when the event is saved); nothing if the event has not ended or is gone."""
    from hromada.learning import evaluation
    from hromada.learning.queries import event_ended

    event = Event.objects.filter(pk=event_id).first()
    if event is None or not event_ended(event):
        return False
    evaluation.open_evaluation(event, by=None)
    return True
