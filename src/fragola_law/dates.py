"""Calendar helpers: month ends and the monthly sample dates used by L4.3 and timelines."""

from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def monthly_samples(as_of: date, months: int, not_before: date | None = None) -> list[date]:
    """Ascending sample dates: the ends of the `months - 1` months before `as_of`, then `as_of`.

    Samples earlier than `not_before` (e.g. the founding date) are dropped, so a young co-op is
    averaged since it was founded.
    """
    samples = _samples(as_of, months)
    if not_before is not None and samples and samples[0] < not_before:
        return [d for d in samples if d >= not_before]
    return list(samples)


@lru_cache(maxsize=256)
def _samples(as_of: date, months: int) -> tuple[date, ...]:
    # A scan asks for the same window thousands of times (once per co-op): worked out once.
    samples = [as_of]
    year, month = as_of.year, as_of.month
    for _ in range(months - 1):
        year, month = previous_month(year, month)
        samples.append(month_end(year, month))
    samples.reverse()
    return tuple(samples)
