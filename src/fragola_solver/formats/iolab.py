"""iolab JSON (github.com/iolab-uniud): Mankowska instances/solutions and UHHC instances/solutions.

Both share the solution layout: ``routes[*].locations[*]`` with ``arrival_time`` = service start.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from fragola_solver.model import (
    INF,
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
)

Json = dict[str, Any]
LUNCH = "lunch_break"

# UHHC cost component name -> Weights field.
UHHC_WEIGHTS = {
    "travel_time": "travel",
    "total_tardiness": "tardiness",
    "highest_tardiness": "max_tardiness",
    "total_waiting_time": "waiting",
    "total_extra_time": "overtime",
    "max_idle_time": "max_idle",
    "caregiver_preferences": "preference",
    "optional_patients": "left_out",
    "missed_lunch_break": "missed_break",
}


class InstanceFormatError(ValueError):
    """The file is not a readable instance or solution (reported without a traceback by the CLI)."""


def detect_format(data: Json) -> str:
    if "metadata" in data and "terminal_points" in data:
        return "uhhc"
    if "central_offices" in data and "patients" in data:
        return "mankowska"
    raise InstanceFormatError("unknown instance format (expected iolab Mankowska or UHHC JSON)")


def load_json(path: str | Path) -> Json:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InstanceFormatError(f"{path}: cannot read JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise InstanceFormatError(f"{path}: top-level JSON object expected")
    return data


def load_instance(path: str | Path) -> Problem:
    return read_instance(load_json(path), name=Path(path).stem)


def read_instance(data: Json, name: str = "instance") -> Problem:
    kind = detect_format(data)
    try:
        return _read_uhhc(data, name) if kind == "uhhc" else _read_mankowska(data, name)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise InstanceFormatError(f"{name}: malformed {kind} instance: {exc!r}") from exc


def _services(p: Json) -> tuple[Service, ...]:
    return tuple(Service(str(s["service"]), float(s["duration"])) for s in p["required_services"])


def _sync(p: Json, n_services: int) -> tuple[Sync, float, float]:
    if n_services == 1:
        return Sync.NONE, 0.0, 0.0
    sync = p.get("synchronization") or {"type": "independent"}
    kind = sync["type"]
    if kind == "simultaneous":
        return Sync.SIMULTANEOUS, 0.0, 0.0
    if kind == "independent":
        return Sync.INDEPENDENT, 0.0, 0.0
    if kind == "sequential":
        dist = sync["distance"]
        lo, hi = (dist["min"], dist["max"]) if isinstance(dist, dict) else dist
        return Sync.SEQUENTIAL, float(lo), float(hi)
    raise ValueError(f"unknown synchronization {kind!r}")


def _matrix(data: Json) -> np.ndarray:
    mat = np.asarray(data["distances"], dtype=np.float64)
    if mat.ndim != 2 or mat.shape[0] != mat.shape[1]:
        raise ValueError("distances must be a square matrix")
    return mat


def _read_mankowska(data: Json, name: str) -> Problem:
    # Location 0 is the central office; patient k (0-based) is location k + 1.
    visits = []
    for k, p in enumerate(data["patients"]):
        services = tuple(
            Service(str(s["service"]), float(s["duration"])) for s in p["required_caregivers"]
        )
        sync, lo, hi = _sync(p, len(services))
        tw = p["time_window"]
        visits.append(
            Visit(
                id=str(p["id"]),
                location=k + 1,
                windows=(TimeWindow(float(tw[0]), float(tw[1])),),
                services=services,
                sync=sync,
                gap_min=lo,
                gap_max=hi,
                client=str(p["id"]),
            )
        )
    carers = tuple(
        Carer(
            id=str(c["id"]),
            skills=frozenset(map(str, c["abilities"])),
            start_location=0,
            end_location=0,
        )
        for c in data["caregivers"]
    )
    third = 1.0 / 3.0
    weights = Weights(travel=third, tardiness=third, max_tardiness=third, overtime=0.0)
    office = data["central_offices"][0]["location"]
    points = [office] + [p["location"] for p in data["patients"]]
    coords = tuple((float(x), float(y)) for x, y in points)
    return Problem(
        name=name,
        carers=carers,
        visits=tuple(visits),
        travel=_matrix(data),
        weights=weights,
        coordinates=coords,
    )


def _read_uhhc(data: Json, name: str) -> Problem:
    meta = data["metadata"]
    terminals = {str(t["id"]): int(t["distance_matrix_index"]) for t in data["terminal_points"]}
    lunch = data.get("lunch_breaks") or {}
    horizon = float(meta.get("horizon", INF))
    carers = []
    for c in data["caregivers"]:
        shift = c.get("working_shift") or {"start": 0.0, "end": horizon}
        breaks: tuple[Break, ...] = ()
        if c.get("lunch_break") and lunch:
            breaks = (
                Break(float(lunch["start"]), float(lunch["end"]), float(lunch["min_duration"])),
            )
        carers.append(
            Carer(
                id=str(c["id"]),
                skills=frozenset(map(str, c["abilities"])),
                start_location=terminals[str(c["departing_point"])],
                end_location=terminals[str(c.get("arrival_point", c["departing_point"]))],
                shifts=(Shift(float(shift["start"]), float(shift["end"])),),
                breaks=breaks,
            )
        )
    visits = []
    for p in data["patients"]:
        services = _services(p)
        sync, lo, hi = _sync(p, len(services))
        visits.append(
            Visit(
                id=str(p["id"]),
                location=int(p["distance_matrix_index"]),
                windows=tuple(
                    TimeWindow(float(w["start"]), float(w["end"])) for w in p["time_windows"]
                ),
                services=services,
                sync=sync,
                gap_min=lo,
                gap_max=hi,
                preferred=frozenset(map(str, p.get("preferred_caregivers", ()))),
                refused=frozenset(map(str, p.get("incompatible_caregivers", ()))),
                optional=bool(p.get("optional", False)),
                client=str(p["id"]),
            )
        )
    comps = meta.get("cost_components", {})
    weights = Weights(**{field: float(comps.get(key, 0.0)) for key, field in UHHC_WEIGHTS.items()})
    ref = WindowRef.END if meta.get("time_window_met") == "at_service_end" else WindowRef.START
    return Problem(
        name=name,
        carers=tuple(carers),
        visits=tuple(visits),
        travel=_matrix(data),
        weights=weights,
        window_ref=ref,
    )


def load_solution(path: str | Path, problem: Problem) -> Solution:
    return read_solution(load_json(path), problem)


def read_solution(data: Json, problem: Problem) -> Solution:
    """iolab solution JSON -> Solution. Service ids map to the visit's first unused service."""
    routes = []
    served: set[str] = set()
    used: dict[str, set[int]] = {}
    try:
        for r in data["routes"]:
            stops, break_start = [], None
            for loc in r.get("locations", []):
                if loc["service"] == LUNCH:
                    break_start = float(loc["start_time"])
                    continue
                visit = problem.visit(str(loc["patient"]))
                taken = used.setdefault(visit.id, set())
                idx = next(
                    i
                    for i, s in enumerate(visit.services)
                    if s.skill == loc["service"] and i not in taken
                )
                taken.add(idx)
                served.add(visit.id)
                stops.append(Stop(visit.id, idx, float(loc["arrival_time"])))
            routes.append(Route(str(r["caregiver_id"]), tuple(stops), break_start=break_start))
    except (KeyError, TypeError, ValueError, StopIteration) as exc:
        raise InstanceFormatError(f"malformed solution: {exc!r}") from exc
    left_out = tuple(v.id for v in problem.visits if v.id not in served)
    return Solution(tuple(routes), left_out)


