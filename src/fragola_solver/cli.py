"""Command line: ``fragola-solver solve`` / ``evaluate`` / ``bench``.

Exit codes: 0 ok, 1 bad instance or solution file (clear message, no traceback), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fragola_solver.data import SETS, default_data_dir
from fragola_solver.formats import InstanceFormatError, load_instance, load_solution
from fragola_solver.formats.iolab import detect_format, load_json, read_instance, write_solution


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fragola-solver", description="Home-care routing and scheduling solver."
    )
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("solve", help="solve an iolab JSON instance (Mankowska or UHHC)")
    s.add_argument("instance", type=Path)
    s.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument(
        "--iterations",
        type=int,
        default=None,
        help="stop after N iterations (fully deterministic for a seed)",
    )
    s.add_argument("--output", type=Path, default=None, help="solution JSON to write")
    e = sub.add_parser("evaluate", help="recompute cost and feasibility of a solution file")
    e.add_argument("instance", type=Path)
    e.add_argument("solution", type=Path)
    b = sub.add_parser("bench", help="Mankowska benchmark: gaps to BKS, Fragola vs OR-Tools")
    b.add_argument(
        "--sets",
        default="A,B",
        help="comma-separated among A..G (Mankowska) and U (UHHC validation); default A,B",
    )
    b.add_argument("--time-limit", type=float, default=10.0, help="seconds per run")
    b.add_argument("--baseline", action=argparse.BooleanOptionalAction, default=True)
    b.add_argument("--seeds", type=int, default=1)
    b.add_argument("--jobs", type=int, default=1, help="concurrent runs (default 1)")
    b.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="benchmarks folder (default: $FRAGOLA_BENCHMARKS or ../shared/benchmarks)",
    )
    return p


def _summary(ev_components: dict[str, float], objective: float, violations: tuple[str, ...]) -> str:
    parts = [
        f"objective {objective:.3f}",
        "feasible" if not violations else f"INFEASIBLE ({len(violations)} violations)",
    ]
    parts += [f"{k} {v:.3f}" for k, v in ev_components.items() if v]
    return ", ".join(parts)


def cmd_solve(args: argparse.Namespace) -> int:
    from fragola_solver.explain import cost_breakdown
    from fragola_solver.solver import solve

    data = load_json(args.instance)
    problem = read_instance(data, name=args.instance.stem)
    result = solve(problem, time_limit=args.time_limit, seed=args.seed, iterations=args.iterations)
    ev = result.evaluation
    print(_summary(ev.weighted, ev.objective, ev.violations))
    for line in ev.violations[:20]:
        print("  violation:", line)
    if args.output:
        # UHHC solution files carry their cost; Mankowska (MNSA) files do not.
        uhhc = detect_format(data) == "uhhc"
        cost = cost_breakdown(ev, uhhc_names=True) if uhhc else None
        write_solution(args.output, problem, result.solution, cost)
        print(f"wrote {args.output}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from fragola_solver.evaluator import evaluate

    problem = load_instance(args.instance)
    ev = evaluate(problem, load_solution(args.solution, problem))
    print(_summary(ev.weighted, ev.objective, ev.violations))
    for line in ev.violations[:20]:
        print("  violation:", line)
    return 0


def cmd_bench(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from fragola_solver.bench import run_bench, table

    sets = "".join(s.strip().upper() for s in args.sets.split(",") if s.strip())
    if not sets or any(s not in SETS + "U" for s in sets):
        parser.error(f"--sets must be among {','.join(SETS)},U")
    if args.jobs < 1 or args.seeds < 1 or args.time_limit <= 0:
        parser.error("--jobs and --seeds must be >= 1 and --time-limit > 0")
    data_dir = args.data_dir or default_data_dir()
    if not (data_dir / "mankowska-hhcrsp").is_dir() or (
        "U" in sets and not (data_dir / "uhhc-validation").is_dir()
    ):
        print(f"fragola-solver: benchmark data not found in {data_dir}", file=sys.stderr)
        return 1
    runs = run_bench(sets, args.time_limit, args.seeds, args.baseline, args.jobs, data_dir)
    print()
    print(table(runs, args.time_limit, args.seeds))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "solve":
            return cmd_solve(args)
        if args.command == "evaluate":
            return cmd_evaluate(args)
        return cmd_bench(args, parser)
    except InstanceFormatError as exc:
        print(f"fragola-solver: {exc}", file=sys.stderr)
        return 1
    except (OSError, KeyError) as exc:
        print(f"fragola-solver: cannot use input: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
