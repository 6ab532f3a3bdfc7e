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
