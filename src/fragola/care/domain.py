"""Plain-Python rules of home care: recurrence of plan services and proof of presence.

No Django here: these take and return plain values, so they are tested without a database.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

ROME = ZoneInfo("Europe/Rome")
EARTH_RADIUS_M = 6_371_000.0


@dataclass(frozen=True)
class Occurrence:
    day: dt.date
    slot: int
    starts_at: dt.datetime
    ends_at: dt.datetime


def days_matching(weekdays: frozenset[int], start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """The days in ``[start, end]`` (inclusive) whose ISO weekday is in ``weekdays``."""
    day = start
    while day <= end:
        if day.isoweekday() in weekdays:
            yield day
        day += dt.timedelta(days=1)


def occurrences(
    *,
    weekdays: frozenset[int],
    window_start: dt.time,
    duration_minutes: int,
    start: dt.date,
    end: dt.date,
    carers_needed: int = 1,
    sequential_gap_minutes: int | None = None,
    tz: ZoneInfo = ROME,
) -> list[Occurrence]:
    """Visits at the wall-clock start of the window, in ``tz``, whatever the DST offset.

    With two carers, the second either comes at the same time (``sequential_gap_minutes`` None)
    or after the first one leaves, plus the gap.
    """
    result: list[Occurrence] = []
    duration = dt.timedelta(minutes=duration_minutes)
    for day in days_matching(weekdays, start, end):
        first = dt.datetime.combine(day, window_start, tzinfo=tz)
        result.append(Occurrence(day, 1, first, first + duration))
        if carers_needed == 2:
            second = first
            if sequential_gap_minutes is not None:
                second = first + duration + dt.timedelta(minutes=sequential_gap_minutes)
            result.append(Occurrence(day, 2, second, second + duration))
    return result


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def inside_area(
    *, position: tuple[float, float], centre: tuple[float, float], radius_m: float
) -> bool:
    """Whether a reported position lies within ``radius_m`` of the centre."""
    return distance_m(position[0], position[1], centre[0], centre[1]) <= radius_m


def overlaps(
    a_start: dt.datetime, a_end: dt.datetime, b_start: dt.datetime, b_end: dt.datetime
) -> bool:
    return a_start < b_end and b_start < a_end


def parse_weekdays(text: str) -> frozenset[int]:
    """ "12345" or "1,2,3" → {1, 2, 3, ...}; anything outside 1-7 is an error."""
    digits = [c for c in text if c.isdigit()]
    days = frozenset(int(c) for c in digits)
    if not days or not days <= frozenset(range(1, 8)):
        raise ValueError(text)
    return days
