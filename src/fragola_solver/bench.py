"""Benchmark runner: Fragola and the OR-Tools baseline on Mankowska sets, side by side; and
Fragola alone on the UHHC validation set (the baseline does not model its breaks, optional
visits and several depots), against its best-known values."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fragola_solver.data import mankowska_cases, uhhc_cases
from fragola_solver.formats import load_instance

# UHHC size classes (patients), for the summary table.
UHHC_CLASSES = (
    (25, "U1 (10-25)"),
    (100, "U2 (70-100)"),
    (250, "U3 (170-250)"),
    (10**9, "U4 (340+)"),
)


@dataclass(frozen=True)
class Case:
    id: str  # e.g. "B3" or "i-116"
    group: str  # size class: Mankowska set letter, or a UHHC class
    instance: Path
    bks: float


def cases_for(sets: str, data_dir: Path | None = None) -> list[Case]:
    """Mankowska cases of the sets among A..G in ``sets``, plus the UHHC validation set when
    ``sets`` contains U."""
    out = [Case(c.id, c.set, c.instance, c.bks) for c in mankowska_cases(data_dir) if c.set in sets]
    if "U" in sets:
        for u in uhhc_cases(data_dir):
            n = len(load_instance(u.instance).visits)
            group = next(label for top, label in UHHC_CLASSES if n <= top)
            out.append(Case(u.name, group, u.instance, u.best_known))
    return out


@dataclass(frozen=True)
class Run:
    solver: str  # "fragola" or "ortools"
    case: str  # e.g. "B3"
    group: str
    seed: int
    cost: float
    feasible: bool
    seconds: float
    bks: float

    @property
    def gap(self) -> float:
        return 100.0 * (self.cost - self.bks) / self.bks


def run_one(solver: str, case: Case, time_limit: float, seed: int) -> Run:
    # Imported here so worker processes only load what they use.
    problem = load_instance(case.instance)
    t0 = time.monotonic()
    if solver == "ortools":
        from fragola_solver.baseline import solve_ortools

        result = solve_ortools(problem, time_limit=time_limit, seed=seed)
    else:
        from fragola_solver.solver import solve

        result = solve(problem, time_limit=time_limit, seed=seed)
    ev = result.evaluation
    seconds = time.monotonic() - t0
    return Run(solver, case.id, case.group, seed, ev.objective, ev.feasible, seconds, case.bks)


def _run_packed(args: tuple[str, Case, float, int]) -> Run:
    return run_one(*args)


def run_bench(
    sets: str,
    time_limit: float,
    seeds: int,
    baseline: bool,
    jobs: int,
    data_dir: Path | None = None,
    progress: bool = True,
) -> list[Run]:
    cases = cases_for(sets, data_dir)
    solvers = ["fragola"] + (["ortools"] if baseline else [])
    work = [
        (s, c, time_limit, seed)
        for c in cases
        for s in solvers
        for seed in range(1, seeds + 1)
        if s == "fragola" or not c.group.startswith("U")
    ]
    if jobs <= 1:
        runs = []
        for item in work:
            runs.append(_run_packed(item))
            if progress:
                _show(runs[-1])
        return runs
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        runs = []
        for run in pool.map(_run_packed, work):
            runs.append(run)
            if progress:
                _show(run)
        return runs


def _show(run: Run) -> None:
    flag = "" if run.feasible else "  INFEASIBLE"
    print(
        f"  {run.solver:8s} {run.case:5s} seed {run.seed}: {run.cost:10.3f} "
        f"gap {run.gap:6.2f} %  {run.seconds:6.1f} s{flag}",
        flush=True,
    )


def _stats(runs: Iterable[Run]) -> tuple[str, str, str, str, str]:
    runs = list(runs)
    ok = [r for r in runs if r.feasible]
    infeasible = len(runs) - len(ok)
    if not ok:
        return "-", "-", "-", str(infeasible), "-"
    by_case: dict[str, list[Run]] = {}
    for r in ok:
        by_case.setdefault(r.case, []).append(r)
    best = [min(x.gap for x in rs) for rs in by_case.values()]
    mean = [statistics.fmean(x.gap for x in rs) for rs in by_case.values()]
    secs = statistics.fmean(r.seconds for r in runs)
    return (
        f"{statistics.fmean(best):.2f}",
        f"{statistics.fmean(mean):.2f}",
        f"{max(best):.2f}",
        str(infeasible),
        f"{secs:.1f}",
    )


def table(runs: list[Run], time_limit: float, seeds: int) -> str:
    head = (
        "| set | solver | mean gap best-of-seeds % | mean gap mean-of-seeds % | "
        "max gap % | infeasible runs | mean time s |"
    )
    lines = [
        f"Time limit {time_limit:g} s per run, {seeds} seed(s); gap to the best-known "
        "solutions (Mankowska: bks.csv; UHHC: reference.csv best_known), costs recomputed by "
        "the evaluator.",
        "",
        head,
        "|---|---|---|---|---|---|---|",
    ]
    for s in sorted({r.group for r in runs}):
        for solver in ("fragola", "ortools"):
            rs = [r for r in runs if r.group == s and r.solver == solver]
            if rs:
                cells = " | ".join(_stats(rs))
                lines.append(f"| {s} | {solver} | {cells} |")
    return "\n".join(lines)
