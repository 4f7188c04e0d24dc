"""Construction + adaptive large neighbourhood search with simulated-annealing acceptance.

Destroy: random, related (Shaw: near in space and time), worst (largest saving), and
one-route removal. Repair: greedy or regret-2 insertion, optionally noisy; two-carer visits are
inserted as a pair (best positions of the first service, each completed by the best position
of the second one on another carer, both orders tried). Operator weights adapt to success.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from fragola_solver.state import State

Destroy = Callable[[State, int, np.random.Generator], list[int]]


@dataclass(frozen=True)
class SearchStats:
    iterations: int
    seconds: float
    best_cost: float
    initial_cost: float


def insert_visits(state: State, visits: list[int], rng: np.random.Generator,
                  regret: bool = False, noise: float = 0.0) -> None:
    """Insert ``visits`` one at a time; optional visits stay out when cheaper."""
    pending = list(visits)
    while pending:
        base = state.route_cost()
        if regret and len(pending) > 1:
            scored = []
            for vi in pending:
                moves = state.best_moves(vi, top=2, noise=noise, rng=rng)
                gap = moves[1].cost - moves[0].cost if len(moves) > 1 else 1e9
                scored.append((-gap if moves else -2e9, vi))
            scored.sort()
            vi = scored[0][1]
        else:
            vi = pending[0]
        pending.remove(vi)
        moves = state.best_moves(vi, top=3, noise=noise, rng=rng)
        if not moves:
            continue
        best = min(moves, key=lambda m: m.cost)
        if best.cost - base >= state.cp.left_out_cost[vi] and state.cp.left_out_cost[vi] < 1e6:
            continue
        state.apply(vi, best)


def construct(state: State, rng: np.random.Generator) -> None:
    cp = state.cp
    todo = [vi for vi in range(len(cp.visit_tasks)) if not state.assigned[vi]]
    # Hard visits first (two carers, then tight windows), then by opening time.
    todo.sort(key=lambda vi: (-len(cp.visit_tasks[vi]), cp.e1[cp.visit_tasks[vi][0]]))
    insert_visits(state, todo, rng)


def _free(state: State) -> list[int]:
    return [vi for vi in np.flatnonzero(state.assigned) if not state.pinned[vi]]


def destroy_random(state: State, q: int, rng: np.random.Generator) -> list[int]:
    free = _free(state)
    return [int(x) for x in rng.permutation(free)[:q]] if free else []


def destroy_related(state: State, q: int, rng: np.random.Generator) -> list[int]:
    free = _free(state)
    if not free:
        return []
    cp = state.cp
    seed = free[int(rng.integers(len(free)))]
    t0 = cp.visit_tasks[seed][0]
    first = [cp.visit_tasks[vi][0] for vi in free]
    d = cp.travel[cp.loc[t0], cp.loc[first]]
    dt = np.abs(cp.e1[first] - cp.e1[t0])
    score = d / (d.mean() + 1e-9) + dt / (dt.mean() + 1e-9) + 0.3 * rng.random(len(free))
    return [free[i] for i in np.argsort(score)[:q]]


def destroy_worst(state: State, q: int, rng: np.random.Generator) -> list[int]:
    free = _free(state)
    if not free:
        return []
    base = state.route_cost()
    sample = [free[i] for i in rng.permutation(len(free))[: max(q * 4, 20)]]
    gains = []
    for vi in sample:
        trial = state.copy()
        trial.remove_visit(vi)
        gains.append((base - trial.route_cost()) * (1.0 + 0.3 * rng.random()))
    return [sample[i] for i in np.argsort(gains)[::-1][:q]]


def destroy_route(state: State, q: int, rng: np.random.Generator) -> list[int]:
    used = np.flatnonzero(state.L > 0)
    if used.size == 0:
        return []
    v = int(used[rng.integers(used.size)])
    tasks = state.R[v, : state.L[v]]
    visits = {int(state.cp.task_visit[t]) for t in tasks}
    out = [vi for vi in visits if not state.pinned[vi]]
    rng.shuffle(out)
    return out[: max(q, 1)]


DESTROYS: tuple[Destroy, ...] = (destroy_random, destroy_related, destroy_worst, destroy_route)


class Alns:
    def __init__(self, state: State, rng: np.random.Generator) -> None:
        self.state = state
        self.rng = rng
        self.weights = np.ones(len(DESTROYS) * 2)
        n_free = int((~state.pinned).sum())
        self.q_max = max(2, min(40, int(0.35 * n_free)))

    def run(self, deadline: float, max_iterations: int | None) -> SearchStats:
        t_start = time.monotonic()
        cur = self.state
        cur_cost = cur.cost()
        best, best_cost, initial = cur.copy(), cur_cost, cur_cost
        temp0 = max(1e-3, 0.01 * cur_cost / max(1, len(cur.cp.visit_tasks)) * 10)
        it = 0
        limit = max_iterations if max_iterations is not None else 1 << 62
        while it < limit and (max_iterations is not None or time.monotonic() < deadline):
            frac = it / limit if max_iterations is not None else (
                (time.monotonic() - t_start) / max(1e-9, deadline - t_start))
            temp = temp0 * (0.002 ** min(1.0, frac))
            op = int(self.rng.choice(len(self.weights), p=self.weights / self.weights.sum()))
            trial = cur.copy()
            q = int(self.rng.integers(2, self.q_max + 1)) if self.q_max > 2 else self.q_max
            removed = DESTROYS[op // 2](trial, q, self.rng)
            for vi in removed:
                trial.remove_visit(vi)
            removed += [vi for vi in np.flatnonzero(~trial.assigned) if vi not in removed]
            self.rng.shuffle(removed)
            insert_visits(trial, [int(v) for v in removed], self.rng, regret=op % 2 == 1,
                          noise=0.05 if self.rng.random() < 0.3 else 0.0)
            cost = trial.cost()
            reward = 0.0
            if cost < best_cost - 1e-9:
                best, best_cost, reward = trial.copy(), cost, 3.0
            if cost < cur_cost - 1e-9 or self.rng.random() < math.exp(
                -(cost - cur_cost) / max(temp, 1e-12)
            ):
                reward = max(reward, 1.0 if cost < cur_cost else 0.3)
                cur, cur_cost = trial, cost
            self.weights[op] = 0.9 * self.weights[op] + 0.1 * (0.1 + reward)
            it += 1
            if it % 200 == 0 and cur_cost > best_cost * 1.02:
                cur, cur_cost = best.copy(), best_cost  # restart from the best after drifting
        self.state = best
        return SearchStats(it, time.monotonic() - t_start, best_cost, initial)
