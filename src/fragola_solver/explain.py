"""Explanations for planners: cost by component, and why a visit is left out or late."""

from __future__ import annotations

from dataclasses import dataclass

from fragola_solver.evaluator import COMPONENTS, Evaluation, evaluate
from fragola_solver.model import Problem, Solution, Sync

# Our component names -> UHHC solution-file names.
UHHC_NAMES = {
    "travel": "travel_time",
    "tardiness": "total_tardiness",
    "max_tardiness": "highest_tardiness",
    "waiting": "total_waiting_time",
    "overtime": "total_extra_time",
    "max_idle": "max_idle_time",
    "preference": "preferences",
    "left_out": "unscheduled",
    "missed_break": "missed_lunch_break",
}


def cost_breakdown(evaluation: Evaluation, uhhc_names: bool = False) -> dict[str, float]:
    """Weighted cost per component, plus ``objective`` and ``violations`` (count)."""
    out: dict[str, float] = {
        "objective": evaluation.objective,
        "violations": float(len(evaluation.violations)),
    }
    for key in COMPONENTS:
        if uhhc_names and key not in UHHC_NAMES:
            continue
        out[UHHC_NAMES[key] if uhhc_names else key] = evaluation.weighted[key]
    return out


@dataclass(frozen=True)
class Reason:
    """Why a visit is left out, as data: ``code`` and its parameters, so that an interface can
    word it in its users' language; ``text`` is the English wording."""

    code: str  # no_skill, all_refused, two_carers, too_costly, no_position
    service: int = 0  # 1-based service number (no_skill, all_refused)
    skill: str = ""
    penalty: float = 0.0  # too_costly

    @property
    def text(self) -> str:
        if self.code == "no_skill":
            return f"service {self.service}: no carer has skill {self.skill}"
        if self.code == "all_refused":
            return f"service {self.service}: every carer with skill {self.skill} is refused"
        if self.code == "two_carers":
            return "two distinct carers are needed and fewer are available"
        if self.code == "too_costly":
            return f"optional: fitting it in would cost more than its penalty {self.penalty:g}"
        return "no feasible position was found in the time available"


@dataclass(frozen=True)
class Explanation:
    visit_id: str
    status: str  # "left out", "late", "on time"
    reasons: tuple[str, ...]
    details: tuple[Reason, ...] = ()  # left out: the reasons as data


def left_out_reasons(problem: Problem, visit_id: str) -> list[Reason]:
    visit = problem.visit(visit_id)
    reasons = []
    for i, service in enumerate(visit.services):
        skilled = [c.id for c in problem.carers if service.skill in c.skills]
        allowed = [c for c in skilled if c not in visit.refused]
        if not skilled:
            reasons.append(Reason("no_skill", service=i + 1, skill=service.skill))
        elif not allowed:
            reasons.append(Reason("all_refused", service=i + 1, skill=service.skill))
    if len(visit.services) == 2:
        both = {c.id for c in problem.carers if visit.services[0].skill in c.skills} | {
            c.id for c in problem.carers if visit.services[1].skill in c.skills
        }
        if len(both - visit.refused) < 2:
            reasons.append(Reason("two_carers"))
    if not reasons and visit.optional:
        penalty = problem.weights.left_out * visit.left_out_penalty
        reasons.append(Reason("too_costly", penalty=penalty))
    return reasons or [Reason("no_position")]


def _late_reasons(problem: Problem, solution: Solution, visit_id: str, ev: Evaluation) -> list[str]:
    visit = problem.visit(visit_id)
    reasons = []
    for route in solution.routes:
        prev_end, pos = None, problem.carer(route.carer_id).start_location
        for stop in route.stops:
            v = problem.visit(stop.visit_id)
            if stop.visit_id == visit_id and ev.tardiness_of.get((visit_id, stop.service), 0) > 0:
                travel = float(problem.travel[pos, v.location])
                tard = ev.tardiness_of[(visit_id, stop.service)]
                msg = f"{route.carer_id} starts at {stop.start:g}, {tard:g} min after the window"
                if prev_end is not None:
                    msg += f"; previous visit ends at {prev_end:g} and travel takes {travel:g}"
                if visit.sync in (Sync.SIMULTANEOUS, Sync.SEQUENTIAL):
                    msg += f"; synchronised with its second carer ({visit.sync.value})"
                reasons.append(msg)
            prev_end = stop.start + v.services[stop.service].duration
            pos = v.location
    return reasons


def explain_visit(problem: Problem, solution: Solution, visit_id: str) -> Explanation:
    ev = evaluate(problem, solution)
    if visit_id in solution.left_out or not solution.stops_of(visit_id):
        details = tuple(left_out_reasons(problem, visit_id))
        return Explanation(visit_id, "left out", tuple(r.text for r in details), details)
    late = _late_reasons(problem, solution, visit_id, ev)
    if late:
        return Explanation(visit_id, "late", tuple(late))
    return Explanation(visit_id, "on time", ())
