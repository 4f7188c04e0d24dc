"""A carer's visits as an iCalendar feed (RFC 5545), written with the standard library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from fragola.care.models import Visit
from fragola.core.ical import escape, fold

PRODID = "-//Fragola//Care planning//IT"


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(visit: Visit, stamp: dt.datetime, host: str) -> list[str]:
    user = visit.service_user
    summary = f"{visit.plan_service.get_kind_display()}: {user.display_name}"
    return [
        "BEGIN:VEVENT",
        f"UID:visit-{visit.pk}@{host}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(visit.starts_at)}",
        f"DTEND:{_utc(visit.ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(f'{user.address}, {user.comune.name}')}",
        f"STATUS:{'CANCELLED' if visit.status == 'cancelled' else 'CONFIRMED'}",
        "END:VEVENT",
    ]


def calendar(visits: Iterable[Visit], *, name: str, host: str, now: dt.datetime) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for visit in visits:
        lines += _event(visit, now, host)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
