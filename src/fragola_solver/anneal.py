"""Simulated annealing over small moves, compiled in one loop (Numba when available).

Where a ruin-and-recreate iteration of the large neighbourhood search costs milliseconds, a
small move (relocate one service, swap two services, move a short chain of services to another
route, or exchange the tails of two routes) is evaluated with one earliest-start
``schedule`` of the routes, a few microseconds: hundreds of thousands of moves per second
instead of hundreds. The acceptance is the Metropolis rule at a temperature that falls
geometrically over each call; the caller chains calls along its own cooling schedule.

Only services already routed move; visits left out stay out (the large neighbourhood search
decides what is served). Frozen route prefixes (``min_pos``, replanning) never change, and the
two services of a visit never end up with the same carer (on one route or two of their shifts).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from fragola_solver.compiled import Compiled, FltArr, IntArr
from fragola_solver.jit import jit, jit_inline
from fragola_solver.kernels import INFEASIBLE, _insert, _remove, route_idle, schedule_within

Tuple = Any

# Move kinds, for the statistics array.
RELOCATE, SWAP, CHAIN, TAILS = 0, 1, 2, 3
N_KINDS = 4


def move_tables(cp: Compiled) -> tuple[IntArr, IntArr, IntArr]:
    """(sibling, allowed_ptr, allowed_v): the other service of each task's visit (-1 if none)
    and, per task, the vehicles allowed to serve it (CSR layout)."""
    sibling = np.full(cp.n_tasks, -1, dtype=np.int64)
    for tasks in cp.visit_tasks:
        if len(tasks) == 2:
            sibling[tasks[0]], sibling[tasks[1]] = tasks[1], tasks[0]
    ptr = np.zeros(cp.n_tasks + 1, dtype=np.int64)
    rows = []
    for t in range(cp.n_tasks):
        vs = np.flatnonzero(cp.ok[:, t]).astype(np.int64)
        rows.append(vs)
        ptr[t + 1] = ptr[t] + vs.size
    allowed = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    return sibling, ptr, allowed.astype(np.int64)


@jit
def seed(value: int) -> None:
    """Seed the compiled loop's own random generator (separate from NumPy's)."""
    np.random.seed(value)


@jit_inline
def _reindex(v: int, R: IntArr, L: IntArr, veh: IntArr, pos: IntArr) -> None:
    for k in range(L[v]):
        veh[R[v, k]] = v
        pos[R[v, k]] = k


@jit_inline
def _fixed(v: int, R: IntArr, L: IntArr, P: Tuple, fx: FltArr) -> None:
    """Parts of route ``v``'s cost that do not depend on start times: travel, assignment
    cost and idle time, into ``fx[0, v]``, ``fx[1, v]``, ``fx[2, v]``."""
    loc, st_loc, en_loc, D, assign_cost = P[0], P[10], P[11], P[12], P[18]
    travel = 0.0
    extra = 0.0
    if L[v] > 0:
        prev = st_loc[v]
        for k in range(L[v]):
            t = R[v, k]
            travel += D[prev, loc[t]]
            extra += assign_cost[v, t]
            prev = loc[t]
        travel += D[prev, en_loc[v]]
    fx[0, v] = travel
    fx[1, v] = extra
    fx[2, v] = route_idle(v, R, L, P)


@jit_inline
def _bound(fx: FltArr, weights: FltArr) -> float:
    """Cost of the start-time independent parts: a lower bound of the routes' cost."""
    return weights[0] * fx[0].sum() + fx[1].sum() + weights[4] * max(0.0, fx[2].max())


@jit_inline
def _can_take(v: int, t: int, sibling: IntArr, veh: IntArr, ok: Any, carer: IntArr) -> bool:
    """Vehicle ``v`` may serve ``t``: allowed, and its carer (on any shift) does not already
    serve the other service of ``t``'s visit."""
    if not ok[v, t]:
        return False
    s = sibling[t]
    return s < 0 or veh[s] < 0 or carer[veh[s]] != carer[v]


