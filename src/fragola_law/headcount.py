"""L4.3: average head counts of workers and disadvantaged workers over a window of months.

Heads, not hours. One sample per month: the last day of each earlier month in the window and the
evaluation date itself for the current month. Samples before the founding date are dropped, so a
co-op younger than the window is averaged since its founding. A person with overlapping contracts
is one head. A disadvantaged head needs a certificate valid on the sample date (L4.4).

Cost is linear in the employment records: each record maps to a range of sample indices by
bisection and adds to a difference array, so no per-day or per-month loop runs per worker.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from itertools import accumulate

from .dates import monthly_samples
from .snapshot import CoopSnapshot, Employment

Span = tuple[int, int]  # half-open range of sample indices


@dataclass(frozen=True)
class HeadcountAverage:
    samples: tuple[date, ...]
    workers: Fraction  # W: average heads of counted workers
    disadvantaged: Fraction  # D: average heads with a valid certificate
    worker_counts: tuple[int, ...]
    disadvantaged_counts: tuple[int, ...]

    @property
    def others(self) -> Fraction:
        return self.workers - self.disadvantaged


def counted_employments(snapshot: CoopSnapshot) -> list[Employment]:
    """Records with an INPS position; in an A+B co-op only the B branch (Interpello 42/2009)."""
    return snapshot.counted_employments


def average_heads(snapshot: CoopSnapshot, window_months: int) -> HeadcountAverage:
    samples = monthly_samples(snapshot.as_of, window_months, snapshot.founded_on)
    n = len(samples)
    workers = [0] * (n + 1)
    disadvantaged = [0] * (n + 1)
    by_person: dict[str, list[Employment]] = {}
    for record in counted_employments(snapshot):
        by_person.setdefault(record.person_id, []).append(record)
    for records in by_person.values():
        if len(records) == 1:  # most people: one contract, no merging needed (``_span`` inlined)
            record = records[0]
            low = bisect_left(samples, record.start)
            high = n if record.end is None else bisect_right(samples, record.end)
            if low >= high:
                continue
            workers[low] += 1
            workers[high] -= 1
            if not record.certificates:
                continue
            employed = [(low, high)]
        else:
            employed = _merge(_span(samples, r.start, r.end) for r in records)
            _add(workers, employed)
            if not employed or not any(r.certificates for r in records):
                continue
        certified = _merge(
            _span(samples, c.issued_on, c.expires_on) for r in records for c in r.certificates
        )
        _add(disadvantaged, _intersect(employed, certified))
    worker_counts = _accumulate(workers, n)
    disadvantaged_counts = _accumulate(disadvantaged, n)
    return HeadcountAverage(
        samples=tuple(samples),
        workers=Fraction(sum(worker_counts), n) if n else Fraction(0),
        disadvantaged=Fraction(sum(disadvantaged_counts), n) if n else Fraction(0),
        worker_counts=worker_counts,
        disadvantaged_counts=disadvantaged_counts,
    )


def _span(samples: Sequence[date], start: date, end: date | None) -> Span:
    low = bisect_left(samples, start)
    high = len(samples) if end is None else bisect_right(samples, end)
    return low, high


def _merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for low, high in sorted(s for s in spans if s[0] < s[1]):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def _intersect(a: list[Span], b: list[Span]) -> list[Span]:
    return [
        (max(a_low, b_low), min(a_high, b_high))
        for a_low, a_high in a
        for b_low, b_high in b
        if max(a_low, b_low) < min(a_high, b_high)
    ]


def _add(diff: list[int], spans: list[Span]) -> None:
    for low, high in spans:
        diff[low] += 1
        diff[high] -= 1


def _accumulate(diff: list[int], n: int) -> tuple[int, ...]:
    return tuple(accumulate(diff[:n]))
