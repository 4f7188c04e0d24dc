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

from fragola_solver.anneal import anneal, move_tables
from fragola_solver.anneal import seed as seed_anneal
from fragola_solver.jit import HAVE_NUMBA
from fragola_solver.kernels import removal_gains
from fragola_solver.state import State

Destroy = Callable[[State, int, np.random.Generator], list[int]]


@dataclass(frozen=True)
class SearchStats:
    iterations: int
    seconds: float
    best_cost: float
    initial_cost: float


def insert_visits(
    state: State,
    visits: list[int],
    rng: np.random.Generator,
    regret: bool = False,
    noise: float = 0.0,
) -> None:
    """Insert ``visits`` one at a time; optional visits stay out when cheaper.

    With ``regret`` the order is by decreasing regret-2 (cost of the second-best vehicle minus
    the best), computed once up front: recomputing it after every insertion is quadratic."""
    pending = list(visits)
    if regret and len(pending) > 1:
        scores = []
        for vi in pending:
            moves = state.best_moves(vi, top=2, noise=noise, rng=rng)
            scores.append(moves[1].cost - moves[0].cost if len(moves) > 1 else 1e18)
        pending = [pending[i] for i in np.argsort(scores, kind="stable")[::-1]]
    for vi in pending:
        moves = state.best_moves(vi, top=3, noise=noise, rng=rng)
        if not moves:
            continue
        best = min(moves, key=lambda m: m.cost)
        left = state.cp.left_out_cost[vi]
        # Out when cheaper. For a mandatory visit that means no position breaks no hard rule
        # (a deadlock, or a carer late for their next shift): a later iteration may find it
        # room. Mandatory costs are far below ``left`` otherwise, so the check is rarely made.
        if (left < 1e6 or best.cost >= left) and best.cost - state.route_cost() >= left:
            continue
        state.apply(vi, best)


def construct(state: State, rng: np.random.Generator) -> None:
    cp = state.cp
    todo = [vi for vi in range(len(cp.visit_tasks)) if not state.assigned[vi]]
    # Hard visits first (two carers, then tight windows), then by opening time.
    todo.sort(key=lambda vi: (-len(cp.visit_tasks[vi]), cp.e1[cp.visit_tasks[vi][0]]))
    insert_visits(state, todo, rng)


