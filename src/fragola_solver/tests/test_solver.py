"""Solver behaviour on small instances (iteration-bounded, never timed)."""

from __future__ import annotations

import pytest

from fragola_solver.data import mankowska_cases
from fragola_solver.evaluator import evaluate
from fragola_solver.formats import load_instance
from fragola_solver.model import Problem, Sync, TimeWindow, Weights
from fragola_solver.solver import solve
from fragola_solver.tests.conftest import benchmark_dir, scaled, tiny_problem


def test_it_finds_a_feasible_synchronised_plan_for_a_tiny_instance() -> None:
    problem = tiny_problem()
    result = solve(problem, time_limit=30, seed=1, iterations=scaled(200))
    assert result.evaluation.feasible, result.evaluation.violations
    assert not result.solution.left_out
    stops = {(s.visit_id, s.service): s.start for r in result.solution.routes for s in r.stops}
    assert stops[("v3", 0)] == stops[("v3", 1)]
    assert 20 <= stops[("v6", 1)] - stops[("v6", 0)] <= 40
    assert problem.visit("v6").sync is Sync.SEQUENTIAL


def test_it_gives_the_same_plan_for_the_same_seed() -> None:
    problem = tiny_problem()
    a = solve(problem, time_limit=30, seed=7, iterations=scaled(150))
    b = solve(problem, time_limit=30, seed=7, iterations=scaled(150))
    assert a.solution == b.solution
    assert a.evaluation.objective == b.evaluation.objective


def test_its_internal_cost_agrees_with_the_independent_evaluator() -> None:
    problem = tiny_problem()
    result = solve(problem, time_limit=30, seed=3, iterations=scaled(100))
    assert result.stats.best_cost == pytest.approx(result.evaluation.objective, abs=1e-6)


def test_it_leaves_out_an_optional_visit_that_costs_more_than_its_penalty() -> None:
    from dataclasses import replace

    problem = tiny_problem()
    # Serving v4 now means at least 40 min of tardiness; leaving it out costs 1.
    late = replace(
        problem.visits[3], windows=(TimeWindow(0, 0),), optional=True, left_out_penalty=0.001
    )
    problem = replace(problem, visits=(*problem.visits[:3], late, *problem.visits[4:]))
    result = solve(problem, time_limit=30, seed=1, iterations=scaled(100))
    assert result.solution.left_out == ("v4",)
    assert result.evaluation.feasible


@pytest.mark.parametrize("case_id", ["A1", "A4", "B1"])
def test_it_solves_small_mankowska_instances_feasibly(case_id: str) -> None:
    case = next(c for c in mankowska_cases(benchmark_dir()) if c.id == case_id)
    problem = load_instance(case.instance)
    result = solve(problem, time_limit=60, seed=1, iterations=scaled(150))
    ev = evaluate(problem, result.solution)
    assert ev.feasible, ev.violations
    assert ev.objective < case.bks * 1.25


def test_it_plans_a_week_with_one_route_per_carer_and_day() -> None:
    from dataclasses import replace

    from fragola_solver.model import Carer, Service, Shift, Visit, Weights

    base = tiny_problem()
    day = 1440.0
    shifts = (Shift(0, 600, day=0), Shift(day, day + 600, day=1))
    carers = (
        Carer("anna", frozenset({"nurse", "oss"}), 0, 0, shifts=shifts, max_weekly_minutes=60),
        Carer("bruno", frozenset({"nurse", "oss"}), 0, 0, shifts=shifts),
    )
    visits = tuple(
        Visit(
            f"v{d}{k}",
            k,
            (TimeWindow(d * day + 60 * k, d * day + 60 * k + 90),),
            (Service("nurse", 30),),
            day=d,
            client=f"client{k}",
        )
        for d in (0, 1)
        for k in (1, 2, 3)
    )
    week = replace(
        base,
        carers=carers,
        visits=visits,
        days=2,
        weights=Weights(travel=1.0, tardiness=1.0, overtime=1.0, continuity=5.0),
    )
    result = solve(week, time_limit=60, seed=2, iterations=scaled(100))
    ev = result.evaluation
    assert ev.feasible, ev.violations
    for route in result.solution.routes:
        assert all(week.visit(s.visit_id).day == route.day for s in route.stops)
    assert {(r.carer_id, r.day) for r in result.solution.routes} == {
        (c, d) for c in ("anna", "bruno") for d in (0, 1)
    }


