"""Public solving API: ``solve(problem, time_limit=..., seed=...) -> SolveResult``."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from fragola_solver.compiled import Compiled, compile_problem
from fragola_solver.evaluator import Evaluation, evaluate
from fragola_solver.model import Problem, Route, Solution, Stop
from fragola_solver.search import Alns, SearchStats, construct
from fragola_solver.state import State


@dataclass(frozen=True)
class SolveResult:
    solution: Solution
    evaluation: Evaluation  # by the independent evaluator
    stats: SearchStats


def state_from_solution(
    cp: Compiled, solution: Solution, pinned: frozenset[str] = frozenset()
) -> State:
    """Load routes (order only; times are recomputed) into a search state."""
    state = State(cp)
    problem = cp.problem
    vidx = {v.id: i for i, v in enumerate(problem.visits)}
    cidx = {c.id: i for i, c in enumerate(problem.carers)}
    for route in solution.routes:
        ci = cidx[route.carer_id]
        same_day = [
            v for v in range(cp.n_vehicles) if cp.veh_carer[v] == ci and cp.veh_day[v] == route.day
        ]
        veh = next((v for v in same_day if cp.veh_shift[v] == route.shift), same_day[0])
        for stop in sorted(route.stops, key=lambda s: s.start):
            vi = vidx[stop.visit_id]
            t = cp.visit_tasks[vi][stop.service]
            state.R[veh, state.L[veh]] = t
            state.L[veh] += 1
            state.assigned[vi] = True
    # A pinned visit freezes its route up to it: what is done (or announced) before it stays.
    for v in range(cp.n_vehicles):
        order = [int(cp.task_visit[t]) for t in state.R[v, : state.L[v]]]
        last = max((k for k, vi in enumerate(order) if problem.visits[vi].id in pinned), default=-1)
        state.min_pos[v] = last + 1
        for vi in order[: last + 1]:
            state.pinned[vi] = True
    return state


def _place_break(
    problem: Problem, carer_idx: int, stops: list[Stop], shift_start: float
) -> float | None:
    """Put the break in an idle gap of the carer's day that fits it, if any. A gap between two
    visits is preferred (the break replaces waiting), then after the last visit, then at home
    before the first one, as late as possible (the carer leaves when the break starts, so an
    early break at home would count as waiting)."""
    carer = problem.carers[carer_idx]
    if not carer.breaks:
        return None
    brk = carer.breaks[0]
    home: float | None = None
    pos, free_from = carer.start_location, shift_start
    for k, stop in enumerate(stops):
        visit = problem.visit(stop.visit_id)
        latest_end = min(stop.start - float(problem.travel[pos, visit.location]), brk.latest)
        begin = max(free_from, brk.earliest)
        if begin + brk.duration <= latest_end + 1e-9:
            if k > 0:
                return begin
            home = latest_end - brk.duration
        pos, free_from = visit.location, stop.start + visit.services[stop.service].duration
    begin = max(free_from, brk.earliest)
    if begin + brk.duration <= brk.latest + 1e-9:
        return begin
    return home


def decode(state: State) -> Solution:
    cp = state.cp
    problem = cp.problem
    state.route_cost()  # refresh start times
    routes = []
    for v in range(cp.n_vehicles):
        stops = [
            Stop(
                problem.visits[int(cp.task_visit[t])].id,
                int(cp.task_service[t]),
                float(state.start[t]),
            )
            for t in state.R[v, : state.L[v]]
        ]
        ci = int(cp.veh_carer[v])
        brk = _place_break(problem, ci, stops, float(cp.sh_start[v]))
        carer_id, day, shift = problem.carers[ci].id, int(cp.veh_day[v]), int(cp.veh_shift[v])
        routes.append(Route(carer_id, tuple(stops), day, brk, shift))
    left = tuple(problem.visits[vi].id for vi in np.flatnonzero(~state.assigned))
    return Solution(tuple(routes), left)


@dataclass(frozen=True)
class Progress:
    """Reported after each slice of a sliced search: how far it is and the best plan so far."""

    done: int  # slices finished
    total: int
    best: Evaluation

    @property
    def fraction(self) -> float:
        return self.done / self.total


def _better(new: SolveResult, best: SolveResult | None) -> bool:
    """Fewer broken rules first, then a lower cost."""
    if best is None:
        return True
    key = (len(new.evaluation.violations), new.evaluation.objective)
    return key < (len(best.evaluation.violations), best.evaluation.objective)


def _solve_once(
    problem: Problem,
    cp: Compiled,
    *,
    time_limit: float,
    seed: int,
    iterations: int | None,
    initial: Solution | None,
    pinned: frozenset[str],
) -> SolveResult:
    deadline = time.monotonic() + time_limit
    rng = np.random.default_rng(seed)
    state = state_from_solution(cp, initial, pinned) if initial else State(cp)
    construct(state, rng)
    alns = Alns(state, rng)
    stats = alns.run(deadline, iterations)
    solution = decode(alns.state)
    return SolveResult(solution, evaluate(problem, solution), stats)


def solve(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    iterations: int | None = None,
    initial: Solution | None = None,
    pinned: frozenset[str] = frozenset(),
    cp: Compiled | None = None,
    slices: int = 1,
    progress: Callable[[Progress], None] | None = None,
) -> SolveResult:
    """Solve ``problem`` within ``time_limit`` seconds.

    With ``iterations`` the search stops after that many ALNS iterations instead, which makes
    the result identical for identical seeds (a wall-clock stop depends on machine load).
    ``initial`` routes are kept as the starting point; ``pinned`` visits never move.

    ``slices`` > 1 splits the time (and ``iterations``) into that many searches, each seeded
    ``seed + i`` and started from the best plan so far (fewest broken rules, then lowest
    cost): restarts that keep what was found and shake the search out of a rut. ``progress``
    is called after each slice, so that a caller can show the search moving."""
    if slices < 1:
        raise ValueError("slices must be at least 1")
    cp = cp or compile_problem(problem)
    best: SolveResult | None = None
    for index in range(slices):
        result = _solve_once(
            problem,
            cp,
            time_limit=time_limit / slices,
            seed=seed + index,
            iterations=None if iterations is None else max(1, iterations // slices),
            initial=best.solution if best else initial,
            pinned=pinned,
        )
        if _better(result, best):
            best = result
        assert best is not None
        if progress is not None:
            progress(Progress(index + 1, slices, best.evaluation))
    assert best is not None
    return best
