"""Keeping the 30 % (L4.2, computed per L4.3): the forecast and the hires it takes.

Pure Python over the compliance engine's plain data: a ``CoopSnapshot`` (built by the compliance
adapter from the workforce) plus planned hires and planned ends of contract. Known future events
are already in the snapshot: a fixed-term contract's last day, a certificate's expiry.

Two measures, both shown on the page:
- ``heads``: the heads on each month end, ``D / (W - D)`` (or ``D / W`` in strict mode);
- ``average``: the legal L4.3 measure, the average of 12 monthly samples, from ``check_l4_2``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from fractions import Fraction

import fragola_law as r

MAX_HIRES = 1000


class Measure(StrEnum):
    HEADS = "heads"
    AVERAGE = "average"


@dataclass(frozen=True)
class PlannedHire:
    on: date
    disadvantaged: bool
    branch: r.Branch = r.Branch.B
    certificate_expires_on: date | None = None
    key: str = ""


@dataclass(frozen=True)
class PlannedEnd:
    person_id: str
    on: date  # last day worked


Planned = PlannedHire | PlannedEnd


@dataclass(frozen=True)
class MonthRow:
    day: date
    workers: int
    disadvantaged: int
    ratio: Fraction | None  # heads on ``day``; None when the denominator is zero
    average_ratio: Fraction | None  # L4.3 average over the window
    status: r.Status  # L4.2 on the average
    heads_ok: bool


def _employment(hire: PlannedHire, index: int) -> r.Employment:
    certificates = (
        (r.DisadvantageCertificate(r.DisadvantageCategory.PHYSICAL, hire.on,
                                   hire.certificate_expires_on),)
        if hire.disadvantaged
        else ()
    )  # fmt: skip
    return r.Employment(
        person_id=hire.key or f"planned:{index}",
        start=hire.on,
        branch=hire.branch,
        certificates=certificates,
    )


def apply(snapshot: r.CoopSnapshot, planned: list[Planned]) -> r.CoopSnapshot:
    """The snapshot with the planned hires added and the planned ends applied."""
    for index, change in enumerate(planned):
        if isinstance(change, PlannedHire):
            snapshot = r.hire(_employment(change, index))(snapshot)
        else:
            snapshot = r.end_employment(change.person_id, change.on)(snapshot)
    return snapshot


def with_hires(snapshot: r.CoopSnapshot, count: int, on: date) -> r.CoopSnapshot:
    hires = [PlannedHire(on, True, key=f"needed:{i}") for i in range(count)]
    return apply(snapshot, list(hires))


def heads_on(snapshot: r.CoopSnapshot, day: date) -> tuple[int, int]:
    average = r.average_heads(replace(snapshot, as_of=day), 1)
    return average.worker_counts[-1], average.disadvantaged_counts[-1]


def heads_ratio(
    workers: int | Fraction, disadvantaged: int | Fraction, settings: r.Settings
) -> Fraction | None:
    strict = settings.l4_3_denominator is r.DenominatorMode.TOTAL
    denominator = Fraction(workers if strict else workers - disadvantaged)
    return Fraction(disadvantaged) / denominator if denominator else None


def _heads_ok(workers: int, disadvantaged: int, settings: r.Settings, limit: Fraction) -> bool:
    ratio = heads_ratio(workers, disadvantaged, settings)
    return workers == 0 or ratio is None or ratio >= limit


def month_ends(start: date, months: int) -> list[date]:
    """``start`` itself, then the ends of ``months`` months from ``start``'s own month."""
    days = [start]
    year, month = start.year, start.month
    for _ in range(months):
        end = r.month_end(year, month)
        if end > start:
            days.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def forecast(
    snapshot: r.CoopSnapshot,
    planned: list[Planned],
    *,
    months: int = 12,
    settings: r.Settings = r.DEFAULT_SETTINGS,
) -> list[MonthRow]:
    """Today (``snapshot.as_of``) and each of the next ``months`` month ends, plans applied."""
    future = apply(snapshot, planned)
    rows = []
    for day in month_ends(snapshot.as_of, months):
        params = r.params_at(day)
        workers, disadvantaged = heads_on(future, day)
        on_day = replace(future, as_of=day)
        legal = r.check_l4_2(on_day, params, settings)
        mean = r.average_heads(on_day, params.l4_3_window_months)
        rows.append(
            MonthRow(
                day=day,
                workers=workers,
                disadvantaged=disadvantaged,
                ratio=heads_ratio(workers, disadvantaged, settings),
                average_ratio=heads_ratio(mean.workers, mean.disadvantaged, settings),
                status=legal.status,
                heads_ok=_heads_ok(
                    workers, disadvantaged, settings, params.l4_2_min_disadvantaged_share
                ),
            )
        )
    return rows


def _holds(
    snapshot: r.CoopSnapshot, days: list[date], settings: r.Settings, measure: Measure
) -> bool:
    for day in days:
        params = r.params_at(day)
        if measure is Measure.HEADS:
            workers, disadvantaged = heads_on(snapshot, day)
            if not _heads_ok(workers, disadvantaged, settings, params.l4_2_min_disadvantaged_share):
                return False
        else:
            legal = r.check_l4_2(replace(snapshot, as_of=day), params, settings)
            if legal.status is r.Status.BREACH:
                return False
    return True


def checkpoints(start: date, until: date) -> list[date]:
    """``start``, every month end in between, and ``until``."""
    days = [d for d in month_ends(start, 12 * (until.year - start.year + 2)) if d <= until]
    return sorted({*days, until})


def hires_needed(
    snapshot: r.CoopSnapshot,
    planned: list[Planned],
    *,
    start: date,
    until: date,
    settings: r.Settings = r.DEFAULT_SETTINGS,
    measure: Measure = Measure.HEADS,
) -> int | None:
    """The fewest disadvantaged hires on ``start`` that keep the co-op at ≥ 30 % through ``until``.

    Every checkpoint from ``start`` to ``until`` must hold. More disadvantaged hires never lower
    the ratio, so the answer is found by doubling then bisection. None if over ``MAX_HIRES``.
    """
    base = apply(snapshot, planned)
    days = checkpoints(start, max(start, until))

    def holds(count: int) -> bool:
        return _holds(with_hires(base, count, start), days, settings, measure)

    if holds(0):
        return 0
    low, high = 0, 1
    while not holds(high):
        low, high = high, high * 2
        if high > MAX_HIRES:
            return None
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if holds(middle) else (middle, high)
    return high
