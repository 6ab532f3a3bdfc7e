"""Background work of members' problems: letter PDFs, feedback questions, reminders."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from hromada.accounts.models import Role, User
from hromada.appeals.models import Dispatch, Problem
from hromada.jobs.progress import report_progress


@task()
def make_letters(dispatch_ids: list[int]) -> int:
    """The letter to each body as a PDF, from the letter template version it was recorded
    with, filled with the problem, the hromadas that have it and the evidence."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    from hromada.appeals.letters import render_letter

    dispatches = list(
        Dispatch.objects.filter(pk__in=dispatch_ids).select_related(
            "problem__evidence_indicator", "body", "template"
        )
    )
    for done, dispatch in enumerate(dispatches, start=1):
        with translation.override("uk"):
            html = render_to_string(
                "appeals/letter.html",
                {
                    "dispatch": dispatch,
                    "problem": dispatch.problem,
                    "text": render_letter(dispatch),
                },
            )
        pdf = HTML(string=html).write_pdf()
        dispatch.letter.save(f"letter-{dispatch.pk}.pdf", ContentFile(pdf), save=True)
        report_progress(done, len(dispatches), stage=dispatch.body.name_uk)
    return len(dispatches)


def _officials_of(problem: Problem) -> list[User]:
    hromada_ids = list(problem.participations.values_list("hromada_id", flat=True))
    return list(
        User.objects.filter(
            role=Role.OFFICIAL, territory_id__in=hromada_ids, is_active=True
        ).exclude(email="")
    )


@task()
def ask_for_feedback(problem_id: int) -> int:
    """Tell every hromada with the problem of the answer and ask whether it is solved."""
    problem = Problem.objects.get(pk=problem_id)
    people = _officials_of(problem)
    for done, person in enumerate(people, start=1):
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "appeals/feedback_email.txt",
                {"person": person, "problem": problem, "site": settings.SITE_URL},
            )
            subject = translation.gettext("An answer on “%(title)s”: is it solved for you?") % {
                "title": problem.title[:80]
            }
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        report_progress(done, len(people))
    return len(people)


@task()
def send_reminders(dispatch_ids: list[int]) -> int:
    """A reminder to each body whose answer is overdue and whose e-mail is known."""
    dispatches = list(
        Dispatch.objects.filter(pk__in=dispatch_ids)
        .select_related("problem", "body")
        .exclude(body__email="")
    )
    for done, dispatch in enumerate(dispatches, start=1):
        with translation.override("uk"):
            body = render_to_string("appeals/reminder_email.txt", {"dispatch": dispatch})
            subject = translation.gettext("Reminder: answer to letter %(number)s of %(date)s") % {
                "number": dispatch.outgoing_number or dispatch.pk,
                "date": dispatch.sent_on.strftime("%d.%m.%Y"),
            }
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [dispatch.body.email])
        report_progress(done, len(dispatches))
    return len(dispatches)
