"""Independent evaluator: recomputes feasibility and cost from routes and start times only.

It never uses the solver's internal scoring, so it is the referee for tests and benchmarks.
Hard constraints (violations): every mandatory service served once by a skilled, non-refused
carer; two-carer visits by two distinct carers and in sync; a start not before the arrival
(travel from the previous stop, plus the break when it is taken in between) nor before the
time window opens. Soft ones are the cost components, weighted by ``Problem.weights``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from fragola_solver.model import INF, Problem, Route, Solution, Stop, Sync, Visit, WindowRef

EPS = 1e-6


class Violation(str):
    """A broken hard rule: its English text (it *is* the string), plus ``code``, ``carer``
    and ``visit`` so that an interface can word it in its users' language.

    Codes: ``break_overlap``, ``before_arrival``, ``no_skill``, ``refused``, ``partly_served``,
    ``same_carer``, ``not_simultaneous``, ``gap``, ``unknown_carer``, ``served_twice``,
    ``before_window``, ``not_served``, ``after_shift`` (back home after the end of a shift
    that another shift of the day follows: the carer is not available in between)."""

    code: str
    carer: str
    visit: str

    def __new__(cls, text: str, code: str, carer: str = "", visit: str = "") -> Violation:
        self = super().__new__(cls, text)
        self.code, self.carer, self.visit = code, carer, visit
        return self


COMPONENTS = (
    "travel",
    "tardiness",
    "max_tardiness",
    "overtime",
    "preference",
    "left_out",
    "fairness",
    "waiting",
    "max_idle",
    "missed_break",
    "continuity",
)


@dataclass(frozen=True)
class Evaluation:
    objective: float  # weighted sum of components
    components: dict[str, float]  # raw amounts (minutes or counts)
    weighted: dict[str, float]  # amounts times weights
    violations: tuple[Violation, ...]
    tardiness_of: dict[tuple[str, int], float] = field(default_factory=dict)

    @property
    def feasible(self) -> bool:
        return not self.violations


def tardiness(problem: Problem, visit: Visit, service: int, start: float) -> float | None:
    """Tardiness of a service starting at ``start``; None when it starts before every window."""
    ref = start + (visit.services[service].duration if problem.window_ref is WindowRef.END else 0)
    options = [max(0.0, ref - w.end) for w in visit.windows if w.start <= start + EPS]
    return min(options) if options else None


@dataclass
class _RouteStats:
    travel: float = 0.0
    waiting: float = 0.0
    idle: float = 0.0
    work_minutes: float = 0.0  # service time
    pause: float = 0.0  # break taken
    late: float = 0.0  # back home after the end of the shift
    work: float = 0.0
    missed_break: int = 0


def _route(problem: Problem, route: Route, out: list[Violation]) -> _RouteStats:
    carer = problem.carer(route.carer_id)
    day_shifts = carer.shifts_on(route.day)
    last_shift = route.shift >= len(day_shifts) - 1
    shift = day_shifts[route.shift] if route.shift < len(day_shifts) else carer.shifts[0]
    brk = carer.breaks[0] if carer.breaks else None
    st = _RouteStats()
    pos, clock = carer.start_location, shift.start
    leave: float | None = None
    break_taken = False
    for stop in route.stops:
        visit = problem.visit(stop.visit_id)
        travel = float(problem.travel[pos, visit.location])
        st.travel += travel
        pause = 0.0
        if (
            brk
            and route.break_start is not None
            and not break_taken
            and route.break_start < stop.start + EPS
        ):
            break_taken = True
            pause = brk.duration
        if leave is None:
            # The carer leaves as late as possible for the first visit (no waiting at home);
            # a break before the first visit is taken at home.
            at_home = route.break_start if pause and route.break_start is not None else stop.start
            leave = max(shift.start, min(stop.start - travel - pause, at_home))
            clock = leave
        if (
            pause
            and (route.break_start is not None)
            and (route.break_start < clock - EPS or route.break_start + pause > stop.start + EPS)
        ):
            out.append(
                Violation(
                    f"{carer.id}: break at {route.break_start:g} overlaps work",
                    "break_overlap",
                    carer.id,
                )
            )
        arrival = clock + travel
        if stop.start < arrival + pause - EPS:
            out.append(
                Violation(
                    f"{carer.id}: {visit.id} starts at {stop.start:g} before arrival "
                    f"{arrival + pause:g}",
                    "before_arrival",
                    carer.id,
                    visit.id,
                )
            )
        st.waiting += max(0.0, stop.start - arrival - pause)
        st.work_minutes += visit.services[stop.service].duration
        st.pause += pause
        clock = stop.start + visit.services[stop.service].duration
        pos = visit.location
    if brk and route.break_start is not None and not break_taken and route.stops:
        # After the last visit: a break too, not idle time.
        if route.break_start < clock - EPS:
            out.append(
                Violation(
                    f"{carer.id}: break at {route.break_start:g} overlaps work",
                    "break_overlap",
                    carer.id,
                )
            )
        st.pause += brk.duration
    if route.stops:
        back = float(problem.travel[pos, carer.end_location])
        st.travel += back
        end = clock + back
        st.work = end - (leave if leave is not None else shift.start)
        st.late = max(0.0, end - shift.end)
        if st.late > EPS and not last_shift:
            out.append(
                Violation(
                    f"{carer.id}: back at {end:g}, after the shift's end {shift.end:g} and "
                    "before the next shift",
                    "after_shift",
                    carer.id,
                )
            )
        # Idle time as in UHHC: the part of the shift spent neither serving, travelling nor on
        # the break (reproduces the published max_idle_time).
        if shift.end < INF:
            st.idle = max(0.0, shift.end - shift.start - st.work_minutes - st.travel - st.pause)
    if brk is not None:
        ok = (
            route.break_start is not None
            and brk.earliest - EPS <= route.break_start
            and route.break_start + brk.duration <= brk.latest + EPS
        )
        st.missed_break = 0 if ok or not route.stops else 1
    return st


def _check_stop(problem: Problem, carer_id: str, stop: Stop, out: list[Violation]) -> None:
    visit = problem.visit(stop.visit_id)
    skill = visit.services[stop.service].skill
    if skill not in problem.carer(carer_id).skills:
        out.append(
            Violation(
                f"{carer_id} lacks skill {skill} for {visit.id}", "no_skill", carer_id, visit.id
            )
        )
    if carer_id in visit.refused:
        out.append(Violation(f"{carer_id} is refused by {visit.id}", "refused", carer_id, visit.id))


def _check_sync(visit: Visit, done: dict[int, tuple[str, float]], out: list[Violation]) -> None:
    if len(done) != len(visit.services):
        out.append(
            Violation(
                f"{visit.id}: {len(done)} of {len(visit.services)} services served",
                "partly_served",
                visit=visit.id,
            )
        )
        return
    if len(done) < 2:
        return
    (c0, s0), (c1, s1) = done[0], done[1]
    if c0 == c1:
        out.append(Violation(f"{visit.id}: both services by {c0}", "same_carer", c0, visit.id))
    if visit.sync is Sync.SIMULTANEOUS and abs(s1 - s0) > EPS:
        out.append(
            Violation(
                f"{visit.id}: not simultaneous ({s0:g} vs {s1:g})",
                "not_simultaneous",
                visit=visit.id,
            )
        )
    if visit.sync is Sync.SEQUENTIAL and not (
        visit.gap_min - EPS <= s1 - s0 <= visit.gap_max + EPS
    ):
        out.append(
            Violation(
                f"{visit.id}: gap {s1 - s0:g} outside [{visit.gap_min:g}, {visit.gap_max:g}]",
                "gap",
                visit=visit.id,
            )
        )


def evaluate(problem: Problem, solution: Solution) -> Evaluation:
    out: list[Violation] = []
    comp = dict.fromkeys(COMPONENTS, 0.0)
    served: dict[str, dict[int, tuple[str, float]]] = defaultdict(dict)
    tard_of: dict[tuple[str, int], float] = {}
    work: dict[str, float] = defaultdict(float)
    day_work: dict[tuple[str, int], float] = defaultdict(float)
    day_late: dict[tuple[str, int], float] = defaultdict(float)
    carers_of_client: dict[str, set[str]] = defaultdict(set)
    for route in solution.routes:
        if route.carer_id not in problem.carer_index:
            out.append(
                Violation(f"unknown carer {route.carer_id}", "unknown_carer", route.carer_id)
            )
            continue
        st = _route(problem, route, out)
        comp["travel"] += st.travel
        comp["waiting"] += st.waiting
        comp["missed_break"] += st.missed_break
        comp["max_idle"] = max(comp["max_idle"], st.idle)
        work[route.carer_id] += st.work
        day_work[(route.carer_id, route.day)] += st.work
        day_late[(route.carer_id, route.day)] += st.late
        for stop in route.stops:
            visit = problem.visit(stop.visit_id)
            if stop.service in served[visit.id]:
                out.append(
                    Violation(
                        f"{visit.id}: service {stop.service} served twice",
                        "served_twice",
                        visit=visit.id,
                    )
                )
            served[visit.id][stop.service] = (route.carer_id, stop.start)
            carers_of_client[visit.client or visit.id].add(route.carer_id)
            _check_stop(problem, route.carer_id, stop, out)
            tard = tardiness(problem, visit, stop.service, stop.start)
            if tard is None:
                out.append(
                    Violation(
                        f"{visit.id}: starts at {stop.start:g} before its time window",
                        "before_window",
                        route.carer_id,
                        visit.id,
                    )
                )
                tard = 0.0
            tard_of[(visit.id, stop.service)] = tard
            if visit.preferred and route.carer_id not in visit.preferred:
                comp["preference"] += 1
    for visit in problem.visits:
        done = served.get(visit.id, {})
        if not done:
            if visit.optional:
                comp["left_out"] += visit.left_out_penalty
            else:
                out.append(
                    Violation(
                        f"{visit.id}: mandatory visit not served", "not_served", visit=visit.id
                    )
                )
            continue
        _check_sync(visit, done, out)
    # Overtime per carer and day: past the end of the day's shifts or over the daily limit
    # (working time summed over the day's shifts), whichever is more.
    for (carer_id, day), late in day_late.items():
        daily = problem.carer(carer_id).max_daily_minutes
        comp["overtime"] += max(0.0, late, day_work[(carer_id, day)] - daily)
    used = {(r.carer_id, r.day, r.shift) for r in solution.routes if r.stops}
    for carer in problem.carers:
        for day in sorted({s.day for s in carer.shifts}):
            for index, shift in enumerate(carer.shifts_on(day)):
                if (carer.id, day, index) not in used and shift.end < INF:
                    # An unused carer is idle for the whole shift (but for the break), so that
                    # leaving carers at home never looks like less idle time.
                    idle = shift.end - shift.start - sum(b.duration for b in carer.breaks)
                    comp["max_idle"] = max(comp["max_idle"], idle)
        excess = work.get(carer.id, 0.0) - carer.max_weekly_minutes
        comp["overtime"] += max(0.0, excess)
    if tard_of:
        comp["tardiness"] = sum(tard_of.values())
        comp["max_tardiness"] = max(tard_of.values())
    if len(problem.carers) > 1:
        loads = [work.get(c.id, 0.0) for c in problem.carers]
        comp["fairness"] = max(loads) - min(loads)
    comp["continuity"] = float(sum(len(c) - 1 for c in carers_of_client.values() if c))
    w = problem.weights
    weighted = {k: v * float(getattr(w, k)) for k, v in comp.items()}
    return Evaluation(sum(weighted.values()), comp, weighted, tuple(out), tard_of)
