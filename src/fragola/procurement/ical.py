"""A consortium's tender deadlines as an iCalendar feed (RFC 5545), like the carers' feeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from fragola.core.ical import document, escape, utc
from fragola.procurement.selectors import Deadline

PRODID = "-//Fragola//Public contracts//IT"


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
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(deadline.at)}",
        f"DTEND:{utc(deadline.at + dt.timedelta(minutes=30))}",
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
    return document(
        prodid=PRODID, name=name, events=(_event(deadline, now, host) for deadline in deadlines)
    )
