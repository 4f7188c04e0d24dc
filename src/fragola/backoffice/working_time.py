"""Service levels counted in working hours on the consortium's working calendar. Plain Python.

Working hours are 9:00-13:00 and 14:00-18:00 (Europe/Rome), Monday to Friday, except Italian
national public holidays, as the ``holidays`` library keeps them (1 and 6 January, Easter Monday,
25 April, 1 May, 2 June, 15 August, 4 October from 2026, 1 November, 8 December, 25 and 26
December).
A request opened in the evening, at a weekend or on a holiday starts counting at the next
working hour; a due time never falls outside working hours (a due time at the end of a working
day is 18:00 of that day, not 9:00 of the next).
"""

from __future__ import annotations

import datetime as dt
import functools
from enum import StrEnum
from zoneinfo import ZoneInfo

import holidays

ROME = ZoneInfo("Europe/Rome")
# (start, end) of each working block of a working day, in local time.
BLOCKS = ((dt.time(9), dt.time(13)), (dt.time(14), dt.time(18)))


class Team(StrEnum):
    """The consortium's teams: the service catalogue."""

    PAYROLL = "payroll"
    ACCOUNTING = "accounting"
    LEGAL = "legal"
    TRAINING = "training"
    QUALITY = "quality"
    TENDERS = "tenders"
    ICT = "ict"


class Kind(StrEnum):
    NEW_HIRE = "new_hire"
    CONTRACT_CHANGE = "contract_change"
    SICK_LEAVE = "sick_leave"
    STATUTE_CHANGE = "statute_change"
    TRAINING_NEED = "training_need"
    NON_CONFORMITY = "non_conformity"
    INVOICE_QUESTION = "invoice_question"
    PRIVACY = "privacy"
    TENDER = "tender"


# Each kind of request: the team it reaches, working hours to the first answer and to the
# resolution.
SERVICE_LEVELS: dict[Kind, tuple[Team, int, int]] = {
    Kind.NEW_HIRE: (Team.PAYROLL, 4, 16),
    Kind.CONTRACT_CHANGE: (Team.PAYROLL, 8, 24),
    Kind.SICK_LEAVE: (Team.PAYROLL, 4, 8),
    Kind.STATUTE_CHANGE: (Team.LEGAL, 16, 80),
    Kind.TRAINING_NEED: (Team.TRAINING, 16, 80),
    Kind.NON_CONFORMITY: (Team.QUALITY, 8, 40),
    Kind.INVOICE_QUESTION: (Team.ACCOUNTING, 8, 24),
    Kind.PRIVACY: (Team.ICT, 8, 40),
    Kind.TENDER: (Team.TENDERS, 4, 24),
}


@functools.cache
def public_holidays(year: int) -> frozenset[dt.date]:
    """Italy's national public holidays of ``year`` (the ``holidays`` library)."""
    return frozenset(holidays.country_holidays("IT", years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_hours(start: dt.datetime, hours: int) -> dt.datetime:
    """The moment ``hours`` working hours after ``start`` (aware), in Europe/Rome."""
    left = dt.timedelta(hours=hours)
    local = start.astimezone(ROME)
    day = local.date()
    while True:
        if is_working_day(day):
            for begin, end in BLOCKS:
                block_start = dt.datetime.combine(day, begin, ROME)
                block_end = dt.datetime.combine(day, end, ROME)
                here = max(block_start, local)
                if here >= block_end:
                    continue
                if here + left <= block_end:
                    return here + left
                left -= block_end - here
        day += dt.timedelta(days=1)
        local = dt.datetime.combine(day, dt.time(0), ROME)


def due_times(kind: Kind, opened_at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """When the first answer and the resolution of a request of ``kind`` are due."""
    _team, response, resolution = SERVICE_LEVELS[kind]
    return add_working_hours(opened_at, response), add_working_hours(opened_at, resolution)
