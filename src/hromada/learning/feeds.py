"""The public training calendar as ICS, for any calendar program."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from hromada.learning.models import Session


def calendar(request: HttpRequest) -> HttpResponse:
    cal = Calendar()
    cal.add("prodid", "-//Hromada//Training//UK")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", gettext("Training of the Association of Ukrainian Cities"))
    sessions = (
        Session.objects.filter(event__is_published=True)
        .select_related("event")
        .order_by("starts_at")[:500]
    )
    for session in sessions:
        item = CalendarEvent()
        item.add("uid", f"hromada-session-{session.pk}@{request.get_host()}")
        item.add("summary", session.event.title + (f": {session.topic}" if session.topic else ""))
        item.add("dtstart", session.starts_at)
        item.add("dtend", session.ends_at)
        item.add("location", session.place)
        item.add(
            "url", settings.SITE_URL + reverse("learning:event", kwargs={"pk": session.event_id})
        )
        cal.add_component(item)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="hromada-training.ics"'
    return response
