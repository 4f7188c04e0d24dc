"""The past breaches of Law 381 and co-operative law that an imported book shows.

An import records the book as it was, breaches included: refusing it would keep a co-op's real
history out. After the import the co-op is checked on the dates its facts change (each admission,
exit, hire, end of contract, certificate) and at each month end, and consecutive dates in breach
become one period per rule. The rules are asked through ``core.vetting.breaches_on``, which
the compliance app answers with the check ``fragola compliance check`` uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from fragola.core import vetting as hooks
from fragola.registry.importing.breach import Breach
from fragola.registry.models import Membership, Organisation

ONE_DAY = dt.timedelta(days=1)
# Dates checked for one book: all the days its facts change when they are few, else month ends,
# then year ends, then some year ends: at most MAX_MEMBER_CHECKS member-days (about 3 s here) so
# that the report stays short on a 100,000-member book. A small book is checked on every change.
MAX_CHECKS = 400
MAX_MEMBER_CHECKS = 1_000_000


def past_breaches(
    organisation: Organisation,
    *,
    today: dt.date,
    events: Iterable[dt.date] = (),
    beat: Callable[[int], None] = lambda percent: None,
) -> list[Breach]:
    """Every rule in breach at some point of the book's history up to ``today``, with when.

    ``events`` adds the days other facts change (a workers' import gives its contracts').
    """
    days = check_days(organisation, today=today, events={*book_event_days(organisation), *events})
    if not days:
        return []
    results = _evaluate(organisation.pk, days, beat)
    return _periods(days, results)


def _evaluate(
    org_id: int, days: list[dt.date], beat: Callable[[int], None]
) -> list[dict[str, str]]:
    """For each day, the rules in breach and their explanation (the one call into compliance)."""
    return hooks.breaches_on(org_id, days, beat)


def compliance_rescan(organisation: Organisation) -> None:
    """Re-check the co-op and raise its alerts once the import is committed."""
    hooks.recheck(organisation.pk)


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


def check_days(
    organisation: Organisation, *, today: dt.date, events: set[dt.date]
) -> list[dt.date]:
    """The days to check, ascending, none after ``today``."""
    events = {d for d in events if d <= today}
    if not events:
        return []
    first = min(events)
    ends = _month_ends(first, today)
    members = Membership.objects.filter(organisation=organisation).count() or 1
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


def book_event_days(organisation: Organisation) -> set[dt.date]:
    """The days the book changes: admissions and exits."""
    book = Membership.objects.filter(organisation=organisation)
    return non_null(
        [
            *book.values_list("admitted_on", flat=True).distinct(),
            *book.values_list("exited_on", flat=True).distinct(),
        ]
    )


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
