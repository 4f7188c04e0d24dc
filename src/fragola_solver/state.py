"""Mutable search state over a Compiled problem: routes as a vehicle x position array."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from fragola_solver.compiled import Compiled, FltArr, IntArr
from fragola_solver.kernels import INFEASIBLE, exact_insertions, locate, schedule, scratch


@dataclass
class Move:
    """Insertion of one visit: (task, vehicle, position) in application order."""

    cost: float  # solution cost after the insertion
    steps: tuple[tuple[int, int, int], ...]


_ids = itertools.count()


class State:
    """Routes of one candidate solution. Copies share the kernel scratch ``W``; the schedule
    held there belongs to whichever state computed it last (``_owner``), so a state that has
    not changed since can reuse it instead of re-scheduling."""

    def __init__(self, cp: Compiled) -> None:
        self.cp = cp
        n_t, n_v = cp.n_tasks, cp.n_vehicles
        self.R: IntArr = np.full((n_v, n_t + 1), -1, dtype=np.int64)
        self.L: IntArr = np.zeros(n_v, dtype=np.int64)
        self.assigned = np.zeros(len(cp.visit_tasks), dtype=np.bool_)
        self.pinned = np.zeros(len(cp.visit_tasks), dtype=np.bool_)
        self.min_pos: IntArr = np.zeros(n_v, dtype=np.int64)  # length of each frozen prefix
        self.W = scratch(n_t, n_v)  # kernel scratch, shared by copies (single-threaded)
        self._buf_c: FltArr = np.zeros(n_t + n_v + 1)
        self._buf_v: IntArr = np.zeros(n_t + n_v + 1, dtype=np.int64)
        self._buf_p: IntArr = np.zeros(n_t + n_v + 1, dtype=np.int64)
        self._owner: list[tuple[int, int] | None] = [None]  # shared: (state id, version)
        self._id = next(_ids)
        self._version = 0

    def copy(self) -> State:
        other = State.__new__(State)
        other.__dict__.update(self.__dict__)
        other.R, other.L = self.R.copy(), self.L.copy()
        other.assigned = self.assigned.copy()
        other._id = next(_ids)
        other._version = 0
        return other

    def _touch(self) -> None:
        self._version += 1

    def _fresh(self) -> bool:
        return self._owner[0] == (self._id, self._version)

    @property
    def start(self) -> FltArr:
        """Start times as of the last ``route_cost()`` (scratch shared with copies)."""
        start: FltArr = self.W[0]
        return start

    # --- costs -------------------------------------------------------------------------------
    def route_cost(self) -> float:
        """Cost of the routes; also refreshes ``self.start``."""
        cost = float(schedule(self.R, self.L, self.cp.kernel_args, self.W))
        self._owner[0] = (self._id, self._version)
        return cost

    def left_out_cost(self) -> float:
        return float(self.cp.left_out_cost[~self.assigned].sum())

    def cost(self) -> float:
        return self.route_cost() + self.left_out_cost()

    def feasible(self) -> bool:
        return self.route_cost() < INFEASIBLE and bool(
            self.assigned[self.cp.left_out_cost >= 1e6].all()
        )

    # --- edits -------------------------------------------------------------------------------
    def position(self, t: int) -> tuple[int, int]:
        v, p = locate(self.R, self.L, t)
        if v < 0:
            raise KeyError(f"task {t} is not routed")
        return int(v), int(p)

    def insert_task(self, t: int, v: int, p: int) -> None:
        n = int(self.L[v])
        self.R[v, p + 1 : n + 1] = self.R[v, p:n]
        self.R[v, p] = t
        self.L[v] += 1
        self._touch()

    def remove_at(self, v: int, p: int) -> None:
        n = int(self.L[v])
        self.R[v, p : n - 1] = self.R[v, p + 1 : n]
        self.R[v, n - 1] = -1
        self.L[v] -= 1
        self._touch()

    def remove_visit(self, vi: int) -> None:
        for t in self.cp.visit_tasks[vi]:
            self.remove_at(*self.position(t))
        self.assigned[vi] = False

    def apply(self, vi: int, move: Move) -> None:
        for t, v, p in move.steps:
            self.insert_task(t, v, p)
        self.assigned[vi] = True

    def _candidates(self, t: int, skip_v: int, top: int) -> tuple[FltArr, IntArr, IntArr]:
        """Exact costs of (at least) the ``top`` best insertion positions of task ``t``."""
        fresh = self._fresh()
        n = exact_insertions(
            fresh,
            t,
            skip_v,
            self.min_pos,
            self.R,
            self.L,
            self.cp.kernel_args,
            self.W,
            top,
            self._buf_c,
            self._buf_v,
            self._buf_p,
        )
        self._owner[0] = (self._id, self._version)
        return self._buf_c[:n].copy(), self._buf_v[:n].copy(), self._buf_p[:n].copy()

    def best_moves(
        self, vi: int, top: int = 3, noise: float = 0.0, rng: np.random.Generator | None = None
    ) -> list[Move]:
        """Best (and runner-up, on another vehicle) insertions of visit ``vi``, best first."""
        tasks = self.cp.visit_tasks[vi]
        moves: list[Move] = []
        if len(tasks) == 1:
            c, v, p = self._candidates(tasks[0], -1, top)
            if noise and rng is not None:
                c = c * (1.0 + noise * rng.random(c.shape[0]))
            for i in np.argsort(c, kind="stable")[:top]:
                moves.append(Move(float(c[i]), ((tasks[0], int(v[i]), int(p[i])),)))
            return moves
        for first, second in ((tasks[0], tasks[1]), (tasks[1], tasks[0])):
            moves.extend(self._pair_moves(first, second, top, noise, rng))
        moves.sort(key=lambda m: m.cost)
        return moves

    def _pair_moves(
        self, first: int, second: int, top: int, noise: float, rng: np.random.Generator | None
    ) -> list[Move]:
        c, v, p = self._candidates(first, -1, top)
        if noise and rng is not None:
            c = c * (1.0 + noise * rng.random(c.shape[0]))
        out: list[Move] = []
        for i in np.argsort(c, kind="stable")[:top]:
            va, pa = int(v[i]), int(p[i])
            step = Move(0.0, ((first, va, pa),))
            self.insert_task(first, va, pa)
            c2, v2, p2 = self._candidates(second, va, 1)
            self.remove_at(va, pa)
            if c2.shape[0] == 0:
                continue
            j = int(np.argmin(c2))
            out.append(Move(float(c2[j]), (*step.steps, (second, int(v2[j]), int(p2[j])))))
        return out
