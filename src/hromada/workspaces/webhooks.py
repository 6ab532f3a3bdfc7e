"""The mail providers' tracking webhooks (django-anymail), mounted under /anymail/.

Each is answered only when the instance has a shared webhook secret (`WEBHOOK_SECRET` in
`HROMADA_ANYMAIL`): without it anyone could report addresses as bounced and stop the
association's mail, so the addresses answer 404. anymail then checks the secret (HTTP basic
auth) and, for providers that sign their calls (Mailgun, Postal, Mailjet...), the signature,
answering 400 to a forged call. The events reach `bounces.record_report` through anymail's
`tracking` signal, connected in `apps.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from anymail import urls as anymail_urls  # type: ignore[import-untyped]
from anymail.signals import AnymailTrackingEvent  # type: ignore[import-untyped]
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern

from hromada.workspaces import bounces


def _secret_configured() -> bool:
    return bool((getattr(settings, "ANYMAIL", None) or {}).get("WEBHOOK_SECRET"))


def _guarded(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)  # keeps anymail's csrf_exempt and login_not_required marks
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _secret_configured():
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


app_name = "mail_webhooks"
urlpatterns = [
    URLPattern(pattern.pattern, _guarded(pattern.callback), name=pattern.name)
    for pattern in anymail_urls.urlpatterns
    if isinstance(pattern, URLPattern) and str(pattern.name).endswith("_tracking_webhook")
]


def on_tracking(sender: object, event: AnymailTrackingEvent, esp_name: str, **_: Any) -> None:
    """anymail's tracking signal: record the events that mean "stop sending here"."""
    bounces.record_report(
        event_type=str(event.event_type or ""),
        address=str(event.recipient or ""),
        provider=esp_name,
        detail=str(event.mta_response or event.description or event.reject_reason or ""),
        at=event.timestamp,
    )
