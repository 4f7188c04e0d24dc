"""A carer's visits as an iCalendar feed (RFC 5545), written with the standard library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from fragola.care.models import Visit
from fragola.core.ical import document, escape, utc

PRODID = "-//Fragola//Care planning//IT"


def _event(visit: Visit, stamp: dt.datetime, host: str) -> list[str]:
    user = visit.service_user
    summary = f"{visit.plan_service.get_kind_display()}: {user.display_name}"
    return [
        "BEGIN:VEVENT",
        f"UID:visit-{visit.pk}@{host}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(visit.starts_at)}",
        f"DTEND:{utc(visit.ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(f'{user.address}, {user.comune.name}')}",
        f"STATUS:{'CANCELLED' if visit.status == 'cancelled' else 'CONFIRMED'}",
        "END:VEVENT",
    ]


def calendar(visits: Iterable[Visit], *, name: str, host: str, now: dt.datetime) -> str:
    return document(prodid=PRODID, name=name, events=(_event(visit, now, host) for visit in visits))
