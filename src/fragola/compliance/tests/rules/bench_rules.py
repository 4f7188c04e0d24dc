"""Load check: 15,000 co-ops, ~500k memberships, ~490k workers through `evaluate`.

Run: PYTHONPATH=src python -m fragola.compliance.tests.rules.bench_rules   (or as a script)
Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from fragola_law import (
    BoardMember,
    Branch,
    CoopSnapshot,
    CoopType,
    DisadvantageCategory,
    DisadvantageCertificate,
    Employment,
    LegalForm,
    Member,
    MemberCategory,
    VolunteerFact,
    evaluate,
)

AS_OF = date(2026, 6, 30)
CATEGORIES = list(MemberCategory)


def _day(rng: random.Random, start: date, span_days: int) -> date:
    return start + timedelta(days=rng.randrange(span_days))


def build(rng: random.Random, index: int) -> CoopSnapshot:
    coop_type = rng.choice([CoopType.A, CoopType.A, CoopType.B, CoopType.AB])
    founded = _day(rng, date(1995, 1, 1), 10000)
    members = tuple(
        Member(
            f"{index}-m{i}",
            rng.choice(CATEGORIES),
            _day(rng, founded, 3000),
            _day(rng, date(2025, 1, 1), 800) if rng.random() < 0.1 else None,
        )
        for i in range(rng.randint(15, 52))
    )
    employments = []
    for i in range(rng.randint(14, 51)):
        certs: tuple[DisadvantageCertificate, ...] = ()
        if coop_type is not CoopType.A and rng.random() < 0.35:
            issued = _day(rng, date(2018, 1, 1), 2500)
            expires = issued + timedelta(days=rng.randint(300, 3000))
            certs = (DisadvantageCertificate(DisadvantageCategory.PHYSICAL, issued, expires),)
        start = _day(rng, date(2015, 1, 1), 4000)
        end = start + timedelta(days=rng.randint(30, 3000)) if rng.random() < 0.3 else None
        branch = rng.choice([Branch.A, Branch.B]) if coop_type is CoopType.AB else Branch.B
        employments.append(Employment(f"{index}-p{i}", start, end, branch, certificates=certs))
    volunteers = tuple(
        VolunteerFact(m.member_id, date(2026, 1, 1), None, (AS_OF,))
        for m in members
        if m.category is MemberCategory.VOLUNTEER
    )
    board = tuple(BoardMember(f"{index}-b{i}", rng.choice(CATEGORIES)) for i in range(5))
    return CoopSnapshot(
        coop_type,
        f"Coop {index} cooperativa sociale",
        LegalForm.SPA,
        founded,
        AS_OF,
        members=members,
        employments=tuple(employments),
        volunteer_facts=volunteers,
        board=board,
    )


def main() -> None:
    rng = random.Random(1)
    snapshots = [build(rng, i) for i in range(15000)]
    memberships = sum(len(s.members) for s in snapshots)
    workers = sum(len(s.employments) for s in snapshots)
    started = time.perf_counter()
    results = [evaluate(s) for s in snapshots]
    elapsed = time.perf_counter() - started
    print(f"{len(results)} co-ops, {memberships} memberships, {workers} workers: {elapsed:.2f} s")


if __name__ == "__main__":
    main()
