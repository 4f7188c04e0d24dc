"""Fragola home-care routing and scheduling solver: a plain library (never imports Django).

Typical use::

    from fragola_solver import solve, evaluate
    result = solve(problem, time_limit=10, seed=1)
    result.solution, result.evaluation.objective
"""

from fragola_solver.evaluator import Evaluation, Violation, evaluate
from fragola_solver.explain import Explanation, Reason, cost_breakdown, explain_visit
from fragola_solver.model import (
    Break,
    Carer,
    Problem,
    Route,
    Service,
    Shift,
    Solution,
    Stop,
    Sync,
    TimeWindow,
    Visit,
    Weights,
    WindowRef,
    travel_from_coordinates,
)
from fragola_solver.replan import Change, ReplanResult, replan
from fragola_solver.solver import Progress, SolveResult, solve

__all__ = [
    "Break",
    "Carer",
    "Change",
    "Evaluation",
    "Explanation",
    "Problem",
    "Progress",
    "Reason",
    "ReplanResult",
    "Route",
    "Service",
    "Shift",
    "Solution",
    "SolveResult",
    "Stop",
    "Sync",
    "TimeWindow",
    "Violation",
    "Visit",
    "Weights",
    "WindowRef",
    "cost_breakdown",
    "evaluate",
    "explain_visit",
    "replan",
    "solve",
    "travel_from_coordinates",
]