@jit
def anneal(
    R: IntArr,
    L: IntArr,
    P: Tuple,
    W: Tuple,
    min_pos: IntArr,
    tasks: IntArr,
    sibling: IntArr,
    allowed_ptr: IntArr,
    allowed_v: IntArr,
    n_moves: int,
    temp_from: float,
    temp_to: float,
    best_R: IntArr,
    best_L: IntArr,
    out: FltArr,
    stats: IntArr,
) -> None:
    """Run ``n_moves`` annealing moves on ``R, L`` (left at the current solution).

    ``out``: [current cost (in: of R, L), best cost (in: to beat)]; ``best_R, best_L`` receive
    every improvement on it. ``tasks``: the routed services that may move. ``stats[2k]`` /
    ``stats[2k + 1]``: moves tried / accepted per kind."""
    ok, weights, carer = P[20], P[19], P[3]
    n_v = L.shape[0]
    n_t = P[0].shape[0]
    veh = np.full(n_t, -1, dtype=np.int64)
    pos = np.full(n_t, -1, dtype=np.int64)
    for v in range(n_v):
        _reindex(v, R, L, veh, pos)
    cur = out[0]
    best = out[1]
    n_free = tasks.shape[0]
    fx = np.zeros((3, n_v))
    for v in range(n_v):
        _fixed(v, R, L, P, fx)
    keep = np.zeros(6)
    # Deadlocks (two carers each waiting for the other) show as endless raising: give up
    # early, these moves are rejected anyway.
    budget = 4 * n_t + 64
    if n_free == 0 or n_moves <= 0:
        return
    ratio = (temp_to / temp_from) ** (1.0 / n_moves) if temp_from > 0 else 1.0
    temp = temp_from
    # Scratch copy of two routes, to undo chain and tail moves.
    save_a = np.empty(R.shape[1], dtype=np.int64)
    save_b = np.empty(R.shape[1], dtype=np.int64)
    for _ in range(n_moves):
        temp *= ratio
        p = 0
        k2 = 0
        u = -1
        r = np.random.random()
        t = tasks[np.random.randint(n_free)]
        v1 = veh[t]
        k1 = pos[t]
        if r < 0.45:
            kind = RELOCATE
        elif r < 0.75:
            kind = SWAP
        elif r < 0.92:
            kind = CHAIN
        else:
            kind = TAILS
        n_allowed = allowed_ptr[t + 1] - allowed_ptr[t]
        if n_allowed == 0:
            continue
        v2 = allowed_v[allowed_ptr[t] + np.random.randint(n_allowed)]
        la = L[v1]
        lb = L[v2]
        if kind == RELOCATE:
            if v2 != v1 and not _can_take(v2, t, sibling, veh, ok, carer):
                continue
            hi = L[v2] - 1 if v2 == v1 else L[v2]
            if hi < min_pos[v2]:
                continue
            p = min_pos[v2] + np.random.randint(hi - min_pos[v2] + 1)
            if v2 == v1 and p == k1:
                continue
            _remove(R, L, v1, k1)
            _insert(R, L, v2, p, t)
        elif kind == SWAP:
            if L[v2] <= min_pos[v2]:
                continue
            k2 = min_pos[v2] + np.random.randint(L[v2] - min_pos[v2])
            u = R[v2, k2]
            if u == t:
                continue
            if v2 != v1:
                # t takes u's place on v2 and u takes t's on v1.
                if not ok[v2, t] or not ok[v1, u]:
                    continue
                if sibling[t] >= 0 and sibling[t] != u and carer[veh[sibling[t]]] == carer[v2]:
                    continue
                if sibling[u] >= 0 and sibling[u] != t and carer[veh[sibling[u]]] == carer[v1]:
                    continue
            R[v1, k1] = u
            R[v2, k2] = t
        elif kind == CHAIN:
            # Move t and up to two followers on its route, in order, to a position on v2.
            if v2 == v1:
                continue
            n = 1 + np.random.randint(3)
            if k1 + n > L[v1]:
                n = L[v1] - k1
            fits = True
            for i in range(n):
                if not _can_take(v2, R[v1, k1 + i], sibling, veh, ok, carer):
                    fits = False
                    break
            if not fits:
                continue
            p = min_pos[v2] + np.random.randint(L[v2] - min_pos[v2] + 1)
            for i in range(la):
                save_a[i] = R[v1, i]
            for i in range(lb):
                save_b[i] = R[v2, i]
            for i in range(n):
                _insert(R, L, v2, p + i, R[v1, k1 + i])
            for _i in range(n):
                _remove(R, L, v1, k1)
        else:  # TAILS: v1 keeps its head up to t, then continues with v2's tail (and back)
            if v2 == v1:
                continue
            lo = min_pos[v2]
            k2 = lo + np.random.randint(L[v2] - lo + 1)
            fits = True
            for i in range(k1, L[v1]):
                if not _can_take(v2, R[v1, i], sibling, veh, ok, carer):
                    fits = False
                    break
            if fits:
                for i in range(k2, L[v2]):
                    if not _can_take(v1, R[v2, i], sibling, veh, ok, carer):
                        fits = False
                        break
            if not fits:
                continue
            # Two services of one visit swapping sides together is allowed; one crossing
            # onto the other's route is caught by _can_take above.
            for i in range(la):
                save_a[i] = R[v1, i]
            for i in range(lb):
                save_b[i] = R[v2, i]
            n1 = k1
            for i in range(k2, lb):
                R[v1, n1] = save_b[i]
                n1 += 1
            n2 = k2
            for i in range(k1, la):
                R[v2, n2] = save_a[i]
                n2 += 1
            L[v1] = n1
            L[v2] = n2
        stats[2 * kind] += 1
        # Metropolis with the threshold drawn first: accept iff cost < threshold. The part
        # of the cost that does not depend on start times is a lower bound computed from the
        # two routes alone, so most bad moves are rejected without scheduling.
        threshold = cur
        if temp > 0.0:
            threshold -= temp * math.log(1.0 - np.random.random())
        for j in range(3):
            keep[j] = fx[j, v1]
            keep[3 + j] = fx[j, v2]
        _fixed(v1, R, L, P, fx)
        if v2 != v1:
            _fixed(v2, R, L, P, fx)
        accepted = False
        if _bound(fx, weights) < threshold:
            cost = schedule_within(R, L, P, W, budget)
            accepted = cost < INFEASIBLE and (cost < threshold or cost <= cur)
        if accepted:
            cur = cost
            stats[2 * kind + 1] += 1
            _reindex(v1, R, L, veh, pos)
            if v2 != v1:
                _reindex(v2, R, L, veh, pos)
            if cur < best - 1e-9:
                best = cur
                for v in range(n_v):
                    best_L[v] = L[v]
                    for i in range(L[v]):
                        best_R[v, i] = R[v, i]
            continue
        # Undo.
        for j in range(3):
            fx[j, v1] = keep[j]
            fx[j, v2] = keep[3 + j]
        if kind == RELOCATE:
            _remove(R, L, v2, p)
            _insert(R, L, v1, k1, t)
        elif kind == SWAP:
            R[v1, k1] = t
            R[v2, k2] = u
        else:
            for i in range(la):
                R[v1, i] = save_a[i]
            for i in range(lb):
                R[v2, i] = save_b[i]
            L[v1] = la
            L[v2] = lb
    out[0] = cur
    out[1] = best
