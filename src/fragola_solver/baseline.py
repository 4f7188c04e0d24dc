"""OR-Tools routing baseline, built the way a user of the routing library would build it.

One node per service, one vehicle per carer, a time dimension (travel + service time, waiting
allowed), windows as hard earliest starts and soft latest starts (tardiness), skills as allowed
vehicles, two-carer visits as ``VehicleVar`` inequality plus cumul-difference constraints
(simultaneous / min-max gap), PARALLEL_CHEAPEST_INSERTION (PATH_CHEAPEST_ARC found no first
solution on synchronised instances of 50 patients) then GUIDED_LOCAL_SEARCH. Maximum
tardiness has no natural expression there and is left out of its objective (the evaluator
still counts it). Start times are re-timed to the earliest feasible schedule of OR-Tools'
routes, which can only help the baseline.
"""

from __future__ import annotations

import time

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from fragola_solver.compiled import compile_problem
from fragola_solver.evaluator import evaluate
from fragola_solver.model import Problem, Route, Solution, Stop
from fragola_solver.search import SearchStats
from fragola_solver.solver import SolveResult, decode, state_from_solution

SCALE = 100  # OR-Tools works in integers: hundredths of a minute
HORIZON = 10**8


def _routes(
    problem: Problem,
    manager: pywrapcp.RoutingIndexManager,
    routing: pywrapcp.RoutingModel,
    sol: pywrapcp.Assignment,
    nodes: list[tuple[int, int]],
) -> Solution:
    time_dim = routing.GetDimensionOrDie("time")
    routes = []
    for v, carer in enumerate(problem.carers):
        idx = routing.Start(v)
        stops = []
        while not routing.IsEnd(idx):
            node = manager.IndexToNode(idx)
            if node > 0:
                vi, si = nodes[node]
                start = sol.Min(time_dim.CumulVar(idx)) / SCALE
                stops.append(Stop(problem.visits[vi].id, si, start))
            idx = sol.Value(routing.NextVar(idx))
        routes.append(Route(carer.id, tuple(stops)))
    return Solution(tuple(routes))


Model = tuple[pywrapcp.RoutingIndexManager, pywrapcp.RoutingModel, list[tuple[int, int]]]


def _build(problem: Problem) -> Model:
    nodes: list[tuple[int, int]] = [(-1, -1)]  # node 0 = depot of carer 0
    for vi, visit in enumerate(problem.visits):
        nodes.extend((vi, si) for si in range(len(visit.services)))
    n_v = len(problem.carers)
    starts = [0] * n_v  # every carer leaves from / returns to node 0 in Mankowska; for several
    # depots we map each carer's own start location through ``loc_of`` below.
    loc_of = [problem.carers[0].start_location] + [
        problem.visits[vi].location for vi, _ in nodes[1:]
    ]
    manager = pywrapcp.RoutingIndexManager(len(nodes), n_v, starts, starts)
    routing = pywrapcp.RoutingModel(manager)
    travel = problem.travel

    def dist(i: int, j: int) -> int:
        a, b = manager.IndexToNode(i), manager.IndexToNode(j)
        return round(float(travel[loc_of[a], loc_of[b]]) * SCALE)

    def transit(i: int, j: int) -> int:
        a = manager.IndexToNode(i)
        service = 0.0
        if a > 0:
            vi, si = nodes[a]
            service = problem.visits[vi].services[si].duration
        return dist(i, j) + round(service * SCALE)

    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback(dist))
    routing.AddDimension(routing.RegisterTransitCallback(transit), HORIZON, HORIZON, False, "time")
    time_dim = routing.GetDimensionOrDie("time")
    w = problem.weights
    tard_coeff = max(1, round(w.tardiness / max(w.travel, 1e-9)))
    cp = problem.carer_index
    for node in range(1, len(nodes)):
        vi, si = nodes[node]
        visit = problem.visits[vi]
        idx = manager.NodeToIndex(node)
        window = visit.windows[0]
        time_dim.CumulVar(idx).SetMin(round(window.start * SCALE))
        time_dim.SetCumulVarSoftUpperBound(idx, round(window.end * SCALE), tard_coeff)
        allowed = [
            v
            for v, c in enumerate(problem.carers)
            if visit.services[si].skill in c.skills and c.id not in visit.refused
        ]
        routing.VehicleVar(idx).SetValues([-1, *allowed])
    solver = routing.solver()
    node_of = {nodes[n]: n for n in range(1, len(nodes))}
    for vi, visit in enumerate(problem.visits):
        if len(visit.services) < 2:
            continue
        a = manager.NodeToIndex(node_of[(vi, 0)])
        b = manager.NodeToIndex(node_of[(vi, 1)])
        solver.Add(routing.VehicleVar(a) != routing.VehicleVar(b))
        diff = time_dim.CumulVar(b) - time_dim.CumulVar(a)
        if visit.sync.value in ("simultaneous", "sequential"):
            solver.Add(diff >= round(visit.gap_min * SCALE))
            solver.Add(diff <= round(visit.gap_max * SCALE))
    del cp
    return manager, routing, nodes


# The first-solution strategy a user tries first, then the fallbacks: parallel cheapest
# insertion copes best with the synchronisation constraints but fails on some instances.
STRATEGIES = ("PARALLEL_CHEAPEST_INSERTION", "PATH_CHEAPEST_ARC", "LOCAL_CHEAPEST_INSERTION")


def solve_ortools(problem: Problem, time_limit: float = 10.0, seed: int = 0) -> SolveResult:
    """Single-day problems; ``seed`` is accepted for symmetry (GLS is deterministic)."""
    t0 = time.monotonic()
    sol = None
    for strategy in STRATEGIES:
        remaining = time_limit - (time.monotonic() - t0)
        if remaining < 0.5:
            break
        manager, routing, nodes = _build(problem)
        params = pywrapcp.DefaultRoutingSearchParameters()
        params.first_solution_strategy = getattr(routing_enums_pb2.FirstSolutionStrategy, strategy)
        params.local_search_metaheuristic = (
            routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
        )
        params.time_limit.FromMilliseconds(int(remaining * 1000))
        sol = routing.SolveWithParameters(params)
        if sol is not None:
            break
    if sol is None:
        empty = Solution(tuple(Route(c.id, ()) for c in problem.carers))
        return SolveResult(
            empty,
            evaluate(problem, empty),
            SearchStats(0, time.monotonic() - t0, float("inf"), float("inf")),
        )
    raw = _routes(problem, manager, routing, sol, nodes)
    retimed = decode(state_from_solution(compile_problem(problem), raw))
    ev = evaluate(problem, retimed)
    return SolveResult(
        retimed, ev, SearchStats(0, time.monotonic() - t0, ev.objective, ev.objective)
    )
