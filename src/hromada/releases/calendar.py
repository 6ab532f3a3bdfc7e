"""The release calendar as an ICS feed (RFC 5545), so people can subscribe to the dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar, Event

from hromada.releases.models import Release


def _day(release: Release) -> dt.date | None:
    if release.published_at is not None:
        return release.published_at.date()
    return release.scheduled_on


def calendar_bytes(releases: Iterable[Release]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Hromada//releases//UK")
    calendar.add("version", "2.0")
    host = (settings.ALLOWED_HOSTS or ["hromada"])[0].lstrip(".") or "hromada"
    for release in releases:
        day = _day(release)
        if day is None:
            continue
        event = Event()
        event.add("uid", f"release-{release.pk}@{host}")
        event.add("summary", f"{release.name_uk} ({release.get_kind_display()})")
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("dtstamp", release.created_at)
        if release.note_uk:
            event.add("description", release.note_uk)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
