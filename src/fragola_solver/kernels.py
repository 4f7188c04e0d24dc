"""Hot loops of the solver (Numba-compiled when available).

``schedule`` computes the earliest-start schedule of all routes. Synchronisation is a set of
difference constraints start[b] - start[a] in [gmin, gmax]; we raise lower bounds and re-run
the routes until nothing moves (a Bellman-Ford on the precedence graph). A longest path uses at
most one edge per pair, so more than n_pairs + 1 rounds means a positive cycle: a deadlock
(e.g. two carers waiting for each other), reported as infeasible. Earliest starts minimise
every tardiness at once, so for a given routing this schedule is optimal for the benchmark
objectives (travel does not depend on times).
"""

from __future__ import annotations

import numpy as np

from fragola_solver.compiled import FltArr, IntArr
from fragola_solver.jit import jit

INFEASIBLE = 1e12
TOL = 1e-9


@jit
def window_start(t0: float, e1: float, l1: float, e2: float) -> float:
    """Earliest allowed start at or after ``t0`` (second window only if the first is missed)."""
    if t0 <= l1 or e2 >= 1e8:
        return max(t0, e1)
    return max(t0, e2)


@jit
def task_tardiness(s: float, l1: float, e2: float, l2: float) -> float:
    if s >= e2:
        return max(0.0, s - l2)
    return max(0.0, s - l1)


@jit
def schedule(
    R: IntArr, L: IntArr, loc: IntArr, dur: FltArr, e1: FltArr, l1: FltArr, e2: FltArr,
    l2: FltArr, sh_start: FltArr, sh_end: FltArr, st_loc: IntArr, en_loc: IntArr, D: FltArr,
    pair_a: IntArr, pair_b: IntArr, gmin: FltArr, gmax: FltArr, assign_cost: FltArr,
    weights: FltArr, lower: FltArr, start: FltArr,
) -> float:
    """Fill ``start`` (-1 for unassigned tasks) and return the weighted cost of the routes."""
    n_v = L.shape[0]
    start[:] = -1.0
    lower[:] = 0.0
    feasible = False
    for _ in range(pair_a.shape[0] + 2):
        for v in range(n_v):
            time = sh_start[v]
            prev = st_loc[v]
            for k in range(L[v]):
                t = R[v, k]
                a = max(time + D[prev, loc[t]], lower[t])
                s = window_start(a, e1[t], l1[t], e2[t])
                start[t] = s
                time = s + dur[t]
                prev = loc[t]
        changed = False
        for q in range(pair_a.shape[0]):
            a = pair_a[q]
            b = pair_b[q]
            if start[a] < 0.0 or start[b] < 0.0:
                continue
            if start[b] < start[a] + gmin[q] - TOL:
                lower[b] = start[a] + gmin[q]
                changed = True
            if start[a] < start[b] - gmax[q] - TOL:
                lower[a] = start[b] - gmax[q]
                changed = True
        if not changed:
            feasible = True
            break
    travel = 0.0
    tard = 0.0
    max_tard = 0.0
    over = 0.0
    extra = 0.0
    for v in range(n_v):
        prev = st_loc[v]
        time = sh_start[v]
        for k in range(L[v]):
            t = R[v, k]
            travel += D[prev, loc[t]]
            td = task_tardiness(start[t], l1[t], e2[t], l2[t])
            tard += td
            max_tard = max(max_tard, td)
            extra += assign_cost[v, t]
            prev = loc[t]
            time = start[t] + dur[t]
        if L[v] > 0:
            travel += D[prev, en_loc[v]]
            over += max(0.0, time + D[prev, en_loc[v]] - sh_end[v])
    cost = weights[0] * travel + weights[1] * tard + weights[2] * max_tard
    cost += weights[3] * over + extra
    if not feasible:
        cost += INFEASIBLE
    return cost


@jit
def _insert(R: IntArr, L: IntArr, v: int, p: int, t: int) -> None:
    for k in range(L[v], p, -1):
        R[v, k] = R[v, k - 1]
    R[v, p] = t
    L[v] += 1


@jit
def _remove(R: IntArr, L: IntArr, v: int, p: int) -> None:
    for k in range(p, L[v] - 1):
        R[v, k] = R[v, k + 1]
    L[v] -= 1


@jit
def _partner_bound(t: int, s: float, task_pair: IntArr, pair_a: IntArr, pair_b: IntArr,
                   gmin: FltArr, gmax: FltArr, start: FltArr) -> float:
    """Earliest start of ``t`` allowed by its (already scheduled) partner."""
    q = task_pair[t]
    if q < 0:
        return s
    if pair_a[q] == t:
        other = pair_b[q]
        return s if start[other] < 0.0 else max(s, start[other] - gmax[q])
    other = pair_a[q]
    return s if start[other] < 0.0 else max(s, start[other] + gmin[q])


