"""Mutable search state over a Compiled problem: routes as a vehicle x position array."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fragola_solver.compiled import Compiled, FltArr, IntArr
from fragola_solver.kernels import INFEASIBLE, insertion_costs, schedule


@dataclass
class Move:
    """Insertion of one visit: (task, vehicle, position) in application order."""

    cost: float  # solution cost after the insertion
    steps: tuple[tuple[int, int, int], ...]


class State:
    def __init__(self, cp: Compiled, keep: int = 12) -> None:
        self.cp = cp
        self.keep = keep  # positions re-scheduled exactly per insertion (after estimation)
        n_t, n_v = cp.n_tasks, cp.n_vehicles
        self.R: IntArr = np.full((n_v, n_t + 1), -1, dtype=np.int64)
        self.L: IntArr = np.zeros(n_v, dtype=np.int64)
        self.assigned = np.zeros(len(cp.visit_tasks), dtype=np.bool_)
        self.pinned = np.zeros(len(cp.visit_tasks), dtype=np.bool_)
        self.start: FltArr = np.full(n_t, -1.0)
        self._lower: FltArr = np.zeros(n_t)
        self._buf_c: FltArr = np.zeros(n_t + n_v + 1)
        self._buf_v: IntArr = np.zeros(n_t + n_v + 1, dtype=np.int64)
        self._buf_p: IntArr = np.zeros(n_t + n_v + 1, dtype=np.int64)

    def copy(self) -> State:
        other = State.__new__(State)
        other.__dict__.update(self.__dict__)
        other.R, other.L = self.R.copy(), self.L.copy()
        other.assigned, other.start = self.assigned.copy(), self.start.copy()
        return other

    # --- costs -------------------------------------------------------------------------------
    def route_cost(self) -> float:
        cp = self.cp
        return float(schedule(self.R, self.L, cp.loc, cp.dur, cp.e1, cp.l1, cp.e2, cp.l2,
                              cp.sh_start, cp.sh_end, cp.st_loc, cp.en_loc, cp.travel, cp.pair_a,
                              cp.pair_b, cp.gmin, cp.gmax, cp.assign_cost, cp.weights,
                              self._lower, self.start))

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
        # Cells at or beyond L[v] may hold stale task ids: mask them out.
        live = np.arange(self.R.shape[1])[None, :] < self.L[:, None]
        v, p = np.argwhere((self.R == t) & live)[0]
        return int(v), int(p)

    def remove_visit(self, vi: int) -> None:
        for t in self.cp.visit_tasks[vi]:
            v, p = self.position(t)
            n = int(self.L[v])
            self.R[v, p:n - 1] = self.R[v, p + 1:n]
            self.R[v, n - 1] = -1
            self.L[v] -= 1
        self.assigned[vi] = False

    def apply(self, vi: int, move: Move) -> None:
        for t, v, p in move.steps:
            n = int(self.L[v])
            self.R[v, p + 1:n + 1] = self.R[v, p:n]
            self.R[v, p] = t
            self.L[v] += 1
        self.assigned[vi] = True

    def _candidates(self, t: int, skip_v: int) -> tuple[FltArr, IntArr, IntArr]:
        cp = self.cp
        n = insertion_costs(t, skip_v, cp.ok, self.R, self.L, cp.loc, cp.dur, cp.e1, cp.l1,
                            cp.e2, cp.l2, cp.sh_start, cp.sh_end, cp.st_loc, cp.en_loc,
                            cp.travel, cp.task_pair, cp.pair_a, cp.pair_b, cp.gmin, cp.gmax,
                            cp.assign_cost, cp.weights, self._lower, self.start, self.keep,
                            self._buf_c,
                            self._buf_v, self._buf_p)
        return self._buf_c[:n].copy(), self._buf_v[:n].copy(), self._buf_p[:n].copy()

    def best_moves(self, vi: int, top: int = 3, noise: float = 0.0,
                   rng: np.random.Generator | None = None) -> list[Move]:
        """Best (and runner-up, on another vehicle) insertions of visit ``vi``, best first."""
        tasks = self.cp.visit_tasks[vi]
        moves: list[Move] = []
        if len(tasks) == 1:
            c, v, p = self._candidates(tasks[0], -1)
            if noise and rng is not None:
                c = c * (1.0 + noise * rng.random(c.shape[0]))
            for i in np.argsort(c, kind="stable")[:top]:
                moves.append(Move(float(c[i]), ((tasks[0], int(v[i]), int(p[i])),)))
            return moves
        for first, second in ((tasks[0], tasks[1]), (tasks[1], tasks[0])):
            moves.extend(self._pair_moves(first, second, top, noise, rng))
        moves.sort(key=lambda m: m.cost)
        return moves

    def _pair_moves(self, first: int, second: int, top: int, noise: float,
                    rng: np.random.Generator | None) -> list[Move]:
        c, v, p = self._candidates(first, -1)
        if noise and rng is not None:
            c = c * (1.0 + noise * rng.random(c.shape[0]))
        out: list[Move] = []
        for i in np.argsort(c, kind="stable")[:top]:
            va, pa = int(v[i]), int(p[i])
            step = Move(0.0, ((first, va, pa),))
            n = int(self.L[va])
            self.R[va, pa + 1:n + 1] = self.R[va, pa:n]
            self.R[va, pa] = first
            self.L[va] += 1
            c2, v2, p2 = self._candidates(second, va)
            self.R[va, pa:n] = self.R[va, pa + 1:n + 1]
            self.R[va, n] = -1
            self.L[va] -= 1
            if c2.shape[0] == 0:
                continue
            j = int(np.argmin(c2))
            out.append(Move(float(c2[j]), step.steps + ((second, int(v2[j]), int(p2[j])),)))
        return out
