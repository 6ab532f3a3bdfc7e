"""Background work of workspaces: the weekly digest, sent through the task queue."""

from __future__ import annotations

import logging
import smtplib

from anymail.exceptions import AnymailError  # type: ignore[import-untyped]
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from hromada.jobs.progress import report_progress
from hromada.workspaces import digest
from hromada.workspaces.models import DigestSent, Topic

logger = logging.getLogger(__name__)


@task()
def send_weekly_digest(
    oblast: str = "", section: str = "", role: str = "", member_status: str = ""
) -> int:
    """One e-mail per person of the segment with the topics they still want; returns how
    many were sent. A person already sent this week's digest is skipped, so a rerun after a
    failure finishes the list without sending twice."""
    week = digest.week_start()
    segment = digest.Segment(oblast, section, role, member_status)
    people = list(digest.recipients(segment).prefetch_related("sections"))
    already = set(
        DigestSent.objects.filter(week=week, person__in=people).values_list("person_id", flat=True)
    )
    stopped = digest.stopped_topics(people)
    this_week = digest.Week.of()
    sent = 0
    labels = dict(Topic.choices)
    for done, person in enumerate(people, start=1):
        report_progress(done, len(people), stage=person.full_name)
        if person.pk in already:
            continue
        topics = digest.wanted_topics(person, stopped[person.pk])
        content = digest.digest_for(person, topics, week=this_week)
        if content.empty:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            centre = settings.SITE_URL + reverse(
                "workspaces:subscription", args=[digest.token_for(person)]
            )
            stop_links = [
                (
                    str(labels[topic]),
                    settings.SITE_URL
                    + reverse("workspaces:subscription", args=[digest.token_for(person, topic)]),
                )
                for topic in topics
            ]
            body = render_to_string(
                "workspaces/digest_email.txt",
                {
                    "person": person,
                    "digest": content,
                    "site": settings.SITE_URL,
                    "centre": centre,
                    "stop_links": stop_links,
                },
            )
            subject = translation.gettext("The association's week")
        message = EmailMultiAlternatives(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [person.email],
            headers={
                # Mail clients show their own "unsubscribe" button leading to the centre.
                "List-Unsubscribe": f"<{centre}>",
            },
        )
        try:
            with transaction.atomic():
                DigestSent.objects.create(person=person, week=week)
                message.send()
        except IntegrityError:
            continue  # another run sent it meanwhile
        except (smtplib.SMTPException, AnymailError, OSError) as error:
            # One refused address must not stop the list: it stays unmarked, so a rerun
            # tries it again, and the provider's bounce report stops it for good.
            logger.warning("digest to person %s not sent: %s", person.pk, error)
            continue
        sent += 1
    return sent
