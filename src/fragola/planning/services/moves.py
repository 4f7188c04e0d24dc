"""Moving one visit of a proposal by hand: what it does to the cost, then applying it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fragola.care.models import Carer
from fragola.planning.convert import (
    Converted,
    carer_key,
    gap_hit,
    minutes_of,
    problem_for,
    solution_from,
)
from fragola.planning.labels import clock
from fragola.planning.models import PlannedAssignment, PlanningRun, RunKind, RunStatus
from fragola_solver import Evaluation, Solution, Violation, cost_breakdown, evaluate

ERR_NOT_MOVABLE = _("Only a visit of a proposal that is ready (not yet published) can be moved.")
ERR_WORSE = _("This move breaks a rule of the plan: %(violations)s")
ERR_CARER = _("Choose a carer of this co-op.")


@dataclass(frozen=True)
class MoveEffect:
    before: dict[str, float]
    after: dict[str, float]
    new_violations: tuple[str, ...]
    late_minutes: int

    @property
    def rows(self) -> list[tuple[str, float, float, float]]:
        keys = [k for k in self.after if k != "violations"]
        return [(k, self.before.get(k, 0.0), self.after[k], self.after[k] - self.before.get(k, 0.0))
                for k in keys if self.before.get(k, 0.0) or self.after[k]]  # fmt: skip

    @property
    def delta(self) -> float:
        return self.after["objective"] - self.before["objective"]

    @property
    def allowed(self) -> bool:
        return not self.new_violations


def _placed(run: PlanningRun) -> dict[int, tuple[int | None, dt.datetime | None]]:
    rows = PlannedAssignment.objects.filter(run=run, left_out=False)
    return {v: (c, s) for v, c, s in rows.values_list("visit_id", "carer_id", "starts_at")}


def _solutions(
    converted: Converted, placed: dict[int, tuple[int | None, dt.datetime | None]]
) -> Solution:
    problem, origin = converted.problem, converted.origin
    return solution_from(problem, origin, converted.visits_of, placed, strict=False)


def rule_text(violation: Violation, converted: Converted) -> str:
    """A rule the plan would break, worded for the coordinator with names, not solver ids."""
    carer = converted.carers.get(violation.carer)
    group = converted.visits_of.get(violation.visit, ())
    visit = _("the visit to %(user)s") % {"user": group[0].service_user} if group else _("a visit")
    who = str(carer) if carer else _("the carer")
    texts = {
        "before_arrival": _("%(carer)s cannot reach %(visit)s by then."),
        "before_window": _("%(visit)s would start before its time window opens."),
        "no_skill": _("%(carer)s lacks the qualification %(visit)s needs."),
        "refused": _("The service user asked not to receive %(carer)s."),
        "same_carer": _("%(visit)s needs two different carers."),
        "not_simultaneous": _("The two carers of %(visit)s would not arrive together."),
        "gap": _("The two carers of %(visit)s would not keep the agreed interval."),
        "partly_served": _("%(visit)s would have only one of its two carers."),
        "served_twice": _("%(visit)s would be served twice."),
        "not_served": _("%(visit)s would be left without a carer."),
        "break_overlap": _("%(carer)s's break would overlap a visit."),
        "after_shift": _("%(carer)s would not be home before their next shift of the day."),
    }
    text = str(texts.get(violation.code, _("The plan would break one of its rules.")))
    text = text % {"carer": who, "visit": visit}
    return text[:1].upper() + text[1:]


def _check_run(run: PlanningRun, assignment: PlannedAssignment) -> None:
    if run.kind != RunKind.PLAN or run.status != RunStatus.DONE or assignment.run_id != run.pk:
        raise ValidationError({"visit": ERR_NOT_MOVABLE})


def _day_warning(converted: Converted, carer: Carer, starts_at: dt.datetime) -> tuple[str, ...]:
    solver_carer = converted.problem.carer_index.get(carer_key(carer.pk))
    day = int(minutes_of(converted.origin, starts_at) // 1440)
    if solver_carer is None or all(s.day != day for s in solver_carer.shifts):
        return (str(_("%(carer)s does not work that day.") % {"carer": carer}),)
    return ()


def _gap_warning(
    converted: Converted, carer: Carer, starts_at: dt.datetime, minutes: float
) -> tuple[str, ...]:
    start = minutes_of(converted.origin, starts_at)
    gap = gap_hit(converted.gaps, carer_key(carer.pk), start, minutes)
    if gap is None:
        return ()
    text = _("%(carer)s is not available from %(start)s to %(end)s that day.")
    return (str(text % {"carer": carer, "start": clock(gap.start), "end": clock(gap.end)}),)


def planning_move_preview(
    *, run: PlanningRun, assignment: PlannedAssignment, carer: Carer, starts_at: dt.datetime
) -> MoveEffect:
    """The cost per component before and after moving ``assignment`` to ``carer`` at
    ``starts_at``, re-evaluated by the solver's evaluator, and any rule the move breaks."""
    _check_run(run, assignment)
    if carer.organisation_id != run.organisation_id:
        raise ValidationError({"carer": ERR_CARER})
    converted = problem_for(
        organisation=run.organisation, start=run.period_start, end=run.period_end
    )
    placed = _placed(run)
    before_solution = _solutions(converted, placed)
    placed[assignment.visit_id] = (carer.pk, starts_at)
    after_solution = _solutions(converted, placed)
    before = evaluate(converted.problem, before_solution)
    after = evaluate(converted.problem, after_solution)
    already = set(before.violations)
    new = tuple(
        dict.fromkeys(rule_text(v, converted) for v in after.violations if v not in already)
    )
    new += _day_warning(converted, carer, starts_at)
    new += _gap_warning(converted, carer, starts_at, assignment.visit.planned_minutes)
    return MoveEffect(
        cost_breakdown(before), cost_breakdown(after), new, _late(converted, after, assignment)
    )


def _late(converted: Converted, after: Evaluation, assignment: PlannedAssignment) -> int:
    for key, group in converted.visits_of.items():
        for index, visit in enumerate(group):
            if visit.pk == assignment.visit_id:
                return round(after.tardiness_of.get((key, index), 0.0))
    return 0


@transaction.atomic
def planning_move_apply(
    *, run: PlanningRun, assignment: PlannedAssignment, carer: Carer, starts_at: dt.datetime
) -> MoveEffect:
    """Apply a move to the proposal (never to the visits: publishing does that)."""
    effect = planning_move_preview(run=run, assignment=assignment, carer=carer, starts_at=starts_at)
    if not effect.allowed:
        raise ValidationError(
            {"carer": ERR_WORSE % {"violations": "; ".join(effect.new_violations)}}
        )
    assignment.carer, assignment.starts_at = carer, starts_at
    assignment.left_out, assignment.reason, assignment.unavailable = False, "", False
    assignment.late_minutes = effect.late_minutes
    assignment.save(
        update_fields=["carer", "starts_at", "left_out", "reason", "unavailable", "late_minutes"]
    )
    run.objective = round(effect.after["objective"], 1)
    run.breakdown = effect.after
    run.save(update_fields=["objective", "breakdown", "updated_at"])
    return effect
