"""Carers' working days as solver shifts: availability, absences and volunteers' insurance.

The solver knows one shift per carer and day. A carer available in several slots of a day
(8:00-12:00 and 15:00-19:00) gets one shift from the first slot's start to the last slot's end,
and the time between the slots becomes a ``Gap`` that ``gaps.py`` keeps free of visits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from fragola.care.models import Carer, CarerKind
from fragola.scheduling.models import PlanningSettings
from fragola_solver.model import Shift

DAY = 1440


@dataclass(frozen=True)
class Gap:
    """Model minutes [start, end) of day ``day`` when a working carer is not available."""

    day: int
    start: float
    end: float


def _minute(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _absent(carer: Carer, day: dt.date) -> bool:
    return any(a.starts_on <= day <= a.ends_on for a in carer.absences.all())


def _slots(carer: Carer, day: dt.date, config: PlanningSettings) -> list[tuple[int, int]]:
    """The day's slots of availability, sorted, overlapping or touching ones merged. A carer who
    never gave any availability works the co-op's default shift every day."""
    slots = list(carer.availability.all())
    if not slots:
        return [(_minute(config.default_shift_start), _minute(config.default_shift_end))]
    today = sorted(
        (_minute(s.starts_at), _minute(s.ends_at)) for s in slots if s.weekday == day.isoweekday()
    )
    merged: list[tuple[int, int]] = []
    for start, end in today:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _working_days(
    carer: Carer, start: dt.date, days: int, config: PlanningSettings
) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """(day index, slots) of each day the carer can work: available, not absent, and for
    volunteers insured that day (L2.2). Uses the prefetched rows (no query)."""
    for d in range(days):
        day = start + dt.timedelta(days=d)
        if _absent(carer, day):
            continue
        if carer.kind == CarerKind.VOLUNTEER and not carer.insured_on(day):
            continue
        slots = _slots(carer, day, config)
        if slots:
            yield d, slots


def carer_shifts(
    carer: Carer, *, start: dt.date, days: int, config: PlanningSettings
) -> tuple[Shift, ...]:
    """One shift per working day, from the first slot's start to the last slot's end."""
    return tuple(
        Shift(float(d * DAY + slots[0][0]), float(d * DAY + slots[-1][1]), d)
        for d, slots in _working_days(carer, start, days, config)
    )


def carer_gaps(
    carer: Carer, *, start: dt.date, days: int, config: PlanningSettings
) -> tuple[Gap, ...]:
    """The time between two slots of a working day (lunch at home, another job...)."""
    return tuple(
        Gap(d, float(d * DAY + before[1]), float(d * DAY + after[0]))
        for d, slots in _working_days(carer, start, days, config)
        for before, after in pairwise(slots)
    )
