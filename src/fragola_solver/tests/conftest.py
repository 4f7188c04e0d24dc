"""Shared fixtures. Benchmark data is optional locally (tests skip with the reason) but
mandatory in CI (env CI=true): there, missing data fails the tests instead."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from fragola_solver.data import default_data_dir
from fragola_solver.jit import HAVE_NUMBA
from fragola_solver.model import Carer, Problem, Service, Sync, TimeWindow, Visit, Weights

# Without Numba the kernels run as plain Python (~100x slower): smaller searches keep the
# suite fast while checking the same properties.
SCALE = 1.0 if HAVE_NUMBA else 0.25


def scaled(n: int) -> int:
    return max(2, int(n * SCALE))


def benchmark_dir() -> Path:
    path = default_data_dir()
    if not (path / "mankowska-hhcrsp").is_dir() or not (path / "uhhc-validation").is_dir():
        reason = (
            f"benchmark data not found in {path} (set FRAGOLA_BENCHMARKS to the "
            "shared/benchmarks folder)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return benchmark_dir()


def tiny_problem() -> Problem:
    """Depot + 6 clients on a line; one simultaneous and one sequential two-carer visit."""
    xs = [0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0]
    travel = np.abs(np.subtract.outer(xs, xs))
    s = Service
    visits = (
        Visit("v1", 1, (TimeWindow(0, 60),), (s("nurse", 20),)),
        Visit("v2", 2, (TimeWindow(30, 90),), (s("oss", 20),)),
        Visit("v3", 3, (TimeWindow(60, 120),), (s("nurse", 15), s("oss", 15)), Sync.SIMULTANEOUS),
        Visit("v4", 4, (TimeWindow(0, 200),), (s("oss", 10),)),
        Visit("v5", 5, (TimeWindow(100, 160), TimeWindow(300, 360)), (s("nurse", 30),)),
        Visit(
            "v6",
            6,
            (TimeWindow(120, 240),),
            (s("nurse", 10), s("oss", 10)),
            Sync.SEQUENTIAL,
            gap_min=20,
            gap_max=40,
        ),
    )
    carers = (
        Carer("anna", frozenset({"nurse"}), 0, 0),
        Carer("bruno", frozenset({"oss"}), 0, 0),
        Carer("carla", frozenset({"nurse", "oss"}), 0, 0),
    )
    return Problem(
        "tiny",
        carers,
        visits,
        travel,
        Weights(travel=1.0, tardiness=1.0, max_tardiness=1.0, overtime=0.0),
    )
