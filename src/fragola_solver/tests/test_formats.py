"""Readers and writers: iolab JSON instances and solutions, round trips, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fragola_solver.cli import main
from fragola_solver.data import mankowska_cases, mnsa_solutions, uhhc_cases
from fragola_solver.evaluator import evaluate
from fragola_solver.formats import (
    InstanceFormatError,
    load_instance,
    load_solution,
    read_instance,
    read_solution,
    solution_to_json,
)
from fragola_solver.model import Sync, WindowRef
from fragola_solver.tests.conftest import benchmark_dir, scaled


def test_it_reads_a_mankowska_instance_into_the_generic_model() -> None:
    case = next(c for c in mankowska_cases(benchmark_dir()) if c.id == "A1")
    problem = load_instance(case.instance)
    assert len(problem.visits) == 10 and len(problem.carers) == 3
    assert problem.travel.shape == (11, 11)
    p9 = problem.visit("p9")
    assert p9.sync is Sync.SEQUENTIAL and (p9.gap_min, p9.gap_max) == (51, 102)
    assert problem.weights.travel == pytest.approx(1 / 3)


def test_it_reads_a_uhhc_instance_with_shifts_breaks_and_optional_visits() -> None:
    case = next(c for c in uhhc_cases(benchmark_dir()) if c.name == "i-116")
    problem = load_instance(case.instance)
    assert problem.window_ref is WindowRef.END
    assert any(c.breaks for c in problem.carers)
    assert any(v.optional for v in problem.visits)
    assert problem.weights.left_out == 200


def test_it_round_trips_a_published_mnsa_solution() -> None:
    case = next(c for c in mankowska_cases(benchmark_dir()) if c.id == "C1")
    problem = load_instance(case.instance)
    path = mnsa_solutions(benchmark_dir())[case.stem]
    solution = load_solution(path, problem)
    again = read_solution(json.loads(json.dumps(solution_to_json(problem, solution))), problem)
    assert again == solution
    original = json.loads(Path(path).read_text())
    # Same file layout as the published one, routes and times included.
    assert solution_to_json(problem, solution)["routes"] == original["routes"]


def test_it_round_trips_a_uhhc_solution_with_its_lunch_breaks() -> None:
    case = next(c for c in uhhc_cases(benchmark_dir()) if c.name == "i-116")
    assert case.sa_solution is not None
    problem = load_instance(case.instance)
    solution = load_solution(case.sa_solution, problem)
    again = read_solution(solution_to_json(problem, solution), problem)
    assert again == solution
    assert evaluate(problem, again).objective == evaluate(problem, solution).objective


def test_it_rejects_a_file_that_is_not_an_instance() -> None:
    with pytest.raises(InstanceFormatError):
        read_instance({"hello": 1})
    with pytest.raises(InstanceFormatError):
        read_instance({"patients": [{"id": "p1"}], "central_offices": [], "caregivers": []})


def test_the_cli_exits_with_1_and_a_message_on_a_bad_instance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["solve", str(bad)]) == 1
    assert "cannot read JSON" in capsys.readouterr().err
    assert main(["solve", str(tmp_path / "missing.json")]) == 1


def test_the_cli_exits_with_2_on_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["solve"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["bench", "--sets", "Z"])
    assert exc.value.code == 2


def test_the_cli_solves_and_writes_a_solution_the_evaluator_accepts(tmp_path: Path) -> None:
    case = next(c for c in mankowska_cases(benchmark_dir()) if c.id == "A2")
    out = tmp_path / "sol.json"
    assert (
        main(
            [
                "solve",
                str(case.instance),
                "--iterations",
                str(scaled(50)),
                "--seed",
                "3",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    problem = load_instance(case.instance)
    assert evaluate(problem, load_solution(out, problem)).feasible


def test_the_bench_covers_the_uhhc_set_by_size_class() -> None:
    from fragola_solver.bench import cases_for

    both = cases_for("AU", benchmark_dir())
    cases = {c.id: c for c in both}
    assert len(both) == 34 and cases["A1"].group == "A"
    assert sum(c.group.startswith("U") for c in both) == 24
    assert cases["i-116"].group.startswith("U1") and cases["i-175"].group.startswith("U4")
    assert cases["i-116"].bks == 17117  # the CP-SAT value, better than the SA one
