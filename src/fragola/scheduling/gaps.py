"""Keeping visits out of a carer's gaps (8:00-12:00 and 15:00-19:00: nothing at 13:00).

The solver knows one shift per carer and day, and only places breaks after its search, so a
merged shift alone would let it plan a visit at 13:00. Each gap therefore becomes a *blocker*
while solving: a visit of the gap's length, at the carer's home, that only this carer can do
and that cannot start before the gap does. The carer's route cannot hold another visit while
the blocker runs, so the search plans around it as around the end and the start of a shift
(home by 12:00, on the road again from 15:00). Blockers never leave this module: solutions
lose them before anyone sees them.

A visit's lateness is only a cost to the solver: one blocker per gap would be pushed back
(a visit at 12:00, the blocker from 13:00) whenever that is cheaper than being late elsewhere.
So a gap is blocked by a chain of half-hour blockers: pushing the first back pushes every one
after it, and an hour into a three-hour gap costs six hours of lateness. That keeps the search
out of the gaps unless lateness costs nothing; the final proposal is checked as well, and a
visit that still overlaps its carer's gap is left out with the reason."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

from django.utils.translation import gettext as _

from fragola.scheduling.shifts import DAY, Gap
from fragola_solver.model import Problem, Service, Solution, TimeWindow, Visit

Gaps = Mapping[str, tuple[Gap, ...]]  # solver carer id -> gaps
PREFIX = "gap:"


def is_blocker(visit_id: str) -> bool:
    return visit_id.startswith(PREFIX)


CHUNK = 30  # minutes of gap per blocker


def _blockers(carer_id: str, index: int, gap: Gap, home: int) -> list[Visit]:
    count = max(1, math.ceil((gap.end - gap.start) / CHUNK))
    length = (gap.end - gap.start) / count
    out = []
    for chunk in range(count):
        key, start = f"{PREFIX}{carer_id}:{index}:{chunk}", gap.start + chunk * length
        out.append(
            Visit(
                id=key,
                location=home,
                windows=(TimeWindow(start, start),),
                services=(Service(key, length),),
                day=gap.day,
                client=key,
            )
        )
    return out


def with_blockers(problem: Problem, gaps: Gaps) -> Problem:
    """``problem`` plus one blocker per gap (and its skill for its carer only)."""
    if not any(gaps.values()):
        return problem
    carers, blockers = [], []
    for carer in problem.carers:
        mine = [
            blocker
            for i, gap in enumerate(gaps.get(carer.id, ()))
            for blocker in _blockers(carer.id, i, gap, carer.start_location)
        ]
        blockers += mine
        skills = frozenset(b.id for b in mine)
        carers.append(replace(carer, skills=carer.skills | skills) if skills else carer)
    return replace(problem, carers=tuple(carers), visits=problem.visits + tuple(blockers))


def without_blockers(solution: Solution) -> Solution:
    routes = (
        replace(r, stops=tuple(s for s in r.stops if not is_blocker(s.visit_id)))
        for r in solution.routes
    )
    return Solution(
        tuple(r for r in routes if r.stops),
        tuple(v for v in solution.left_out if not is_blocker(v)),
    )


def clock(minute: float) -> str:
    hours, minutes = divmod(round(minute) % DAY, 60)
    return f"{hours:02d}:{minutes:02d}"


def gap_hit(gaps: Gaps, carer_id: str, start: float, duration: float) -> Gap | None:
    """The carer's gap that a visit from ``start`` for ``duration`` minutes overlaps, if any."""
    return next(
        (g for g in gaps.get(carer_id, ()) if start < g.end and start + duration > g.start), None
    )


def unavailable_text(carer: object, gap: Gap) -> str:
    return _(
        "Outside the availability of %(carer)s, who is not available from %(start)s to "
        "%(end)s that day. Assign it by hand."
    ) % {"carer": carer, "start": clock(gap.start), "end": clock(gap.end)}


def outside(problem: Problem, solution: Solution, gaps: Gaps) -> dict[str, tuple[str, Gap]]:
    """Visits of ``solution`` that overlap their carer's gap: visit id -> (carer id, gap)."""
    found: dict[str, tuple[str, Gap]] = {}
    for route in solution.routes:
        for stop in route.stops:
            if is_blocker(stop.visit_id):
                continue
            duration = problem.visit(stop.visit_id).services[stop.service].duration
            gap = gap_hit(gaps, route.carer_id, stop.start, duration)
            if gap is not None:
                found.setdefault(stop.visit_id, (route.carer_id, gap))
    return found