def _week_of_regulars(weights: Weights) -> Problem:
    """Three carers, five days, four clients seen twice a day: room for any assignment."""
    from dataclasses import replace

    from fragola_solver.model import Carer, Service, Shift, Visit

    day = 1440.0
    shifts = tuple(Shift(d * day + 480, d * day + 1080, day=d) for d in range(5))
    carers = tuple(
        Carer(name, frozenset({"oss"}), 0, 0, shifts=shifts) for name in ("anna", "bruno", "carla")
    )
    visits = tuple(
        Visit(
            f"c{k}-d{d}-{h}",
            k,
            (TimeWindow(d * day + h * 60, d * day + h * 60 + 120),),
            (Service("oss", 45),),
            day=d,
            client=f"client{k}",
        )
        for d in range(5)
        for k in (1, 2, 3, 4)
        for h in (9, 15)
    )
    return replace(tiny_problem(), carers=carers, visits=visits, days=5, weights=weights)


def test_its_internal_cost_agrees_with_the_evaluator_on_whole_carer_costs() -> None:
    """Fairness, continuity, waiting and daily/weekly working-time excess are part of the
    search's own cost, not only of the evaluator's."""
    from dataclasses import replace

    base = _week_of_regulars(Weights(travel=1.0, tardiness=1.0, overtime=2.0, fairness=0.5))
    tight = replace(base.carers[0], max_weekly_minutes=300, max_daily_minutes=90)
    problem = replace(
        base,
        carers=(tight, *base.carers[1:]),
        weights=Weights(
            travel=1.0, tardiness=1.0, overtime=2.0, fairness=0.5, continuity=7.0, waiting=0.3
        ),
    )
    for iterations in (0, scaled(30)):
        result = solve(problem, time_limit=60, seed=5, iterations=iterations)
        assert result.evaluation.feasible, result.evaluation.violations
        assert result.stats.best_cost == pytest.approx(result.evaluation.objective, abs=1e-6)


def test_it_keeps_each_client_with_the_same_carer_when_continuity_counts() -> None:
    without = solve(
        _week_of_regulars(Weights(travel=1.0, tardiness=1.0)), time_limit=60, seed=1,
        iterations=scaled(60),
    )  # fmt: skip
    with_weight = solve(
        _week_of_regulars(Weights(travel=1.0, tardiness=1.0, continuity=50.0)),
        time_limit=60, seed=1, iterations=scaled(60),
    )  # fmt: skip
    assert without.evaluation.components["continuity"] > 0  # nothing asks for it otherwise
    assert with_weight.evaluation.components["continuity"] == 0  # one carer per client
    assert with_weight.evaluation.feasible


def test_it_evens_out_workloads_when_fairness_counts() -> None:
    loose = solve(
        _week_of_regulars(Weights(travel=1.0, tardiness=1.0)), time_limit=60, seed=1,
        iterations=scaled(60),
    )  # fmt: skip
    fair = solve(
        _week_of_regulars(Weights(travel=1.0, tardiness=1.0, fairness=5.0)),
        time_limit=60, seed=1, iterations=scaled(60),
    )  # fmt: skip
    assert fair.evaluation.components["fairness"] < loose.evaluation.components["fairness"]


def test_its_internal_cost_agrees_with_the_evaluator_on_breaks_and_idle_time() -> None:
    """A missed break costs its weight and leaves its length as idle time: the search must
    see both, or it keeps plans whose real cost is higher than it thinks."""
    from dataclasses import replace

    from fragola_solver.model import Break, Shift

    base = tiny_problem()
    carers = tuple(
        replace(c, shifts=(Shift(0, 420),), breaks=(Break(90, 150, 30),)) for c in base.carers
    )
    problem = replace(
        base,
        carers=carers,
        weights=Weights(travel=1.0, tardiness=1.0, max_idle=2.0, missed_break=40.0),
    )
    for iterations in (0, scaled(10), scaled(40)):
        result = solve(problem, time_limit=60, seed=7, iterations=iterations)
        assert result.evaluation.feasible, result.evaluation.violations
        assert result.stats.best_cost == pytest.approx(result.evaluation.objective, abs=1e-6)
