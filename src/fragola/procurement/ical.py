"""A consortium's tender deadlines as an iCalendar feed (RFC 5545), like the carers' feeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from fragola.core.ical import escape, fold
from fragola.procurement.selectors import Deadline

PRODID = "-//Fragola//Public contracts//IT"


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _label(kind: str) -> str:
    labels = {
        "clarifications": _("Clarifications due"),
        "submission": _("Submission due"),
        "opening": _("Opening of bids"),
    }
    return labels[kind]


def _event(deadline: Deadline, stamp: dt.datetime, host: str) -> list[str]:
    tender = deadline.tender
    summary = f"{_label(deadline.kind)}: {tender.title}"
    return [
        "BEGIN:VEVENT",
        f"UID:{deadline.uid}@{host}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(deadline.at)}",
        f"DTEND:{_utc(deadline.at + dt.timedelta(minutes=30))}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(f'CIG {tender.cig} · {tender.body.name}')}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-P2D",
        f"DESCRIPTION:{escape(summary)}",
        "END:VALARM",
        "END:VEVENT",
    ]


def calendar(deadlines: Iterable[Deadline], *, name: str, host: str, now: dt.datetime) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for deadline in deadlines:
        lines += _event(deadline, now, host)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
