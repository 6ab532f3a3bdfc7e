"""Background work of legislative tracking: the e-mail alerts, sent through the task queue."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from hromada.jobs.progress import report_progress
from hromada.legislation.models import Alert


@task()
def send_alert_emails() -> int:
    """One e-mail per person with every alert not yet sent; returns how many were sent."""
    pending = (
        Alert.objects.filter(wants_email=True, emailed_at__isnull=True)
        .select_related("user", "bill", "event")
        .order_by("user_id", "created_at")
    )
    by_user: dict[int, list[Alert]] = defaultdict(list)
    for alert in pending:
        by_user[alert.user_id].append(alert)
    sent = 0
    for done, alerts in enumerate(by_user.values(), start=1):
        user = alerts[0].user
        if user.email:
            with translation.override(settings.LANGUAGE_CODE):
                body = render_to_string(
                    "legislation/alert_email.txt",
                    {"user": user, "alerts": alerts, "site": settings.SITE_URL},
                )
                subject = translation.gettext("Bills you follow: %(count)s news") % {
                    "count": len(alerts)
                }
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            sent += 1
        Alert.objects.filter(pk__in=[a.pk for a in alerts]).update(emailed_at=timezone.now())
        report_progress(done, len(by_user), stage=user.username)
    return sent


@task()
def send_consultation_invitations(consultation_id: int) -> int:
    """E-mail every official the consultation is addressed to; returns how many were sent."""
    from hromada.legislation.consultations import audience_users
    from hromada.legislation.models import Consultation

    consultation = Consultation.objects.select_related("bill").get(pk=consultation_id)
    users = list(audience_users(consultation))
    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext("Consultation: %(title)s") % {"title": consultation.title}
        for done, user in enumerate(users, start=1):
            body = render_to_string(
                "legislation/consultation_email.txt",
                {"user": user, "consultation": consultation, "site": settings.SITE_URL},
            )
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            report_progress(done, len(users), stage=user.username)
    Consultation.objects.filter(pk=consultation_id).update(invited_at=timezone.now())
    return len(users)


@task()
def download_rada_files() -> str:
    """Fetch the Rada's files from HROMADA_RADA_BILLS_URLS and import them (scheduled run)."""
    from hromada.legislation.download import download_and_import

    result = download_and_import()
    return result.describe()


@task()
def refresh_impact_models(snapshot_id: int) -> str:
    """Queued by analytics once snapshot `snapshot_id` serves: every impact model's figures
    from the newest statistics (hromada.legislation.impact_refresh)."""
    from hromada.legislation.impact_refresh import refresh_impacts

    return refresh_impacts().describe()
