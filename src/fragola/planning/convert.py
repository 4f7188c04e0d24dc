"""The one bridge between the care models and ``fragola_solver``: ORM rows -> ``Problem`` and a
``Solution`` -> proposed assignments (and the current plan -> ``Solution``). Only the solver's
public API (``fragola_solver``) is used.

Carers' working days become solver shifts: one per slot of availability (8:00-12:00 and
15:00-19:00 are two shifts; the solver keeps the time between them free), skipping absences and,
for volunteers, days without insurance (L2.2).

Time: minute ``m`` of the model is wall-clock time in Europe/Rome on day ``m // 1440`` of the
period (day 0 = ``start``). A visit at 8:00 is ``d * 1440 + 480`` on every day, whether the day
has 23, 24 or 25 hours; converting back gives the aware datetime of that wall-clock time, so
8:00 stays 8:00 across DST changes (the care app generates visits the same way).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import pairwise
from zoneinfo import ZoneInfo

from fragola.care.models import (
    VOLUNTEER_KINDS,
    CarePlan,
    Carer,
    CarerKind,
    Qualification,
    TwoCarerMode,
    Visit,
    VisitStatus,
)
from fragola.planning.config import planning_settings_for, weights_of
from fragola.planning.labels import DAY, WORKER_SKILL, left_out_text, unavailable_text
from fragola.planning.models import PlanningSettings
from fragola.registry.models import Comune, Organisation
from fragola_solver import Carer as SolverCarer
from fragola_solver import (
    Evaluation,
    Problem,
    Route,
    Service,
    Shift,
    Solution,
    Stop,
    Sync,
    TimeWindow,
    explain_visit,
    travel_from_coordinates,
)
from fragola_solver import Visit as SolverVisit

ROME = ZoneInfo("Europe/Rome")
# Visits the solver may place; done and in-progress ones are kept where they are (pinned).
PLANNABLE = (VisitStatus.PLANNED, VisitStatus.ASSIGNED)
FIXED = (VisitStatus.IN_PROGRESS, VisitStatus.DONE)
SEQUENTIAL_SLACK = 15  # minutes the second carer of a sequential visit may come later


def minutes_of(origin: dt.date, when: dt.datetime) -> float:
    local = when.astimezone(ROME)
    day = (local.date() - origin).days
    return day * DAY + local.hour * 60 + local.minute + local.second / 60


def datetime_of(origin: dt.date, minutes: float) -> dt.datetime:
    day, minute = divmod(round(minutes), DAY)
    wall = dt.datetime.combine(origin + dt.timedelta(days=day), dt.time(minute // 60, minute % 60))
    return wall.replace(tzinfo=ROME)


def carer_key(pk: int) -> str:
    return f"c{pk}"


def visit_key(pk: int) -> str:
    return f"v{pk}"


def skill_of(visit: Visit) -> str:
    service = visit.plan_service
    if visit.is_volunteer_task:
        return f"volunteer:{service.kind}"
    return WORKER_SKILL if service.qualification == Qualification.NONE else service.qualification


def carer_skills(carer: Carer, end: dt.date) -> frozenset[str]:
    """Workers: any unqualified service plus qualifications valid until the period's end.
    Volunteers: only volunteer tasks of the activities they chose (all of them if none)."""
    if carer.kind == CarerKind.VOLUNTEER:
        chosen = {a.strip() for a in carer.activities.split(",") if a.strip()}
        kinds = (chosen & VOLUNTEER_KINDS) or VOLUNTEER_KINDS
        return frozenset(f"volunteer:{k}" for k in kinds)
    valid = {q.kind for q in carer.qualifications.all() if q.valid_on(end)}
    return frozenset({WORKER_SKILL} | (valid - {Qualification.NONE}))


@dataclass(frozen=True)
class Gap:
    """Model minutes [start, end) of day ``day`` between two slots of a carer's availability."""

    day: int
    start: float
    end: float


Gaps = Mapping[str, tuple[Gap, ...]]  # solver carer id -> gaps


