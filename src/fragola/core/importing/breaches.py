"""The past breaches of Law 381 and co-operative law that imported facts show.

An import records the facts as they were, breaches included: refusing them would keep a co-op's
real history out. After the import the co-op is checked on the dates its facts change (each
admission, exit, hire, end of contract, certificate: the importer gives them) and at each month
end, and consecutive dates in breach become one period per rule. The rules are asked through
``core.vetting.breaches_on``, which the compliance app answers with the check ``fragola
compliance check`` uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from fragola.core import vetting
from fragola.core.importing.breach import Breach

ONE_DAY = dt.timedelta(days=1)
# Dates checked for one book: all the days its facts change when they are few, else month ends,
# then year ends, then some year ends: at most MAX_MEMBER_CHECKS member-days (about 3 s here) so
# that the report stays short on a 100,000-member book. A small book is checked on every change.
MAX_CHECKS = 400
MAX_MEMBER_CHECKS = 1_000_000


def past_breaches(
    organisation_id: int,
    *,
    today: dt.date,
    events: Iterable[dt.date],
    size: Callable[[], int],
    beat: Callable[[int], None] = lambda percent: None,
) -> list[Breach]:
    """Every rule in breach at some point of the co-op's history up to ``today``, with when.

    ``events`` are the days its facts change; ``size()`` is the number of members of its book,
    asked only when there is a day to check (a larger book is checked on fewer days).
    """
    days = check_days(today=today, events=set(events), size=size)
    if not days:
        return []
    return _periods(days, vetting.breaches_on(organisation_id, days, beat))


def _periods(days: list[dt.date], breached: list[dict[str, str]]) -> list[Breach]:
    periods: list[Breach] = []
    open_since: dict[str, tuple[dt.date, str]] = {}
    for index, day in enumerate(days):
        for rule in list(open_since):
            if rule not in breached[index]:
                start, text = open_since.pop(rule)
                periods.append(Breach(rule, start, day - ONE_DAY, text))
        for rule, text in breached[index].items():
            open_since.setdefault(rule, (day, text))
    periods += [Breach(rule, start, None, text) for rule, (start, text) in open_since.items()]
    return sorted(periods, key=lambda b: (b.start, b.rule))


def check_days(*, today: dt.date, events: set[dt.date], size: Callable[[], int]) -> list[dt.date]:
    """The days to check, ascending, none after ``today``."""
    events = {d for d in events if d <= today}
    if not events:
        return []
    first = min(events)
    ends = _month_ends(first, today)
    members = size() or 1
    budget = max(12, min(MAX_CHECKS, MAX_MEMBER_CHECKS // members))
    days = sorted(set(events) | set(ends) | {today})
    if len(days) > budget:
        days = sorted(set(ends) | {today})
    if len(days) > budget:
        days = sorted({d for d in ends if d.month == 12} | {today})
    if len(days) > budget:
        step = len(days) / (budget - 1)
        days = sorted({days[int(i * step)] for i in range(budget - 1)} | {today})
    return days


def non_null(values: Iterable[dt.date | None]) -> set[dt.date]:
    return {v for v in values if v is not None}


def _month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    ends = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        end = following - ONE_DAY
        if end <= last:
            ends.append(end)
        year, month = following.year, following.month
    return ends
