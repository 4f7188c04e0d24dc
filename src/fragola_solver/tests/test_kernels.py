"""The incremental insertion evaluation must agree with a full re-schedule.

Without Numba (plain-Python kernels) only the smaller instances are checked, to stay fast."""

from __future__ import annotations

import numpy as np
import pytest

from fragola_solver.compiled import compile_problem
from fragola_solver.data import mankowska_cases, uhhc_cases
from fragola_solver.formats import load_instance
from fragola_solver.jit import HAVE_NUMBA
from fragola_solver.kernels import INFEASIBLE
from fragola_solver.model import Problem, Weights
from fragola_solver.search import construct, destroy_random
from fragola_solver.state import State
from fragola_solver.tests.conftest import benchmark_dir, scaled, tiny_problem


def _check_insertions(problem: Problem, rounds: int) -> int:
    cp = compile_problem(problem)
    rng = np.random.default_rng(5)
    state = State(cp)
    construct(state, rng)
    checked = 0
    for _ in range(rounds):
        trial = state.copy()
        removed = destroy_random(trial, 4, rng)
        for vi in removed:
            trial.remove_visit(vi)
        for vi in removed:
            tasks = cp.visit_tasks[vi]
            for j, t in enumerate(tasks):
                skip = trial.position(tasks[0])[0] if j == 1 else -1
                costs, vehicles, positions = trial._candidates(t, skip, 10**6)
                for c, v, p in zip(costs, vehicles, positions, strict=True):
                    full = trial.copy()
                    full.insert_task(t, int(v), int(p))
                    exact = full.route_cost()
                    assert (exact >= INFEASIBLE) == (c >= INFEASIBLE)
                    if exact < INFEASIBLE:
                        assert c == pytest.approx(exact, abs=1e-6)
                    checked += 1
                best = int(np.argmin(costs))
                trial.insert_task(t, int(vehicles[best]), int(positions[best]))
            trial.assigned[vi] = True
    return checked


def test_incremental_insertion_costs_match_a_full_reschedule_on_a_tiny_instance() -> None:
    assert _check_insertions(tiny_problem(), scaled(20)) > 0


@pytest.mark.parametrize("name", ["i-116", "i-100"] if HAVE_NUMBA else ["i-116"])
def test_incremental_insertion_costs_match_a_full_reschedule_on_uhhc(name: str) -> None:
    case = next(c for c in uhhc_cases(benchmark_dir()) if c.name == name)
    assert _check_insertions(load_instance(case.instance), scaled(8)) > 10


@pytest.mark.parametrize("case_id", ["B2", "C3"] if HAVE_NUMBA else ["A2"])
def test_incremental_insertion_costs_match_a_full_reschedule_on_mankowska(case_id: str) -> None:
    case = next(c for c in mankowska_cases(benchmark_dir()) if c.id == case_id)
    assert _check_insertions(load_instance(case.instance), scaled(8)) > 20


def test_incremental_insertion_costs_match_a_full_reschedule_with_whole_carer_costs() -> None:
    from fragola_solver.tests.test_solver import _week_of_regulars

    problem = _week_of_regulars(
        Weights(travel=1.0, tardiness=1.0, overtime=2.0, fairness=0.5, continuity=7.0, waiting=0.3)
    )
    assert _check_insertions(problem, scaled(15)) > 50