def _minute(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _slots(carer: Carer, day: dt.date, config: PlanningSettings) -> list[tuple[int, int]]:
    """The day's slots of availability, sorted, overlapping or touching ones merged. A carer who
    never gave any availability works the co-op's default shift every day."""
    slots = list(carer.availability.all())
    if not slots:
        return [(_minute(config.default_shift_start), _minute(config.default_shift_end))]
    today = sorted(
        (_minute(s.starts_at), _minute(s.ends_at)) for s in slots if s.weekday == day.isoweekday()
    )
    merged: list[tuple[int, int]] = []
    for start, end in today:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _working_days(
    carer: Carer, start: dt.date, days: int, config: PlanningSettings
) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """(day index, slots) of each day the carer can work: available, not absent, and for
    volunteers insured that day (L2.2). Uses the prefetched rows (no query)."""
    for d in range(days):
        day = start + dt.timedelta(days=d)
        if any(a.starts_on <= day <= a.ends_on for a in carer.absences.all()):
            continue
        if carer.kind == CarerKind.VOLUNTEER and not carer.insured_on(day):
            continue
        slots = _slots(carer, day, config)
        if slots:
            yield d, slots


def carer_shifts(
    carer: Carer, *, start: dt.date, days: int, config: PlanningSettings
) -> tuple[tuple[Shift, ...], tuple[Gap, ...]]:
    """One solver shift per slot of each working day, and the gaps between a day's slots (for
    the coordinator's messages: the solver keeps them free by itself)."""
    shifts, gaps = [], []
    for d, slots in _working_days(carer, start, days, config):
        shifts += [Shift(float(d * DAY + a), float(d * DAY + b), d) for a, b in slots]
        gaps += [Gap(d, float(d * DAY + x[1]), float(d * DAY + y[0])) for x, y in pairwise(slots)]
    return tuple(shifts), tuple(gaps)


def gap_hit(gaps: Gaps, carer_id: str, start: float, duration: float) -> Gap | None:
    """The carer's gap that a visit from ``start`` for ``duration`` minutes overlaps, if any."""
    return next(
        (g for g in gaps.get(carer_id, ()) if start < g.end and start + duration > g.start), None
    )


def outside(problem: Problem, solution: Solution, gaps: Gaps) -> dict[str, tuple[str, Gap]]:
    """Visits of ``solution`` that overlap their carer's gap: visit id -> (carer id, gap). The
    solver never plans one; this is the safety net before anything reaches a coordinator."""
    found: dict[str, tuple[str, Gap]] = {}
    for route in solution.routes:
        for stop in route.stops:
            duration = problem.visit(stop.visit_id).services[stop.service].duration
            gap = gap_hit(gaps, route.carer_id, stop.start, duration)
            if gap is not None:
                found.setdefault(stop.visit_id, (route.carer_id, gap))
    return found


@dataclass(frozen=True, eq=False)
class Converted:
    problem: Problem
    origin: dt.date
    visits_of: Mapping[str, tuple[Visit, ...]]  # solver visit -> ORM visits (by service index)
    carers: Mapping[str, Carer]
    current: Solution  # the visits' present carers and times, where the solver can load them
    pinned: frozenset[str]
    gaps: Gaps = field(default_factory=dict)  # time between a carer's slots of availability

    def carer_pk(self, key: str) -> int:
        return self.carers[key].pk


def _visits(organisation: Organisation, start: dt.date, end: dt.date) -> list[Visit]:
    rows = Visit.objects.filter(
        organisation=organisation, day__gte=start, day__lte=end, status__in=PLANNABLE + FIXED
    ).select_related("service_user", "plan_service__plan", "carer")
    return list(rows.order_by("day", "plan_service_id", "slot", "pk"))


def _carers(organisation: Organisation) -> list[Carer]:
    rows = Carer.objects.filter(organisation=organisation, active=True)
    rows = rows.select_related("home_comune", "person__comune", "person", "user")
    return list(rows.prefetch_related("qualifications", "availability", "absences"))


def _plan_people(plan_ids: set[int]) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    preferred: dict[int, set[str]] = defaultdict(set)
    refused: dict[int, set[str]] = defaultdict(set)
    liked = CarePlan.preferred_carers.through.objects.filter(careplan_id__in=plan_ids)
    for plan_id, carer_id in liked.values_list("careplan_id", "carer_id"):
        preferred[plan_id].add(carer_key(carer_id))
    refusals = CarePlan.refused_carers.through.objects.filter(careplan_id__in=plan_ids)
    for plan_id, carer_id in refusals.values_list("careplan_id", "carer_id"):
        refused[plan_id].add(carer_key(carer_id))
    return preferred, refused


class _Places:
    """Distinct (lon, lat) points, numbered in order of first use."""

    def __init__(self) -> None:
        self.points: dict[tuple[float, float], int] = {}

    def index(self, lat: object, lon: object) -> int:
        point = (round(float(str(lon)), 5), round(float(str(lat)), 5))
        return self.points.setdefault(point, len(self.points))


def _home(carer: Carer, fallback: Comune) -> Comune:
    return carer.home_comune or carer.person.comune or fallback


def _solver_visit(
    group: list[Visit],
    origin: dt.date,
    location: int,
    people: tuple[dict[int, set[str]], dict[int, set[str]]],
) -> SolverVisit:
    first = group[0]
    service = first.plan_service
    day = (first.day - origin).days
    ws = day * DAY + service.window_start.hour * 60 + service.window_start.minute
    we = day * DAY + service.window_end.hour * 60 + service.window_end.minute
    latest = max(ws, we - service.duration_minutes)
    services = tuple(Service(skill_of(v), float(service.duration_minutes)) for v in group)
    sync, gap = Sync.NONE, 0.0
    if len(group) == 2:
        sequential = service.two_carer_mode == TwoCarerMode.SEQUENTIAL
        sync = Sync.SEQUENTIAL if sequential else Sync.SIMULTANEOUS
        gap = float(service.duration_minutes + service.gap_minutes) if sequential else 0.0
    preferred, refused = people
    plan_id = service.plan_id
    return SolverVisit(
        id=visit_key(first.pk),
        location=location,
        windows=(TimeWindow(float(ws), float(latest)),),
        services=services,
        sync=sync,
        gap_min=gap,
        gap_max=gap + SEQUENTIAL_SLACK if sync is Sync.SEQUENTIAL else gap,
        preferred=frozenset(preferred.get(plan_id, set())),
        refused=frozenset(refused.get(plan_id, set())),
        optional=first.is_volunteer_task,
        # Weights.left_out (the co-op's setting) is the cost of a volunteer task left out.
        left_out_penalty=1.0,
        day=day,
        client=f"u{first.service_user_id}",
    )


def _holds(visit: Visit) -> bool:
    """An assigned (or started, or done) visit: its carer and time are part of the plan."""
    return visit.carer_id is not None and visit.status != VisitStatus.PLANNED


def _groups(visits: list[Visit]) -> list[list[Visit]]:
    """Slot 1 and 2 of a two-carer visit become one group (one solver visit)."""
    groups: dict[tuple[int, dt.date], list[Visit]] = {}
    for visit in visits:
        groups.setdefault((visit.plan_service_id, visit.day), []).append(visit)
    return [sorted(g, key=lambda v: v.slot)[:2] for g in groups.values()]


def problem_for(*, organisation: Organisation, start: dt.date, end: dt.date) -> Converted:
    """The period's visits and the co-op's carers as a solver ``Problem`` (a handful of queries
    whatever the size)."""
    config = planning_settings_for(organisation)
    visits, carers = _visits(organisation, start, end), _carers(organisation)
    days = (end - start).days + 1
    places = _Places()
    groups = _groups(visits)
    people = _plan_people({v.plan_service.plan_id for v in visits})
    # Visits with nothing left to plan (every slot done or in progress) and no loadable carer
    # are simply not part of the problem.
    solver_visits: list[SolverVisit] = []
    visits_of: dict[str, tuple[Visit, ...]] = {}
    for group in groups:
        user = group[0].service_user
        location = places.index(user.latitude, user.longitude)
        sv = _solver_visit(group, start, location, people)
        solver_visits.append(sv)
        visits_of[sv.id] = tuple(group)
    solver_carers: list[SolverCarer] = []
    by_key: dict[str, Carer] = {}
    gaps: dict[str, tuple[Gap, ...]] = {}
    for carer in carers:
        shifts, carer_gaps = carer_shifts(carer, start=start, days=days, config=config)
        if not shifts:
            continue
        home = _home(carer, organisation.comune)
        loc = places.index(home.latitude, home.longitude)
        volunteer = carer.kind == CarerKind.VOLUNTEER
        daily = (config.volunteer_daily_hours if volunteer else config.max_daily_hours) * 60
        weekly = float("inf")
        if carer.weekly_hours is not None:
            weekly = float(carer.weekly_hours) * 60 * days / 7
        key = carer_key(carer.pk)
        gaps[key] = carer_gaps
        solver_carers.append(
            SolverCarer(key, carer_skills(carer, end), loc, loc, shifts, (), daily, weekly)
        )
        by_key[key] = carer
    travel = travel_from_coordinates(list(places.points) or [(0.0, 0.0)])
    problem = Problem(
        name=f"{organisation.pk}:{start}",
        carers=tuple(solver_carers),
        visits=tuple(solver_visits),
        travel=travel,
        weights=weights_of(config),
        days=days,
        day_length=DAY,
    )
    placed = {v.pk: (v.carer_id, v.starts_at) for v in visits if _holds(v)}
    current = solution_from(problem, start, visits_of, placed)
    fixed = {key for key, group in visits_of.items() if any(v.status in FIXED for v in group)}
    loaded = {s.visit_id for r in current.routes for s in r.stops}
    converted = _without_unloadable(problem, start, visits_of, by_key, current, fixed, loaded)
    return replace(converted, gaps={k: g for k, g in gaps.items() if g})


def _without_unloadable(
    problem: Problem,
    origin: dt.date,
    visits_of: dict[str, tuple[Visit, ...]],
    carers: dict[str, Carer],
    current: Solution,
    fixed: set[str],
    loaded: set[str],
) -> Converted:
    """Done or in-progress visits stay with who did them: if that cannot be expressed (their
    carer has no shift left that day), they leave the problem instead of being re-planned."""
    drop = fixed - loaded
    if drop:
        problem = replace(problem, visits=tuple(v for v in problem.visits if v.id not in drop))
        visits_of = {k: v for k, v in visits_of.items() if k not in drop}
    return Converted(problem, origin, visits_of, carers, current, frozenset(fixed & loaded))


def solution_from(
    problem: Problem,
    origin: dt.date,
    visits_of: Mapping[str, tuple[Visit, ...]],
    placed: Mapping[int, tuple[int | None, dt.datetime | None]],
    *,
    strict: bool = True,
) -> Solution:
    """Routes from (visit pk -> carer pk, start). A solver visit is included only when every
    service has a carer; ``strict``: a carer able to do it that day, and two different carers
    for two services (what the solver can load). Otherwise the evaluator will say what is wrong."""
    days = {(c.id, s.day) for c in problem.carers for s in c.shifts}
    routes: dict[tuple[str, int, int], list[Stop]] = defaultdict(list)
    for key, group in visits_of.items():
        visit = problem.visit_index.get(key)
        where = [placed.get(v.pk) for v in group]
        if visit is None or any(w is None or w[0] is None or w[1] is None for w in where):
            continue
        stops = []
        for index, (carer_pk, starts_at) in enumerate(w for w in where if w):
            ck = carer_key(int(carer_pk or 0))
            carer = problem.carer_index.get(ck)
            ok = carer and visit.services[index].skill in carer.skills and ck not in visit.refused
            if carer is None or starts_at is None or (strict and not ok):
                break
            if strict and (ck, visit.day) not in days:
                break
            stops.append((ck, Stop(key, index, minutes_of(origin, starts_at))))
        if len(stops) != len(visit.services):
            continue
        if strict and len({c for c, _ in stops}) != len(stops):
            continue
        for ck, stop in stops:
            shift = problem.carer(ck).shift_at(visit.day, stop.start)
            routes[(ck, visit.day, shift)].append(stop)
    return Solution(
        tuple(
            Route(ck, tuple(sorted(stops, key=lambda s: s.start)), day, shift=shift)
            for (ck, day, shift), stops in sorted(routes.items())
        )
    )


@dataclass(frozen=True)
class Proposal:
    visit: Visit
    carer: Carer | None
    starts_at: dt.datetime | None
    late_minutes: int
    left_out: bool
    reason: str
    unavailable: bool = False  # left out: it fell outside its carer's availability


def proposals_from(
    converted: Converted, solution: Solution, evaluation: Evaluation
) -> list[Proposal]:
    """One proposal per ORM visit (per carer slot): carer and start, or why it is left out."""
    problem, origin = converted.problem, converted.origin
    placed: dict[tuple[str, int], tuple[str, float]] = {
        (s.visit_id, s.service): (r.carer_id, s.start) for r in solution.routes for s in r.stops
    }
    unavailable = outside(problem, solution, converted.gaps)
    out: list[Proposal] = []
    for key, group in converted.visits_of.items():
        reason, in_gap = "", False
        if any((key, i) not in placed for i in range(len(group))):
            details = explain_visit(problem, solution, key).details
            reason = " ".join(left_out_text(r) for r in details)
        elif key in unavailable and key not in converted.pinned:  # done or started: kept
            carer_id, gap = unavailable[key]
            reason, in_gap = unavailable_text(converted.carers[carer_id], gap), True
        for index, visit in enumerate(group):
            where = placed.get((key, index))
            if where is None or reason:
                out.append(Proposal(visit, None, None, 0, True, reason, in_gap))
                continue
            late = evaluation.tardiness_of.get((key, index), 0.0)
            carer = converted.carers[where[0]]
            out.append(
                Proposal(visit, carer, datetime_of(origin, where[1]), round(late), False, "")
            )
    return out
