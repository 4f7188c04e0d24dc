"""Carers' working days as solver shifts: availability, absences and volunteers' insurance."""

from __future__ import annotations

import datetime as dt

from fragola.care.models import Carer, CarerKind
from fragola.scheduling.models import PlanningSettings
from fragola_solver.model import Shift

DAY = 1440


def _minute(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _absent(carer: Carer, day: dt.date) -> bool:
    return any(a.starts_on <= day <= a.ends_on for a in carer.absences.all())


def _window(carer: Carer, day: dt.date, config: PlanningSettings) -> tuple[int, int] | None:
    """The day's span of availability (from its first slot to its last one). A carer who never
    gave any availability works the co-op's default shift every day."""
    slots = list(carer.availability.all())
    if not slots:
        return _minute(config.default_shift_start), _minute(config.default_shift_end)
    today = [s for s in slots if s.weekday == day.isoweekday()]
    if not today:
        return None
    return min(_minute(s.starts_at) for s in today), max(_minute(s.ends_at) for s in today)


def carer_shifts(
    carer: Carer, *, start: dt.date, days: int, config: PlanningSettings
) -> tuple[Shift, ...]:
    """One shift per day the carer can work: available, not absent, and for volunteers insured
    that day (L2.2). Uses the prefetched availability and absences (no query)."""
    shifts = []
    for d in range(days):
        day = start + dt.timedelta(days=d)
        if _absent(carer, day):
            continue
        if carer.kind == CarerKind.VOLUNTEER and not carer.insured_on(day):
            continue
        window = _window(carer, day, config)
        if window is not None:
            shifts.append(Shift(float(d * DAY + window[0]), float(d * DAY + window[1]), d))
    return tuple(shifts)
