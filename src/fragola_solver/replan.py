"""Replanning: repair a published plan after a carer's absence or an urgent new visit.

Pinned visits (done or already communicated) never move. Every other service keeps its carer
unless moving it pays more than ``change_cost`` (in objective units), so the repair touches as
few visits as possible; the result lists exactly what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fragola_solver.compiled import compile_problem
from fragola_solver.evaluator import Evaluation
from fragola_solver.model import Problem, Solution, Visit
from fragola_solver.solver import solve

MOVED = 1.0  # minutes: smaller start-time shifts are not reported as changes


@dataclass(frozen=True)
class Change:
    visit_id: str
    service: int
    carer_before: str | None  # None: was not planned (new or left out)
    carer_after: str | None  # None: now left out
    start_before: float | None
    start_after: float | None


@dataclass(frozen=True)
class ReplanResult:
    solution: Solution
    evaluation: Evaluation
    changes: tuple[Change, ...]
    unpinned: tuple[str, ...]  # pinned visits that had to move (their carer is absent)


def _assignments(solution: Solution) -> dict[tuple[str, int], tuple[str, float]]:
    return {
        (s.visit_id, s.service): (r.carer_id, s.start) for r in solution.routes for s in r.stops
    }


def diff(problem: Problem, before: Solution, after: Solution) -> tuple[Change, ...]:
    old, new = _assignments(before), _assignments(after)
    changes = []
    for visit in problem.visits:
        for si in range(len(visit.services)):
            a, b = old.get((visit.id, si)), new.get((visit.id, si))
            if a == b or (a and b and a[0] == b[0] and abs(a[1] - b[1]) < MOVED):
                continue
            changes.append(
                Change(
                    visit.id,
                    si,
                    a[0] if a else None,
                    b[0] if b else None,
                    a[1] if a else None,
                    b[1] if b else None,
                )
            )
    return tuple(changes)


def replan(
    problem: Problem,
    current: Solution,
    *,
    absent: frozenset[str] = frozenset(),
    new_visits: tuple[Visit, ...] = (),
    pinned: frozenset[str] = frozenset(),
    change_cost: float = 60.0,
    time_limit: float = 1.0,
    seed: int = 0,
    iterations: int | None = None,
) -> ReplanResult:
    """Repair ``current`` for ``problem`` without the ``absent`` carers and with ``new_visits``
    (whose locations must index ``problem.travel``)."""
    carers = tuple(c for c in problem.carers if c.id not in absent)
    repaired = replace(problem, carers=carers, visits=problem.visits + tuple(new_visits))
    routes = tuple(r for r in current.routes if r.carer_id not in absent)
    lost = {s.visit_id for r in current.routes if r.carer_id in absent for s in r.stops}
    # A visit half-served by an absent carer is re-planned whole (both carers may change).
    kept = tuple(
        replace(r, stops=tuple(s for s in r.stops if s.visit_id not in lost)) for r in routes
    )
    start = Solution(kept)
    stay = {key: carer for key, (carer, _) in _assignments(start).items()}
    cp = compile_problem(repaired, stay=stay, change_cost=change_cost)
    keep_pinned = frozenset(v for v in pinned if v not in lost)
    result = solve(
        repaired,
        time_limit=time_limit,
        seed=seed,
        iterations=iterations,
        initial=start,
        pinned=keep_pinned,
        cp=cp,
    )
    return ReplanResult(
        result.solution,
        result.evaluation,
        diff(repaired, current, result.solution),
        tuple(sorted(v for v in pinned if v in lost)),
    )
