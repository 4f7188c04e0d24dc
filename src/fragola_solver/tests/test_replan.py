"""Replanning: pinned visits stay, repairs change as little as possible, changes are listed."""

from __future__ import annotations

from fragola_solver.explain import cost_breakdown, explain_visit
from fragola_solver.model import Service, TimeWindow, Visit
from fragola_solver.replan import replan
from fragola_solver.solver import solve
from fragola_solver.tests.conftest import scaled, tiny_problem


def _plan():  # type: ignore[no-untyped-def]
    problem = tiny_problem()
    return problem, solve(problem, time_limit=30, seed=1, iterations=scaled(150)).solution


def test_it_repairs_a_carer_absence_by_moving_only_that_carers_visits() -> None:
    problem, plan = _plan()
    absent = (
        next(r for r in plan.routes if r.stops and r.carer_id == "carla")
        if any(r.carer_id == "carla" and r.stops for r in plan.routes)
        else next(r for r in plan.routes if r.stops)
    )
    lost = {s.visit_id for s in absent.stops}
    result = replan(problem, plan, absent=frozenset({absent.carer_id}), iterations=scaled(100))
    assert result.evaluation.feasible, result.evaluation.violations
    assert all(r.carer_id != absent.carer_id for r in result.solution.routes if r.stops)
    moved = {c.visit_id for c in result.changes if c.carer_before != c.carer_after}
    assert lost <= moved | set(result.solution.left_out)
    # Visits of other carers keep their carer.
    assert moved <= lost


def test_it_adds_an_urgent_visit_without_touching_pinned_ones() -> None:
    problem, plan = _plan()
    urgent = Visit("urgent", 2, (TimeWindow(0, 300),), (Service("oss", 10),))
    pinned = frozenset({"v1", "v2"})
    result = replan(problem, plan, new_visits=(urgent,), pinned=pinned, iterations=scaled(50))
    assert result.evaluation.feasible, result.evaluation.violations
    changed = {c.visit_id for c in result.changes}
    assert "urgent" in changed
    assert not changed & pinned
    before = {(s.visit_id, s.service): r.carer_id for r in plan.routes for s in r.stops}
    after = {(s.visit_id, s.service): r.carer_id for r in result.solution.routes for s in r.stops}
    assert all(after[k] == c for k, c in before.items())


def test_it_explains_a_left_out_visit_and_breaks_the_cost_down() -> None:
    problem, plan = _plan()
    nobody = Visit("physio", 1, (TimeWindow(0, 100),), (Service("physio", 30),), optional=True)
    result = replan(problem, plan, new_visits=(nobody,), iterations=scaled(20))
    assert "physio" in result.solution.left_out
    why = explain_visit(
        result.evaluation
        and problem.__class__(
            problem.name, problem.carers, (*problem.visits, nobody), problem.travel, problem.weights
        ),
        result.solution,
        "physio",
    )
    assert why.status == "left out"
    assert any("no carer has skill physio" in r for r in why.reasons)
    parts = cost_breakdown(result.evaluation)
    assert parts["objective"] == sum(
        v for k, v in parts.items() if k not in ("objective", "violations")
    )