def _num(x: float) -> float | int:
    # Keep integral times as ints, like the published files; round the rest to 3 decimals.
    r = round(x, 3)
    return int(r) if r == int(r) else r


def solution_to_json(
    problem: Problem, solution: Solution, cost: dict[str, float] | None = None
) -> Json:
    """Solution -> iolab solution JSON (optionally with UHHC-style ``cost_components``)."""
    starts: dict[str, float] = {}
    routes: list[Json] = []
    by_carer = {r.carer_id: r for r in solution.routes}
    for carer in problem.carers:
        route = by_carer.get(carer.id)
        if route is None or (not route.stops and route.break_start is None):
            routes.append({"caregiver_id": carer.id})
            continue
        locs: list[Json] = []
        for s in route.stops:
            visit = problem.visit(s.visit_id)
            starts[s.visit_id] = min(starts.get(s.visit_id, INF), s.start)
            locs.append(
                {
                    "arrival_time": _num(s.start),
                    "departure_time": _num(s.start + visit.services[s.service].duration),
                    "patient": s.visit_id,
                    "service": visit.services[s.service].skill,
                }
            )
        if route.break_start is not None and carer.breaks:
            nxt = next((s.visit_id for s in route.stops if s.start >= route.break_start), "")
            locs.append(
                {
                    "end_time": _num(route.break_start + carer.breaks[0].duration),
                    "patient": nxt,
                    "service": LUNCH,
                    "start_time": _num(route.break_start),
                }
            )
        routes.append({"caregiver_id": carer.id, "locations": locs})
    out: Json = {}
    if cost is not None:
        out["cost"] = {"objective": _num(cost["objective"]), "violations": int(cost["violations"])}
        out["cost_components"] = {
            k: _num(v) for k, v in cost.items() if k not in ("objective", "violations")
        }
    out["global_ordering"] = sorted(starts, key=lambda v: (starts[v], v))
    out["routes"] = routes
    return out


def write_solution(
    path: str | Path, problem: Problem, solution: Solution, cost: dict[str, float] | None = None
) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(solution_to_json(problem, solution, cost), fh, indent=2)
        fh.write("\n")
