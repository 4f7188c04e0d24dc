"""Flat NumPy view of a Problem for the solver kernels (tasks = one service of one visit).

A *vehicle* is one shift of one carer (a carer with split availability has several vehicles
a day); tasks of day d only go to vehicles of day d, and the two services of a visit never go
to two vehicles of the same carer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from fragola_solver.model import Problem, Sync, WindowRef

IntArr = npt.NDArray[np.int64]
FltArr = npt.NDArray[np.float64]
BoolArr = npt.NDArray[np.bool_]

# Finite stand-in for "no limit" so the kernels stay in float arithmetic without inf - inf.
FAR = 1e9


@dataclass(frozen=True, eq=False)
class Compiled:
    problem: Problem
    task_visit: IntArr  # visit index of each task
    task_service: IntArr  # service index within the visit
    visit_tasks: list[tuple[int, ...]]  # tasks of each visit (1 or 2)
    loc: IntArr
    dur: FltArr
    e1: FltArr  # first window: earliest start, latest start (END windows shifted by duration)
    l1: FltArr
    e2: FltArr  # second window (FAR when absent)
    l2: FltArr
    task_pair: IntArr  # index of the task's synchronised pair, -1 if none
    pair_a: IntArr  # synchronised pairs: start[b] - start[a] in [gmin, gmax]
    pair_b: IntArr
    gmin: FltArr
    gmax: FltArr
    veh_carer: IntArr
    veh_day: IntArr
    veh_shift: IntArr  # index of the vehicle's shift among its carer's shifts of that day
    sh_start: FltArr
    sh_end: FltArr
    st_loc: IntArr
    en_loc: IntArr
    ok: BoolArr  # ok[v, t]: vehicle v may serve task t (skill, not refused, same day)
    assign_cost: FltArr  # weighted soft cost of vehicle v serving task t (preferences, changes)
    left_out_cost: FltArr  # weighted cost per visit left out (huge for mandatory visits)
    travel: FltArr
    weights: FltArr  # travel, tardiness, max tardiness, overtime, max idle, fairness, continuity,
    # waiting, missed break
    idle_base: FltArr  # shift length minus break per vehicle (-FAR: no shift end)
    task_client: IntArr  # client index of each task (continuity is counted per client)
    carer_week: FltArr  # weekly working-minute limit per carer (FAR: none)
    veh_daily: FltArr  # daily working-minute limit per vehicle (FAR: none)
    extras: IntArr  # [1] when fairness, continuity or a daily/weekly limit is in play, else [0]
    breaks: FltArr  # per vehicle: earliest start, latest end, duration (0: no break)
    hard_end: FltArr  # per vehicle: latest return home (a later shift that day), FAR: none
    veh_cday: IntArr  # per vehicle: its (carer, day) group, for the daily working-time limit

    @cached_property
    def kernel_args(self) -> tuple[Any, ...]:
        """The problem arrays as one tuple ``P`` for the kernels (order fixed, see kernels.py)."""
        return (
            self.loc, self.dur, self.task_visit, self.veh_carer, self.e1, self.l1, self.e2,
            self.l2, self.sh_start, self.sh_end, self.st_loc, self.en_loc, self.travel,
            self.task_pair, self.pair_a, self.pair_b, self.gmin, self.gmax, self.assign_cost,
            self.weights, self.ok, self.idle_base, self.task_client, self.carer_week,
            self.veh_daily, self.extras, self.breaks, self.hard_end, self.veh_cday,
        )  # fmt: skip

    @property
    def n_tasks(self) -> int:
        return int(self.loc.shape[0])

    @property
    def n_vehicles(self) -> int:
        return int(self.veh_carer.shape[0])


MANDATORY_COST = 1e6


def compile_problem(
    problem: Problem, stay: dict[tuple[str, int], str] | None = None, change_cost: float = 0.0
) -> Compiled:
    """Flatten ``problem``. ``stay`` maps (visit id, service) to the carer who had it in a
    previous plan; any other carer then costs ``change_cost`` (replanning stability)."""
    tv: list[int] = []
    ts: list[int] = []
    loc: list[int] = []
    dur: list[float] = []
    e1: list[float] = []
    l1: list[float] = []
    e2: list[float] = []
    l2: list[float] = []
    visit_tasks: list[tuple[int, ...]] = []
    pa: list[int] = []
    pb: list[int] = []
    gmn: list[float] = []
    gmx: list[float] = []
    for vi, visit in enumerate(problem.visits):
        ids = []
        for si, service in enumerate(visit.services):
            # END windows bound the service end: shift them to bound the start instead.
            shift = service.duration if problem.window_ref is WindowRef.END else 0.0
            w1 = visit.windows[0]
            w2 = visit.windows[1] if len(visit.windows) > 1 else None
            ids.append(len(tv))
            tv.append(vi)
            ts.append(si)
            loc.append(visit.location)
            dur.append(service.duration)
            e1.append(w1.start)
            l1.append(min(w1.end - shift, FAR))
            e2.append(w2.start if w2 else FAR)
            l2.append(min(w2.end - shift, FAR) if w2 else FAR)
        visit_tasks.append(tuple(ids))
        if visit.sync in (Sync.SIMULTANEOUS, Sync.SEQUENTIAL):
            pa.append(ids[0])
            pb.append(ids[1])
            gmn.append(visit.gap_min)
            gmx.append(visit.gap_max)
    veh_carer: list[int] = []
    veh_day: list[int] = []
    veh_shift: list[int] = []
    shs: list[float] = []
    she: list[float] = []
    hard: list[float] = []
    cday: list[int] = []
    stl: list[int] = []
    enl: list[int] = []
    groups: dict[tuple[int, int], int] = {}
    for ci, carer in enumerate(problem.carers):
        for day in sorted({sh.day for sh in carer.shifts}):
            day_shifts = carer.shifts_on(day)
            for k, sh in enumerate(day_shifts):
                veh_carer.append(ci)
                veh_day.append(day)
                veh_shift.append(k)
                shs.append(sh.start)
                she.append(min(sh.end, FAR))
                # Before another shift of the same day the carer must be home by the end.
                hard.append(min(sh.end, FAR) if k + 1 < len(day_shifts) else FAR)
                cday.append(groups.setdefault((ci, day), len(groups)))
                stl.append(carer.start_location)
                enl.append(carer.end_location)
    n_v, n_t = len(veh_carer), len(tv)
    # Idle time of a used route = shift length - service - travel - break (as in UHHC); the
    # break is assumed taken (it is placed after the search when it fits).
    idle = [
        she[v] - shs[v] - sum(b.duration for b in problem.carers[veh_carer[v]].breaks)
        if she[v] < FAR
        else -FAR
        for v in range(len(veh_carer))
    ]
    task_pair = np.full(n_t, -1, dtype=np.int64)
    for q, (a, b) in enumerate(zip(pa, pb, strict=True)):
        task_pair[a] = task_pair[b] = q
    ok = np.zeros((n_v, n_t), dtype=np.bool_)
    assign = np.zeros((n_v, n_t), dtype=np.float64)
    w = problem.weights
    for v in range(n_v):
        carer = problem.carers[veh_carer[v]]
        for t in range(n_t):
            visit = problem.visits[tv[t]]
            ok[v, t] = (
                visit.services[ts[t]].skill in carer.skills
                and carer.id not in visit.refused
                and visit.day == veh_day[v]
            )
            if visit.preferred and carer.id not in visit.preferred:
                assign[v, t] = w.preference
            if stay is not None:
                before = stay.get((visit.id, ts[t]))
                if before is not None and before != carer.id:
                    assign[v, t] += change_cost
    left = np.array(
        [w.left_out * v.left_out_penalty if v.optional else MANDATORY_COST for v in problem.visits],
        dtype=np.float64,
    )
    clients: dict[str, int] = {}
    task_client = [
        clients.setdefault(problem.visits[vi].client or problem.visits[vi].id, len(clients))
        for vi in tv
    ]
    carer_week = [min(c.max_weekly_minutes, FAR) for c in problem.carers]
    veh_daily = [min(problem.carers[ci].max_daily_minutes, FAR) for ci in veh_carer]
    extras = (
        (w.fairness > 0 and len(problem.carers) > 1)
        or w.continuity > 0
        or (w.overtime > 0 and min(carer_week + veh_daily, default=FAR) < FAR)
    )
    breaks = []
    for ci in veh_carer:
        brk = problem.carers[ci].breaks[0] if problem.carers[ci].breaks else None
        breaks.append((brk.earliest, min(brk.latest, FAR), brk.duration) if brk else (0, 0, 0))
    i64, f64 = np.int64, np.float64
    return Compiled(
        problem=problem,
        task_visit=np.array(tv, i64),
        task_service=np.array(ts, i64),
        visit_tasks=visit_tasks,
        loc=np.array(loc, i64),
        dur=np.array(dur, f64),
        e1=np.array(e1, f64),
        l1=np.array(l1, f64),
        e2=np.array(e2, f64),
        l2=np.array(l2, f64),
        task_pair=task_pair,
        pair_a=np.array(pa, i64),
        pair_b=np.array(pb, i64),
        gmin=np.array(gmn, f64),
        gmax=np.array(gmx, f64),
        veh_carer=np.array(veh_carer, i64),
        veh_day=np.array(veh_day, i64),
        veh_shift=np.array(veh_shift, i64),
        sh_start=np.array(shs, f64),
        sh_end=np.array(she, f64),
        st_loc=np.array(stl, i64),
        en_loc=np.array(enl, i64),
        ok=ok,
        assign_cost=assign,
        left_out_cost=left,
        travel=np.ascontiguousarray(problem.travel, dtype=f64),
        weights=np.array(
            [
                w.travel,
                w.tardiness,
                w.max_tardiness,
                w.overtime,
                w.max_idle,
                w.fairness,
                w.continuity,
                w.waiting,
                w.missed_break,
            ],
            f64,
        ),
        idle_base=np.array(idle, f64),
        task_client=np.array(task_client, i64),
        carer_week=np.array(carer_week, f64),
        veh_daily=np.array(veh_daily, f64),
        extras=np.array([1 if extras else 0], i64),
        breaks=np.array(breaks, f64).reshape(n_v, 3),
        hard_end=np.array(hard, f64),
        veh_cday=np.array(cday, i64),
    )
