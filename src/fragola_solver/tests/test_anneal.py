"""The compiled small-move annealing: it must keep every hard rule, report the true cost of
what it leaves behind, never touch frozen route prefixes, and improve a plan when cold."""

from __future__ import annotations

import numpy as np
import pytest

from fragola_solver.anneal import anneal, move_tables, seed
from fragola_solver.compiled import Compiled, compile_problem
from fragola_solver.data import mankowska_cases
from fragola_solver.evaluator import evaluate
from fragola_solver.formats import load_instance
from fragola_solver.jit import HAVE_NUMBA
from fragola_solver.kernels import INFEASIBLE
from fragola_solver.search import construct
from fragola_solver.solver import decode, solve, state_from_solution
from fragola_solver.state import State
from fragola_solver.tests.conftest import benchmark_dir, scaled

CASES = ["C1", "E1"] if HAVE_NUMBA else ["B1"]


def _compiled(case_id: str) -> Compiled:
    case = next(c for c in mankowska_cases(benchmark_dir()) if c.id == case_id)
    return compile_problem(load_instance(case.instance))


def _run(
    state: State, moves: int, temp: float, rng_seed: int = 3
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Anneal ``state`` in place; return (out, best_R, best_L, stats)."""
    cp = state.cp
    sibling, ptr, allowed = move_tables(cp)
    tasks = np.concatenate(
        [state.R[v, state.min_pos[v] : state.L[v]] for v in range(cp.n_vehicles)]
    ).astype(np.int64)
    out = np.array([state.route_cost(), state.route_cost()])
    best_R, best_L = state.R.copy(), state.L.copy()
    stats = np.zeros(8, dtype=np.int64)
    seed(rng_seed)
    anneal(
        state.R, state.L, cp.kernel_args, state.W, state.min_pos, tasks, sibling, ptr, allowed,
        moves, temp, temp / 100, best_R, best_L, out, stats,
    )  # fmt: skip
    state._touch()
    return out, best_R, best_L, stats


def _assert_routes_valid(cp: Compiled, R: np.ndarray, L: np.ndarray) -> None:
    seen: dict[int, int] = {}
    for v in range(cp.n_vehicles):
        for t in R[v, : L[v]]:
            assert int(t) not in seen, f"task {t} routed twice"
            assert cp.ok[v, t], f"task {t} on a vehicle that may not serve it"
            seen[int(t)] = v
    for tasks in cp.visit_tasks:
        if len(tasks) == 2:
            assert seen[tasks[0]] != seen[tasks[1]], "both services of a visit on one carer"


@pytest.mark.parametrize("case_id", CASES)
def test_annealing_keeps_the_rules_and_reports_the_true_cost(case_id: str) -> None:
    cp = _compiled(case_id)
    state = State(cp)
    construct(state, np.random.default_rng(1))
    routed = sorted(int(t) for v in range(cp.n_vehicles) for t in state.R[v, : state.L[v]])
    out, best_R, best_L, stats = _run(state, scaled(20_000), temp=5.0)

    assert stats[1::2].sum() > 0, "no move was ever accepted"
    _assert_routes_valid(cp, state.R, state.L)
    _assert_routes_valid(cp, best_R, best_L)
    after = sorted(int(t) for v in range(cp.n_vehicles) for t in state.R[v, : state.L[v]])
    assert after == routed  # nothing dropped or duplicated
    assert out[0] == pytest.approx(state.route_cost(), abs=1e-6)
    best = state.copy()
    best.R[:], best.L[:] = best_R, best_L
    best._touch()
    assert out[1] == pytest.approx(best.route_cost(), abs=1e-6)
    assert out[1] < INFEASIBLE
    evaluation = evaluate(cp.problem, decode(best))
    assert evaluation.feasible, evaluation.violations[:3]
    assert evaluation.objective == pytest.approx(out[1], abs=1e-6)


@pytest.mark.parametrize("case_id", CASES)
def test_cold_annealing_never_worsens_and_improves_a_greedy_plan(case_id: str) -> None:
    cp = _compiled(case_id)
    state = State(cp)
    construct(state, np.random.default_rng(2))
    before = state.route_cost()
    out, *_ = _run(state, scaled(20_000), temp=0.0)
    assert out[0] == out[1]  # at zero temperature the current plan is always the best
    assert out[0] < before - 1.0


def test_annealing_never_moves_a_frozen_prefix() -> None:
    cp = _compiled(CASES[0])
    first = solve(cp.problem, iterations=scaled(20), seed=1, cp=cp).solution
    # Pin the second stop of every route: it and the stop before it are frozen.
    pinned = frozenset(r.stops[1].visit_id for r in first.routes if len(r.stops) > 2)
    state = state_from_solution(cp, first, pinned)
    frozen = {v: state.R[v, : state.min_pos[v]].copy() for v in range(cp.n_vehicles)}
    assert sum(len(f) for f in frozen.values()) >= 2 * len(pinned) > 0
    _run(state, scaled(20_000), temp=20.0)
    for v, prefix in frozen.items():
        assert list(state.R[v, : len(prefix)]) == list(prefix)


def test_the_same_seed_gives_the_same_moves() -> None:
    cp = _compiled(CASES[0])
    results = []
    for _ in range(2):
        state = State(cp)
        construct(state, np.random.default_rng(4))
        out, best_R, best_L, _ = _run(state, scaled(5_000), temp=5.0, rng_seed=11)
        results.append((out.tolist(), best_R.tolist(), best_L.tolist(), state.R.tolist()))
    assert results[0] == results[1]
