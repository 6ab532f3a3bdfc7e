"""E-mails of the workflow, each in the recipient's language (Ukrainian by default).

Templates: collection/email/<name>_subject.txt and <name>_body.txt, rendered once per
language so every recipient reads whole sentences in one language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from hromada.accounts.models import Role, User
from hromada.collection.models import Submission


def officials_of(submission: Submission) -> list[User]:
    return list(
        User.objects.filter(
            role=Role.OFFICIAL, territory_id=submission.territory_id, is_active=True
        ).exclude(email="")
    )


def coordinators_of(submission: Submission) -> list[User]:
    if submission.territory.oblast_id is None:
        return []
    return list(
        User.objects.filter(
            role=Role.COORDINATOR, territory_id=submission.territory.oblast_id, is_active=True
        ).exclude(email="")
    )


def language_of(user: User) -> str:
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    return str(language)


def send(name: str, recipients: Iterable[User], context: dict[str, Any]) -> int:
    """Send the message `name` to each recipient; returns how many were sent."""
    messages = []
    for user in recipients:
        with translation.override(language_of(user)):
            full = {**context, "user": user, "site_url": settings.SITE_URL}
            if "submission" in context:
                full["link"] = settings.SITE_URL + reverse(
                    "collection:entry",
                    kwargs={
                        "pk": context["submission"].campaign_id,
                        "code": context["submission"].territory.code,
                    },
                )
            subject = render_to_string(f"collection/email/{name}_subject.txt", full).strip()
            body = render_to_string(f"collection/email/{name}_body.txt", full)
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    return int(send_mass_mail(messages, fail_silently=False)) if messages else 0