def _free(state: State) -> list[int]:
    return [int(vi) for vi in np.flatnonzero(state.assigned) if not state.pinned[vi]]


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
    """Visits whose removal saves the most travel (randomised so repeats differ)."""
    free = _free(state)
    if not free:
        return []
    cp = state.cp
    gains = np.zeros(cp.n_tasks)
    removal_gains(state.R, state.L, cp.kernel_args, gains)
    per_visit = np.array([gains[list(cp.visit_tasks[vi])].sum() for vi in free])
    score = per_visit * (1.0 + 0.3 * rng.random(len(free)))
    return [free[i] for i in np.argsort(score)[::-1][:q]]


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
    # Tuning knobs: visits removed per iteration (share of the free ones, capped), initial
    # temperature as a share of the mean cost per visit (cooled geometrically to 0.2 % of it).
    Q_SHARE = 0.35
    Q_CAP = 40
    TEMP_SHARE = 0.1
    Q_SMALL = 2.0  # mean extra size of "small" moves (0: sizes uniform in 2..q_max)

    # Small moves (see anneal.py) per chunk after each ruin-and-recreate iteration (0: none),
    # at this multiple of the ruin-and-recreate temperature: small moves change the cost by
    # little, so they need a hotter chain to move at all. Tuned on sets D-G (notes in
    # docs/solver.md); 30 and 100 do about as well.
    SA_MOVES = 2000
    SA_TEMP = 50.0

    def __init__(self, state: State, rng: np.random.Generator) -> None:
        self.state = state
        self.rng = rng
        self.weights = np.ones(len(DESTROYS) * 2)
        n_free = int((~state.pinned).sum())
        self.q_max = max(2, min(self.Q_CAP, int(self.Q_SHARE * n_free)))
        self.sibling, self.allowed_ptr, self.allowed_v = move_tables(state.cp)
        self.sa_moves = self.SA_MOVES if HAVE_NUMBA else 0
        self.sa_stats = np.zeros(8, dtype=np.int64)
        seed_anneal(int(rng.integers(1 << 31)))

    def anneal(
        self, cur: State, cur_cost: float, best_cost: float, temp_from: float, temp_to: float
    ) -> tuple[float, State | None, float]:
        """Small-move annealing on ``cur`` (in place): (new cost, new best state or None,
        best cost)."""
        n_v = cur.cp.n_vehicles
        tasks = np.concatenate(
            [cur.R[v, cur.min_pos[v] : cur.L[v]] for v in range(n_v)] + [np.zeros(0, np.int64)]
        ).astype(np.int64)
        left = cur.left_out_cost()
        out = np.array([cur.route_cost(), best_cost - left])
        best_R, best_L = cur.R.copy(), cur.L.copy()
        before = out[1]
        anneal(
            cur.R, cur.L, cur.cp.kernel_args, cur.W, cur.min_pos, tasks, self.sibling,
            self.allowed_ptr, self.allowed_v, self.sa_moves, temp_from, temp_to, best_R,
            best_L, out, self.sa_stats,
        )  # fmt: skip
        cur._touch()
        if out[1] < before - 1e-9:
            best = cur.copy()
            best.R[:] = best_R
            best.L[:] = best_L
            best._touch()
            return float(out[0]) + left, best, float(out[1]) + left
        return float(out[0]) + left, None, best_cost

    def _size(self) -> int:
        """Visits to remove: mostly small (cheap, like relocate moves in simulated
        annealing) when ``Q_SMALL`` > 0, with occasional large ones to escape."""
        if self.q_max <= 2:
            return self.q_max
        if self.Q_SMALL > 0 and self.rng.random() < 0.8:
            return int(min(self.q_max, 1 + self.rng.geometric(1.0 / (1.0 + self.Q_SMALL))))
        return int(self.rng.integers(2, self.q_max + 1))

    def run(self, deadline: float, max_iterations: int | None) -> SearchStats:
        t_start = time.monotonic()
        cur = self.state
        cur_cost = cur.cost()
        best, best_cost, initial = cur.copy(), cur_cost, cur_cost
        temp0 = max(1e-3, self.TEMP_SHARE * cur_cost / max(1, len(cur.cp.visit_tasks)))
        it = 0
        limit = max_iterations if max_iterations is not None else 1 << 62
        while it < limit and (max_iterations is not None or time.monotonic() < deadline):
            frac = (
                it / limit
                if max_iterations is not None
                else ((time.monotonic() - t_start) / max(1e-9, deadline - t_start))
            )
            temp = temp0 * (0.002 ** min(1.0, frac))
            op = int(self.rng.choice(len(self.weights), p=self.weights / self.weights.sum()))
            trial = cur.copy()
            q = self._size()
            removed = DESTROYS[op // 2](trial, q, self.rng)
            for vi in removed:
                trial.remove_visit(vi)
            removed += [int(v) for v in np.flatnonzero(~trial.assigned) if v not in removed]
            self.rng.shuffle(removed)
            insert_visits(
                trial,
                [int(v) for v in removed],
                self.rng,
                regret=op % 2 == 1,
                noise=0.05 if self.rng.random() < 0.3 else 0.0,
            )
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
            if self.sa_moves:
                t_sa = temp * self.SA_TEMP
                cur_cost, found, best_cost = self.anneal(cur, cur_cost, best_cost, t_sa, t_sa)
                if found is not None:
                    best = found
            it += 1
            if it % 200 == 0 and cur_cost > best_cost * 1.02:
                cur, cur_cost = best.copy(), best_cost  # restart from the best after drifting
        self.state = best
        return SearchStats(it, time.monotonic() - t_start, best_cost, initial)
