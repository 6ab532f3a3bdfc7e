"""Background work of training: certificate PDFs with their QR code, registration e-mails."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from hromada.jobs.progress import report_progress
from hromada.learning.models import Certificate, Event, Registration, RegistrationState


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
    its last session: an invitation to evaluate to those who have not. Returns how many."""
    from hromada.learning.queries import event_ended

    event = Event.objects.get(pk=event_id)
    ended = event_ended(event)
    people = event.registrations.filter(state=RegistrationState.CONFIRMED)
    if ended:
        people = people.filter(evaluation__isnull=True)
    people_list = list(people)
    sessions = list(event.sessions.all())
    for done, registration in enumerate(people_list, start=1):
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "learning/event_letter.txt",
                {
                    "registration": registration,
                    "event": event,
                    "sessions": sessions,
                    "ended": ended,
                    "site": settings.SITE_URL,
                },
            )
            subject = (
                translation.gettext("Please evaluate “%(title)s”")
                if ended
                else translation.gettext("Reminder: “%(title)s”")
            ) % {"title": event.title[:80]}
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
        report_progress(done, len(people_list), stage=registration.email)
    return len(people_list)