@jit
def _estimate(t: int, v: int, p: int, R: IntArr, L: IntArr, loc: IntArr, dur: FltArr,
              e1: FltArr, l1: FltArr, e2: FltArr, l2: FltArr, sh_start: FltArr, sh_end: FltArr,
              st_loc: IntArr, en_loc: IntArr, D: FltArr, task_pair: IntArr, pair_a: IntArr,
              pair_b: IntArr, gmin: FltArr, gmax: FltArr, weights: FltArr, start: FltArr,
              max_tard: float) -> float:
    """Approximate cost increase of inserting ``t`` at (v, p), other routes fixed.

    Exact for travel; the time shift is propagated along route v (and one hop to partners of
    the shifted tasks) until it is absorbed by waiting time."""
    if p == 0:
        time = sh_start[v]
        prev = st_loc[v]
    else:
        u = R[v, p - 1]
        time = start[u] + dur[u]
        prev = loc[u]
    nxt = en_loc[v] if p == L[v] else loc[R[v, p]]
    d_travel = D[prev, loc[t]] + D[loc[t], nxt] - D[prev, nxt]
    s = window_start(_partner_bound(t, time + D[prev, loc[t]], task_pair, pair_a, pair_b, gmin,
                                    gmax, start), e1[t], l1[t], e2[t])
    td = task_tardiness(s, l1[t], e2[t], l2[t])
    d_tard = td
    new_max = max(max_tard, td)
    time = s + dur[t]
    prev = loc[t]
    absorbed = False
    for k in range(p, L[v]):
        u = R[v, k]
        a = time + D[prev, loc[u]]
        if a <= start[u]:
            absorbed = True
            break
        su = window_start(a, e1[u], l1[u], e2[u])
        old = task_tardiness(start[u], l1[u], e2[u], l2[u])
        new = task_tardiness(su, l1[u], e2[u], l2[u])
        d_tard += new - old
        new_max = max(new_max, new)
        q = task_pair[u]
        if q >= 0:
            other = pair_b[q] if pair_a[q] == u else pair_a[q]
            shift = su - start[u]
            if start[other] >= 0.0 and (pair_a[q] == u or gmax[q] - gmin[q] < shift):
                so = start[other] + shift
                on = task_tardiness(so, l1[other], e2[other], l2[other])
                d_tard += on - task_tardiness(start[other], l1[other], e2[other], l2[other])
                new_max = max(new_max, on)
        time = su + dur[u]
        prev = loc[u]
    d_over = 0.0
    if not absorbed:
        old_end = sh_start[v]
        if L[v] > 0:
            last = R[v, L[v] - 1]
            old_end = start[last] + dur[last] + D[loc[last], en_loc[v]]
        new_end = time + D[prev, en_loc[v]]
        d_over = max(0.0, new_end - sh_end[v]) - max(0.0, old_end - sh_end[v])
    return (weights[0] * d_travel + weights[1] * d_tard + weights[2] * (new_max - max_tard)
            + weights[3] * d_over)


@jit
def insertion_costs(
    t: int, skip_v: int, ok: np.ndarray, R: IntArr, L: IntArr, loc: IntArr, dur: FltArr,
    e1: FltArr, l1: FltArr, e2: FltArr, l2: FltArr, sh_start: FltArr, sh_end: FltArr,
    st_loc: IntArr, en_loc: IntArr, D: FltArr, task_pair: IntArr, pair_a: IntArr,
    pair_b: IntArr, gmin: FltArr, gmax: FltArr, assign_cost: FltArr, weights: FltArr,
    lower: FltArr, start: FltArr, keep: int, out_cost: FltArr, out_v: IntArr, out_p: IntArr,
) -> int:
    """Exact solution cost after inserting task ``t`` at the ``keep`` most promising positions.

    Every allowed position is first scored by ``_estimate`` (cheap, route-local); only the
    best ``keep`` are re-scheduled in full, which accounts for all synchronisation effects."""
    base = schedule(R, L, loc, dur, e1, l1, e2, l2, sh_start, sh_end, st_loc, en_loc, D, pair_a,
                    pair_b, gmin, gmax, assign_cost, weights, lower, start)
    max_tard = 0.0
    for v in range(L.shape[0]):
        for k in range(L[v]):
            u = R[v, k]
            max_tard = max(max_tard, task_tardiness(start[u], l1[u], e2[u], l2[u]))
    n = 0
    cap = R.shape[1]
    for v in range(L.shape[0]):
        if v == skip_v or not ok[v, t] or L[v] >= cap:
            continue
        for p in range(L[v] + 1):
            out_cost[n] = base + assign_cost[v, t] + _estimate(
                t, v, p, R, L, loc, dur, e1, l1, e2, l2, sh_start, sh_end, st_loc, en_loc, D,
                task_pair, pair_a, pair_b, gmin, gmax, weights, start, max_tard)
            out_v[n] = v
            out_p[n] = p
            n += 1
    if n > keep:
        order = np.argsort(out_cost[:n])[:keep]
        cv = out_v[order].copy()
        cpp = out_p[order].copy()
        n = keep
        out_v[:n] = cv
        out_p[:n] = cpp
    base_start = start.copy()
    for i in range(n):
        v = out_v[i]
        p = out_p[i]
        _insert(R, L, v, p, t)
        out_cost[i] = schedule(R, L, loc, dur, e1, l1, e2, l2, sh_start, sh_end, st_loc, en_loc,
                               D, pair_a, pair_b, gmin, gmax, assign_cost, weights, lower, start)
        _remove(R, L, v, p)
    start[:] = base_start
    return n
