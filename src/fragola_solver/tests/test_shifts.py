"""Several shifts per carer and day (split availability), and the sliced search."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from fragola_solver import (
    Carer,
    Problem,
    Progress,
    Route,
    Service,
    Shift,
    Solution,
    Stop,
    Sync,
    TimeWindow,
    Visit,
    Weights,
    evaluate,
    solve,
)
from fragola_solver.tests.conftest import scaled, tiny_problem

MORNING, AFTERNOON = Shift(480, 720), Shift(900, 1140)  # 8:00-12:00 and 15:00-19:00


def split_day(lunch_window: TimeWindow, *, helpers: int = 0) -> Problem:
    """One carer free 8-12 and 15-19 at home (location 0), clients 10 minutes away. A visit
    asked for 12:00-14:00 cannot be served in the gap: it is late, in the afternoon."""
    travel = np.array([[0.0, 10.0, 10.0], [10.0, 0.0, 5.0], [10.0, 5.0, 0.0]])
    visits = (
        Visit("morning", 1, (TimeWindow(540, 600),), (Service("oss", 60),)),
        Visit("lunch", 2, (lunch_window,), (Service("oss", 60),)),
        Visit("evening", 1, (TimeWindow(960, 1020),), (Service("oss", 60),)),
    )
    carers = tuple(
        Carer(f"c{i}", frozenset({"oss"}), 0, 0, (MORNING, AFTERNOON)) for i in range(1 + helpers)
    )
    return Problem("split", carers, visits, travel, Weights(overtime=5.0))


def test_it_keeps_visits_out_of_the_time_between_two_shifts() -> None:
    problem = split_day(TimeWindow(720, 780))
    result = solve(problem, time_limit=30, seed=1, iterations=scaled(100))
    assert result.evaluation.feasible, result.evaluation.violations
    starts = {s.visit_id: s.start for r in result.solution.routes for s in r.stops}
    assert 540 <= starts["morning"] <= 600
    # Nothing between 12:00 (home by then) and 15:00 (on the road again).
    for route in result.solution.routes:
        for stop in route.stops:
            assert stop.start + 60 + 10 <= 720 or stop.start >= 900 + 10, stop
    assert starts["lunch"] >= 910  # late rather than in the gap
    shifts = {s.visit_id: r.shift for r in result.solution.routes for s in r.stops}
    assert shifts == {"morning": 0, "lunch": 1, "evening": 1}


def test_the_evaluator_flags_a_route_back_after_a_shift_that_another_follows() -> None:
    problem = split_day(TimeWindow(720, 780))
    late_morning = Route("c0", (Stop("morning", 0, 600), Stop("lunch", 0, 720)), 0, None, 0)
    afternoon = Route("c0", (Stop("evening", 0, 960),), 0, None, 1)
    evaluation = evaluate(problem, Solution((late_morning, afternoon)))
    codes = [v.code for v in evaluation.violations]
    assert codes == ["after_shift"]
    # The same visits with a single long shift are fine (overtime aside).
    whole = replace(problem.carers[0], shifts=(Shift(480, 1140),))
    one = replace(problem, carers=(whole,))
    merged = Route("c0", (*late_morning.stops, *afternoon.stops), 0)
    assert evaluate(one, Solution((merged,))).feasible


def test_the_daily_limit_counts_the_working_time_of_every_shift() -> None:
    problem = split_day(TimeWindow(960, 1080))
    carer = replace(problem.carers[0], max_daily_minutes=120.0)
    problem = replace(problem, carers=(carer,))
    routes = (
        Route("c0", (Stop("morning", 0, 540),), 0, None, 0),  # 8:50-10:00: 80 minutes
        Route("c0", (Stop("lunch", 0, 960), Stop("evening", 0, 1025)), 0, None, 1),  # 145
    )
    evaluation = evaluate(problem, Solution(routes))
    assert evaluation.feasible
    assert evaluation.components["overtime"] == pytest.approx(80 + 145 - 120)
    result = solve(problem, time_limit=30, seed=1, iterations=scaled(100))
    assert result.stats.best_cost == pytest.approx(result.evaluation.objective, abs=1e-6)


def test_the_two_carers_of_a_visit_are_two_people_not_two_shifts_of_one() -> None:
    base = split_day(TimeWindow(720, 780), helpers=1)
    pair = Visit(
        "pair", 2, (TimeWindow(960, 1000),), (Service("oss", 30), Service("oss", 30)),
        Sync.SIMULTANEOUS,
    )  # fmt: skip
    problem = replace(base, visits=(*base.visits, pair))
    result = solve(problem, time_limit=30, seed=3, iterations=scaled(150))
    assert result.evaluation.feasible, result.evaluation.violations
    carers = {r.carer_id for r in result.solution.routes for s in r.stops if s.visit_id == "pair"}
    assert carers == {"c0", "c1"}


def test_a_sliced_search_reports_its_progress_and_agrees_with_the_evaluator() -> None:
    problem = tiny_problem()
    seen: list[Progress] = []
    result = solve(problem, time_limit=30, seed=1, iterations=scaled(200), slices=4,
                   progress=seen.append)  # fmt: skip
    assert [p.done for p in seen] == [1, 2, 3, 4]
    assert seen[-1].fraction == 1.0
    # Never worse from one slice to the next: each starts from the best so far.
    objectives = [p.best.objective for p in seen]
    assert objectives == sorted(objectives, reverse=True)
    assert seen[-1].best.objective == result.evaluation.objective
    assert result.evaluation.feasible
    with pytest.raises(ValueError):
        solve(problem, slices=0)
