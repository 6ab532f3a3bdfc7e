"""The e-mails of a wave: a personal link for each respondent, in Ukrainian first.

Templates: surveys/email/invitation_subject.txt and _body.txt (the reminder shares them with
`reminder` set). The link carries the invitation's token; it is the respondent's only key.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from hromada.surveys.models import Invitation, InvitationState, Wave


def link_of(invitation: Invitation) -> str:
    path = reverse("surveys:respond", kwargs={"token": invitation.token})
    return settings.SITE_URL.rstrip("/") + path


def recipients(wave: Wave, *, reminder: bool) -> QuerySet[Invitation]:
    """Invitations not yet e-mailed; for reminders, those sent and not yet submitted."""
    with_address = wave.invitations.exclude(email="").select_related("hromada", "person")
    if reminder:
        return with_address.filter(sent_at__isnull=False).exclude(state=InvitationState.SUBMITTED)
    return with_address.filter(sent_at__isnull=True)


def message_for(invitation: Invitation, *, reminder: bool) -> tuple[str, str, str, list[str]]:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "wave": invitation.wave,
            "survey": invitation.wave.survey,
            "link": link_of(invitation),
            "reminder": reminder,
        }
        subject = render_to_string("surveys/email/invitation_subject.txt", context).strip()
        body = render_to_string("surveys/email/invitation_body.txt", context)
    return subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email]


def send(invitations: list[Invitation], *, reminder: bool) -> int:
    return send_mass_mail([message_for(i, reminder=reminder) for i in invitations])
