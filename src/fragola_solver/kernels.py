"""Hot loops of the solver (Numba-compiled when available).

Start times are the *earliest* schedule of the routes. Synchronisation is a set of difference
constraints start[b] - start[a] in [gmin, gmax]; a violation raises the task that is too early
and marks the rest of its route for re-simulation, until nothing moves (a label-correcting
longest-path computation on the precedence graph). Endless raising means a positive cycle: a
deadlock (e.g. two carers each waiting for the other), reported as infeasible. Earliest starts
minimise every tardiness at once, so for a given routing this schedule is optimal for
objectives that do not reward waiting (all Mankowska ones).

Problem arrays travel together in the tuple ``P`` (see ``Compiled.kernel_args``) and scratch
arrays in ``W`` (see ``State``), to keep signatures short.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from fragola_solver.compiled import FltArr, IntArr
from fragola_solver.jit import jit, jit_inline

INFEASIBLE = 1e12
# A route back home after the end of a shift that another shift of the day follows: a hard rule,
# priced far above leaving a mandatory visit out (1e6) yet graded (per route, per minute) so
# that a search started from such a plan (the current one, made by hand) finds its way out.
LATE_FOR_SHIFT = 1e8
LATE_FOR_SHIFT_MINUTE = 1e4
TOL = 1e-9
FAR_POS = 1 << 40

# Slots of the accumulator array ``acc``.
TARD, MAXT, UNDO, RAISES, TOUCHED, QHEAD, QSIZE = 0, 1, 2, 3, 4, 5, 6

Tuple = Any  # Numba heterogeneous tuples (see module docstring)


@jit_inline
def window_start(t0: float, e1: float, l1: float, e2: float) -> float:
    """Earliest allowed start at or after ``t0`` (second window only if the first is missed)."""
    if t0 <= l1 or e2 >= 1e8:
        return max(t0, e1)
    return max(t0, e2)


@jit_inline
def task_tardiness(s: float, l1: float, e2: float, l2: float) -> float:
    if s >= e2:
        return max(0.0, s - l2)
    return max(0.0, s - l1)


@jit_inline
def _raise(
    x: int,
    value: float,
    S: FltArr,
    e1: FltArr,
    l1: FltArr,
    e2: FltArr,
    l2: FltArr,
    acc: FltArr,
    undo_t: IntArr,
    undo_s: FltArr,
) -> None:
    """Start task ``x`` at the earliest allowed time >= ``value``; log the old value for undo
    and book the tardiness change."""
    s = window_start(value, e1[x], l1[x], e2[x])
    n = int(acc[UNDO])
    if n < undo_t.shape[0]:
        undo_t[n] = x
        undo_s[n] = S[x]
    acc[UNDO] = n + 1
    if S[x] >= 0.0:
        acc[TARD] -= task_tardiness(S[x], l1[x], e2[x], l2[x])
    td = task_tardiness(s, l1[x], e2[x], l2[x])
    acc[TARD] += td
    acc[MAXT] = max(acc[MAXT], td)
    acc[RAISES] += 1
    S[x] = s


@jit_inline
def _mark(
    v: int, k: int, dirty: IntArr, dirty_max: IntArr, queue: IntArr, in_q: IntArr, acc: FltArr
) -> None:
    """Route ``v`` must be re-simulated from position ``k``. Several marks coalesce into one
    re-simulation from the first to (at least) the last marked position."""
    if k < dirty[v]:
        dirty[v] = k
    if k > dirty_max[v]:
        dirty_max[v] = k
    if in_q[v] == 0:
        in_q[v] = 1
        queue[(int(acc[QHEAD]) + int(acc[QSIZE])) % queue.shape[0]] = v
        acc[QSIZE] += 1


@jit
def _settle(R: IntArr, L: IntArr, P: Tuple, W: Tuple, acc: FltArr, budget: int, t: int) -> bool:
    """Process marked routes until every constraint holds. Returns False on a deadlock: a
    positive cycle raises start times forever, so more than ``budget`` raises means one.
    After inserting task ``t`` (-1: none) into a feasible schedule every raise descends from
    ``t``'s placement, so ``t`` raised again, beyond its placement and its partner's answer,
    closes a positive cycle: a deadlock found at once.

    Route simulation stops where a start no longer moves (the rest of the route keeps its
    times) but not before the last marked position; a raised task with a partner restores
    the pair by raising whichever of the two is too early and marking its route."""
    loc, dur, e1, l1, e2, l2 = P[0], P[1], P[4], P[5], P[6], P[7]
    sh_start, st_loc, D = P[8], P[10], P[12]
    task_pair, pair_a, pair_b, gmin, gmax = P[13], P[14], P[15], P[16], P[17]
    S, veh_of, pos_of, dirty, queue, in_q = W[0], W[1], W[2], W[3], W[4], W[5]
    undo_t, undo_s, touched, touched_list, dirty_max = W[6], W[7], W[8], W[9], W[11]
    n_v = queue.shape[0]
    t_raises = 0
    while acc[QSIZE] > 0:
        v = queue[int(acc[QHEAD])]
        acc[QHEAD] = (int(acc[QHEAD]) + 1) % n_v
        acc[QSIZE] -= 1
        in_q[v] = 0
        k = dirty[v]
        k_last = dirty_max[v]
        dirty[v] = FAR_POS
        dirty_max[v] = -1
        if touched[v] == 0:  # remember the route: its end (overtime) may have moved
            touched[v] = 1
            touched_list[int(acc[TOUCHED])] = v
            acc[TOUCHED] += 1
        if k == 0:
            time = sh_start[v]
            prev = st_loc[v]
        else:
            u = R[v, k - 1]
            time = S[u] + dur[u]
            prev = loc[u]
        for kk in range(k, L[v]):
            u = R[v, kk]
            arrival = time + D[prev, loc[u]]
            if S[u] >= 0.0 and arrival <= S[u] + TOL:
                if kk >= k_last:
                    break  # absorbed by waiting
            else:
                _raise(u, max(arrival, S[u]), S, e1, l1, e2, l2, acc, undo_t, undo_s)
                t_raises += u == t
                q = task_pair[u]
                if q >= 0 and S[pair_a[q]] >= 0.0 and S[pair_b[q]] >= 0.0:
                    a = pair_a[q]
                    b = pair_b[q]
                    for _ in range(4):  # a second window can make them bounce; more: conflict
                        moved = False
                        if S[b] < S[a] + gmin[q] - TOL:
                            _raise(b, S[a] + gmin[q], S, e1, l1, e2, l2, acc, undo_t, undo_s)
                            t_raises += b == t
                            _mark(veh_of[b], pos_of[b] + 1, dirty, dirty_max, queue, in_q, acc)
                            moved = True
                        if S[a] < S[b] - gmax[q] - TOL:
                            _raise(a, S[b] - gmax[q], S, e1, l1, e2, l2, acc, undo_t, undo_s)
                            t_raises += a == t
                            _mark(veh_of[a], pos_of[a] + 1, dirty, dirty_max, queue, in_q, acc)
                            moved = True
                        if not moved:
                            break
                    if moved or t_raises > 2:
                        return False
            time = S[u] + dur[u]
            prev = loc[u]
        if acc[RAISES] > budget or t_raises > 2:
            return False
    return True


@jit_inline
def _reset_queue(W: Tuple, acc: FltArr) -> None:
    dirty, in_q, dirty_max, touched = W[3], W[5], W[11], W[8]
    dirty[:] = FAR_POS
    dirty_max[:] = -1
    in_q[:] = 0
    touched[:] = 0
    acc[:] = 0.0


@jit_inline
def _index(R: IntArr, L: IntArr, W: Tuple) -> None:
    veh_of, pos_of = W[1], W[2]
    veh_of[:] = -1
    pos_of[:] = -1
    for v in range(L.shape[0]):
        for k in range(L[v]):
            veh_of[R[v, k]] = v
            pos_of[R[v, k]] = k


@jit
def extras_cost(R: IntArr, L: IntArr, P: Tuple, S: FltArr, parts: FltArr) -> float:
    """Weighted cost of what depends on whole carers rather than single routes: daily and
    weekly working-time excess (overtime), unequal workloads (fairness: max - min working
    minutes over carers, an unused carer working 0) and continuity (distinct carers per
    client beyond the first). Working time runs from leaving home (as late as possible for
    the first visit) to coming back, as in the evaluator. ``parts`` receives the three
    weighted parts. Zero at once when none of them is in play (``P[25]``)."""
    parts[:] = 0.0
    if P[25][0] == 0:
        return 0.0
    loc, dur, veh_carer, sh_start, sh_end = P[0], P[1], P[3], P[8], P[9]
    st_loc, en_loc, D, weights = P[10], P[11], P[12], P[19]
    task_client, carer_week, veh_daily, veh_cday = P[22], P[23], P[24], P[28]
    n_c = carer_week.shape[0]
    n_v = L.shape[0]
    load = np.zeros(n_c)
    # Per (carer, day): working minutes over its shifts, minutes late (already counted with
    # the routes) and the daily limit.
    day_work = np.zeros(n_v)
    day_late = np.zeros(n_v)
    day_limit = np.full(n_v, -1.0)
    over = 0.0
    for v in range(n_v):
        if L[v] == 0:
            continue
        first = R[v, 0]
        last = R[v, L[v] - 1]
        leave = max(sh_start[v], S[first] - D[st_loc[v], loc[first]])
        end = S[last] + dur[last] + D[loc[last], en_loc[v]]
        work = end - leave
        load[veh_carer[v]] += work
        g = veh_cday[v]
        day_work[g] += work
        day_late[g] += max(0.0, end - sh_end[v])
        day_limit[g] = veh_daily[v]
    for g in range(n_v):
        if day_limit[g] >= 0.0:
            over += max(day_late[g], day_work[g] - day_limit[g]) - day_late[g]
    for c in range(n_c):
        over += max(0.0, load[c] - carer_week[c])
    parts[0] = weights[3] * over
    if weights[5] > 0.0 and n_c > 1:
        parts[1] = weights[5] * (load.max() - load.min())
    if weights[6] > 0.0 and task_client.shape[0] > 0:
        n_cl = task_client.max() + 1
        seen = np.zeros((n_cl, n_c), dtype=np.bool_)
        extra = 0
        count = np.zeros(n_cl, dtype=np.int64)
        for v in range(L.shape[0]):
            c = veh_carer[v]
            for k in range(L[v]):
                cl = task_client[R[v, k]]
                if not seen[cl, c]:
                    seen[cl, c] = True
                    count[cl] += 1
                    if count[cl] > 1:
                        extra += 1
        parts[2] = weights[6] * extra
    return parts[0] + parts[1] + parts[2]


@jit
def schedule(R: IntArr, L: IntArr, P: Tuple, W: Tuple) -> float:
    """Earliest schedule into ``W[0]`` (-1 for unassigned tasks); weighted cost of the routes
    (INFEASIBLE added on a deadlock)."""
    return schedule_within(R, L, P, W, (P[14].shape[0] + 2) * (P[0].shape[0] + 2))


@jit
def schedule_within(R: IntArr, L: IntArr, P: Tuple, W: Tuple, budget: int) -> float:
    """``schedule`` that gives up (INFEASIBLE) after ``budget`` start-time raises: a deadlock
    is certain beyond the default budget; a smaller one is a cheap heuristic filter that may
    also reject a very entangled feasible schedule."""
    loc, dur, e2, l1, l2 = P[0], P[1], P[6], P[5], P[7]
    sh_end, en_loc, D, assign_cost, weights = P[9], P[11], P[12], P[18], P[19]
    hard_end = P[27]
    S, acc = W[0], W[10]
    n_v = L.shape[0]
    _index(R, L, W)
    _reset_queue(W, acc)
    S[:] = -1.0
    for v in range(n_v):
        if L[v] > 0:
            _mark(v, 0, W[3], W[11], W[4], W[5], acc)
    feasible = _settle(R, L, P, W, acc, budget, -1)
    travel = 0.0
    tard = 0.0
    max_tard = 0.0
    over = 0.0
    extra = 0.0
    hard = 0.0
    for v in range(n_v):
        if L[v] == 0:
            continue
        prev = P[10][v]
        for k in range(L[v]):
            t = R[v, k]
            travel += D[prev, loc[t]]
            td = task_tardiness(S[t], l1[t], e2[t], l2[t])
            tard += td
            max_tard = max(max_tard, td)
            extra += assign_cost[v, t]
            prev = loc[t]
        last = R[v, L[v] - 1]
        travel += D[prev, en_loc[v]]
        end = S[last] + dur[last] + D[prev, en_loc[v]]
        over += max(0.0, end - sh_end[v])
        hard += _late_for_shift(end, hard_end[v])  # not home before the next shift
    # Largest idle time (a route that misses its break is idle for the break's length too, as
    # in the evaluator), missed breaks and waiting; none of them on Mankowska instances.
    idle_max = 0.0
    timed = 0.0
    if weights[4] > 0.0 or weights[7] > 0.0 or weights[8] > 0.0:
        for v in range(n_v):
            missed = route_missed_break(v, R, L, P, S)  # 0 at once without a break
            idle_max = max(idle_max, route_idle(v, R, L, P) + P[26][v, 2] * missed)
            timed += weights[8] * missed
            if weights[7] > 0.0:
                timed += weights[7] * route_waiting(v, R, L, P, S)
    cost = weights[0] * travel + weights[1] * tard + weights[2] * max_tard
    cost += weights[3] * over + extra + weights[4] * idle_max + timed + hard
    cost += extras_cost(R, L, P, S, W[13])
    if not feasible:
        cost += INFEASIBLE
    W[12][0] = cost
    return cost


@jit_inline
def route_idle(v: int, R: IntArr, L: IntArr, P: Tuple) -> float:
    """Idle minutes of route ``v`` (independent of start times): its whole shift when unused."""
    loc, dur, st_loc, en_loc, D, idle_base = P[0], P[1], P[10], P[11], P[12], P[21]
    if L[v] == 0:
        return idle_base[v]
    idle = idle_base[v]
    prev = st_loc[v]
    for k in range(L[v]):
        t = R[v, k]
        idle -= dur[t] + D[prev, loc[t]]
        prev = loc[t]
    return idle - D[prev, en_loc[v]]


@jit_inline
def route_waiting(v: int, R: IntArr, L: IntArr, P: Tuple, S: FltArr) -> float:
    """Minutes route ``v``'s carer waits between arriving and starting (none before the first
    visit: the carer leaves home as late as possible)."""
    loc, dur, D = P[0], P[1], P[12]
    waiting = 0.0
    for k in range(1, L[v]):
        u = R[v, k - 1]
        t = R[v, k]
        waiting += S[t] - (S[u] + dur[u] + D[loc[u], loc[t]])
    return waiting


@jit_inline
def route_missed_break(v: int, R: IntArr, L: IntArr, P: Tuple, S: FltArr) -> float:
    """1 when route ``v`` has a break to take and no idle gap that fits it (at home before
    the first visit, between two visits or after the last), as the break is placed after the
    search; 0 otherwise (also for an unused carer)."""
    brk = P[26]
    length = brk[v, 2]
    if length <= 0.0 or L[v] == 0:
        return 0.0
    earliest, latest = brk[v, 0], brk[v, 1]
    loc, dur, sh_start, st_loc, D = P[0], P[1], P[8], P[10], P[12]
    pos = st_loc[v]
    free = sh_start[v]
    for k in range(L[v]):
        t = R[v, k]
        if max(free, earliest) + length <= min(S[t] - D[pos, loc[t]], latest) + TOL:
            return 0.0
        pos = loc[t]
        free = S[t] + dur[t]
    return 0.0 if max(free, earliest) + length <= latest + TOL else 1.0


@jit_inline
def _late_for_shift(end: float, hard_end: float) -> float:
    if end <= hard_end + TOL:
        return 0.0
    return LATE_FOR_SHIFT + LATE_FOR_SHIFT_MINUTE * (end - hard_end)


@jit_inline
def _insert(R: IntArr, L: IntArr, v: int, p: int, t: int) -> None:
    for k in range(L[v], p, -1):
        R[v, k] = R[v, k - 1]
    R[v, p] = t
    L[v] += 1


@jit_inline
def _remove(R: IntArr, L: IntArr, v: int, p: int) -> None:
    for k in range(p, L[v] - 1):
        R[v, k] = R[v, k + 1]
    L[v] -= 1


@jit_inline
def _route_end(v: int, R: IntArr, L: IntArr, P: Tuple, S: FltArr) -> float:
    if L[v] == 0:
        return P[8][v]
    last = R[v, L[v] - 1]
    return S[last] + P[1][last] + P[12][P[0][last], P[11][v]]


@jit
def exact_insertions(
    fresh: bool,
    t: int,
    skip_v: int,
    min_pos: IntArr,
    R: IntArr,
    L: IntArr,
    P: Tuple,
    W: Tuple,
    top: int,
    out_cost: FltArr,
    out_v: IntArr,
    out_p: IntArr,
) -> int:
    """Exact solution costs after inserting task ``t``, for (at least) the ``top`` best
    allowed positions; returns how many positions were evaluated into the ``out`` arrays.
    ``skip_v`` (-1: none): a vehicle whose carer may not take ``t`` (on any of their shifts),
    as they already serve the other service of ``t``'s visit.

    Insertion only delays starts, so travel, assignment cost and ``t``'s own tardiness give a
    lower bound; positions are evaluated in bound order (branch and bound) until the bound
    reaches the ``top``-th best exact cost. Each evaluation propagates from the current
    schedule (only what moves is recomputed, see ``_settle``) and is undone; its cost matches
    a full ``schedule``. ``fresh``: ``W`` already holds the schedule of these routes."""
    loc, dur, e1, l1, e2, l2 = P[0], P[1], P[4], P[5], P[6], P[7]
    sh_start, sh_end, st_loc, en_loc = P[8], P[9], P[10], P[11]
    D, ok, assign_cost, weights, task_pair = P[12], P[20], P[18], P[19], P[13]
    veh_carer, hard_end = P[3], P[27]
    skip_c = veh_carer[skip_v] if skip_v >= 0 else -1
    S, veh_of, pos_of, touched, touched_list, acc = W[0], W[1], W[2], W[8], W[9], W[10]
    undo_t, undo_s = W[6], W[7]
    base = W[12][0] if fresh else schedule(R, L, P, W)
    n_v = L.shape[0]
    # Whole-carer costs (extras_cost) are recomputed after each insertion; overtime and
    # fairness may also fall (a raise can shorten a working day), so the bounds leave room.
    has_extras = P[25][0] != 0
    base_extras = extras_cost(R, L, P, S, W[13]) if has_extras else 0.0
    slack = W[13][0] + W[13][1] if has_extras else 0.0
    # Timed per-route terms: waiting and missed breaks (each route's break, missed or not, in
    # ``missed_old``). They fall when an insertion fills a wait or a raise absorbs one or opens
    # a gap: on the route that receives the task and, through synchronised pairs, on any route
    # with a paired task. ``timed_old``: both, weighted, per route.
    brk = P[26]
    has_timed = weights[7] > 0.0 or weights[8] > 0.0
    has_brk = weights[4] > 0.0 and n_v > 0 and brk[:, 2].max() > 0.0
    missed_old = np.zeros(n_v)
    timed_old = np.zeros(n_v)
    timed_paired = 0.0
    paired = np.zeros(n_v, dtype=np.bool_)
    if has_timed or has_brk:
        for v in range(n_v):
            missed_old[v] = route_missed_break(v, R, L, P, S)
    if has_timed:
        for v in range(n_v):
            timed_old[v] = weights[7] * route_waiting(v, R, L, P, S) + weights[8] * missed_old[v]
            for k in range(L[v]):
                if task_pair[R[v, k]] >= 0:
                    paired[v] = True
            if paired[v]:
                timed_paired += timed_old[v]
    max_tard = 0.0
    old_end = np.zeros(n_v)
    # Max idle changes exactly with travel and service time: keep the two largest route idles.
    idle = np.zeros(n_v)
    top1, top2, top1_v = 0.0, 0.0, -1
    for v in range(n_v):
        idle[v] = route_idle(v, R, L, P)
        if idle[v] > top1:
            top1, top2, top1_v = idle[v], top1, v
        elif idle[v] > top2:
            top2 = idle[v]
    # A missed break adds its length to the route's idle time (see ``schedule_within``): the
    # true largest idle may fall by up to one break below the start-time-free estimate.
    missed = np.zeros(n_v)  # per candidate: missed_old, updated on the touched routes
    idle_max = 0.0
    brk_slack = 0.0
    if has_brk:
        brk_slack = weights[4] * brk[:, 2].max()
        for v in range(n_v):
            idle_max = max(idle_max, idle[v] + brk[v, 2] * missed_old[v])
    for v in range(n_v):
        old_end[v] = _route_end(v, R, L, P, S)
        for k in range(L[v]):
            u = R[v, k]
            max_tard = max(max_tard, task_tardiness(S[u], l1[u], e2[u], l2[u]))
    # Phase 1: lower bounds of every allowed position.
    idle_delta = np.zeros(out_cost.shape[0])
    n_cand = 0
    cap = R.shape[1]
    for v in range(n_v):
        if veh_carer[v] == skip_c or not ok[v, t] or L[v] >= cap:
            continue
        for p in range(min_pos[v], L[v] + 1):
            if p == 0:
                prev, ready = st_loc[v], sh_start[v]
            else:
                u = R[v, p - 1]
                prev, ready = loc[u], S[u] + dur[u]
            nxt = en_loc[v] if p == L[v] else loc[R[v, p]]
            d_travel = D[prev, loc[t]] + D[loc[t], nxt] - D[prev, nxt]
            if L[v] == 0:  # an empty route has no travel yet
                new_idle = P[21][v] - dur[t] - D[st_loc[v], loc[t]] - D[loc[t], en_loc[v]]
            else:
                new_idle = idle[v] - dur[t] - d_travel
            others = top2 if v == top1_v else top1
            d_idle = max(others, new_idle, 0.0) - top1
            own = task_tardiness(
                window_start(ready + D[prev, loc[t]], e1[t], l1[t], e2[t]), l1[t], e2[t], l2[t]
            )
            timed_drop = 0.0
            if has_timed:
                if paired[v] or task_pair[t] >= 0:  # a raise may cross to other routes
                    timed_drop = timed_paired + (0.0 if paired[v] else timed_old[v])
                else:
                    timed_drop = timed_old[v]
            out_cost[n_cand] = (
                base
                - slack
                - timed_drop
                - brk_slack
                + weights[0] * d_travel
                + weights[1] * own
                + weights[2] * max(0.0, own - max_tard)
                + weights[4] * d_idle
                + assign_cost[v, t]
            )
            idle_delta[n_cand] = weights[4] * d_idle
            out_v[n_cand] = v
            out_p[n_cand] = p
            n_cand += 1
    order = np.argsort(out_cost[:n_cand])
    bound = out_cost[:n_cand][order]
    cand_v = out_v[:n_cand][order]
    cand_p = out_p[:n_cand][order]
    cand_idle = idle_delta[:n_cand][order]
    # Phase 2: exact costs in bound order, keeping the ``top`` best seen so far.
    best = np.full(max(min(top, n_cand), 1), np.inf)
    budget = 4 * loc.shape[0] + 64
    n = 0
    for c in range(n_cand):
        if bound[c] >= best[-1]:
            break
        v = cand_v[c]
        p = cand_p[c]
        prev = st_loc[v] if p == 0 else loc[R[v, p - 1]]
        nxt = en_loc[v] if p == L[v] else loc[R[v, p]]
        d_travel = D[prev, loc[t]] + D[loc[t], nxt] - D[prev, nxt]
        _insert(R, L, v, p, t)
        for k in range(p, L[v]):
            veh_of[R[v, k]] = v
            pos_of[R[v, k]] = k
        _reset_queue(W, acc)
        acc[MAXT] = max_tard
        _mark(v, p, W[3], W[11], W[4], W[5], acc)
        okay = _settle(R, L, P, W, acc, budget, t)
        d_over = 0.0
        d_hard = 0.0
        d_timed = 0.0
        if has_brk:
            missed[:] = missed_old
        for i in range(int(acc[TOUCHED])):
            w = touched_list[i]
            touched[w] = 0
            end = _route_end(w, R, L, P, S)
            d_over += max(0.0, end - sh_end[w]) - max(0.0, old_end[w] - sh_end[w])
            d_hard += _late_for_shift(end, hard_end[w]) - _late_for_shift(old_end[w], hard_end[w])
            if has_timed or has_brk:
                missed_w = route_missed_break(w, R, L, P, S)
                missed[w] = missed_w
                if has_timed:
                    d_timed += weights[7] * route_waiting(w, R, L, P, S) - timed_old[w]
                    d_timed += weights[8] * missed_w
        cost = base + weights[0] * d_travel + weights[1] * acc[TARD] + d_hard
        cost += weights[2] * (acc[MAXT] - max_tard) + weights[3] * d_over
        if has_brk:
            new_max = 0.0
            for u in range(n_v):
                own_idle = route_idle(u, R, L, P) if u == v else idle[u]
                new_max = max(new_max, own_idle + brk[u, 2] * missed[u])
            cost += weights[4] * (new_max - idle_max)
        else:
            cost += cand_idle[c]
        cost += d_timed
        cost += assign_cost[v, t]
        if has_extras:
            cost += extras_cost(R, L, P, S, W[13]) - base_extras
        if not okay or acc[UNDO] > undo_t.shape[0]:
            cost += INFEASIBLE
        out_cost[n] = cost
        out_v[n] = v
        out_p[n] = p
        n += 1
        if cost < best[-1]:  # insert into the sorted top list
            k = best.shape[0] - 1
            while k > 0 and best[k - 1] > cost:
                best[k] = best[k - 1]
                k -= 1
            best[k] = cost
        for i in range(min(int(acc[UNDO]), undo_t.shape[0]) - 1, -1, -1):
            S[undo_t[i]] = undo_s[i]
        _remove(R, L, v, p)
        veh_of[t] = -1
        pos_of[t] = -1
        for k in range(p, L[v]):
            pos_of[R[v, k]] = k
    return n


@jit
def locate(R: IntArr, L: IntArr, t: int) -> tuple[int, int]:
    """(vehicle, position) of task ``t``, (-1, -1) if unassigned."""
    for v in range(L.shape[0]):
        for k in range(L[v]):
            if R[v, k] == t:
                return v, k
    return -1, -1


@jit
def removal_gains(R: IntArr, L: IntArr, P: Tuple, gains: FltArr) -> None:
    """Travel saved by removing each task from its route (0 for unassigned tasks): a cheap
    proxy for the cost saved, used to pick "worst" visits."""
    loc, st_loc, en_loc, D = P[0], P[10], P[11], P[12]
    gains[:] = 0.0
    for v in range(L.shape[0]):
        for k in range(L[v]):
            prev = st_loc[v] if k == 0 else loc[R[v, k - 1]]
            nxt = en_loc[v] if k == L[v] - 1 else loc[R[v, k + 1]]
            t = R[v, k]
            gains[t] = D[prev, loc[t]] + D[loc[t], nxt] - D[prev, nxt]


def scratch(n_tasks: int, n_vehicles: int) -> tuple[Any, ...]:
    """Scratch arrays ``W`` for the kernels (allocated once per search state)."""
    undo = 8 * n_tasks + 256
    return (
        np.full(n_tasks, -1.0),  # 0 S: start times
        np.full(n_tasks, -1, dtype=np.int64),  # 1 vehicle of each task
        np.full(n_tasks, -1, dtype=np.int64),  # 2 position of each task
        np.full(n_vehicles, FAR_POS, dtype=np.int64),  # 3 dirty-from position per route
        np.zeros(n_vehicles, dtype=np.int64),  # 4 queue of routes to re-simulate
        np.zeros(n_vehicles, dtype=np.int64),  # 5 in-queue flags
        np.zeros(undo, dtype=np.int64),  # 6 undo log: task
        np.zeros(undo),  # 7 undo log: previous start
        np.zeros(n_vehicles, dtype=np.int64),  # 8 touched flags
        np.zeros(n_vehicles, dtype=np.int64),  # 9 touched routes
        np.zeros(8),  # 10 accumulators (TARD, MAXT, ...)
        np.full(n_vehicles, -1, dtype=np.int64),  # 11 dirty-up-to position per route
        np.zeros(1),  # 12 cost of the schedule held in S
        np.zeros(3),  # 13 parts of extras_cost
    )
