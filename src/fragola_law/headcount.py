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
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import partial
from itertools import accumulate, compress
from operator import attrgetter, gt

from .dates import monthly_samples
from .snapshot import CoopSnapshot, Employment

Span = tuple[int, int]  # half-open range of sample indices
PERSON, START, END = attrgetter("person_id"), attrgetter("start"), attrgetter("end")
CERTIFICATES = attrgetter("certificates")


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
    records = counted_employments(snapshot)
    if len(set(map(PERSON, records))) == len(records):
        _add_single_records(samples, records, workers, disadvantaged)
    else:
        _add_people(samples, records, workers, disadvantaged)
    worker_counts = _accumulate(workers, n)
    disadvantaged_counts = _accumulate(disadvantaged, n)
    return HeadcountAverage(
        samples=tuple(samples),
        workers=Fraction(sum(worker_counts), n) if n else Fraction(0),
        disadvantaged=Fraction(sum(disadvantaged_counts), n) if n else Fraction(0),
        worker_counts=worker_counts,
        disadvantaged_counts=disadvantaged_counts,
    )


def _add_single_records(
    samples: Sequence[date], records: list[Employment], workers: list[int], disadvantaged: list[int]
) -> None:
    """Heads when each person has one record (most co-ops): no grouping or merging needed.

    The records' sample ranges are found by bisection in C (``map``) and counted per index;
    a record whose range is empty (it ends before the first sample or starts after the last)
    adds and takes away on the same index, which cancels out.
    """
    n = len(samples)
    lows = list(map(partial(bisect_left, samples), map(START, records)))
    right = partial(bisect_right, samples)
    highs = [n if end is None else right(end) for end in map(END, records)]
    if any(map(gt, lows, highs)):  # a record ending before it starts: counted one by one
        _add_people(samples, records, workers, disadvantaged)
        return
    for index, count in Counter(lows).items():
        workers[index] += count
    for index, count in Counter(highs).items():
        workers[index] -= count
    held = map(CERTIFICATES, records)
    for record, low, high in compress(zip(records, lows, highs, strict=True), held):
        if low >= high:
            continue
        if len(record.certificates) > 1:
            certified = _merge(
                _span(samples, c.issued_on, c.expires_on) for c in record.certificates
            )
            _add(disadvantaged, _intersect([(low, high)], certified))
            continue
        # One certificate (most): its range met with the record's, inlined.
        certificate = record.certificates[0]
        low = max(low, bisect_left(samples, certificate.issued_on))
        if certificate.expires_on is not None:
            high = min(high, right(certificate.expires_on))
        if low < high:
            disadvantaged[low] += 1
            disadvantaged[high] -= 1


def _add_people(
    samples: Sequence[date], records: list[Employment], workers: list[int], disadvantaged: list[int]
) -> None:
    """Heads when a person may have several records: a person's spans merged, one head each."""
    by_person: dict[str, list[Employment]] = {}
    for record in records:
        by_person.setdefault(record.person_id, []).append(record)
    for person_records in by_person.values():
        employed = _merge(_span(samples, r.start, r.end) for r in person_records)
        _add(workers, employed)
        if not employed or not any(r.certificates for r in person_records):
            continue
        certified = _merge(
            _span(samples, c.issued_on, c.expires_on)
            for r in person_records
            for c in r.certificates
        )
        _add(disadvantaged, _intersect(employed, certified))


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
