"""Which member co-op executes which lot of a consortium's contract: an exact optimiser (CP-SAT).

A co-op can take a lot only if it is accredited for the lot's service, serves every comune of the
lot, has a cost for the service and enough capacity. Each lot goes whole to one co-op; a co-op's
lots fit in its capacity (hours) and, if ``max_share`` is given, in that share of all the hours.

Objectives, in order (each phase keeps the optimum of the previous one):

1. the total cost, in integer cents (hours x cents per hour), is minimal;
2. fairness: the largest utilisation (hours / capacity, in basis points, rounded up) is minimal.

One worker and a fixed seed make the answer the same on every run. Each lot comes back with why
it went where it went: the other co-ops' reasons (not accredited, outside territory, too small)
or their cost beside the chosen one. With no solution the error names the lots concerned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any

from ortools.sat.python import cp_model

BASIS_POINTS = 10_000
SEED = 20_240_614
TIME_LIMIT_S = 30.0


def _(message: str) -> str:  # marks a message for makemessages; translated where shown
    return message


ERR_NO_CANDIDATE = _("Lot %(lot)s: no member co-op can take it (%(reasons)s).")
ERR_CAPACITY = _(
    "Lots %(lots)s (%(hours)d hours) cannot all be placed: the co-ops that may take them "
    "(%(coops)s) lack the capacity or the share allowed."
)
MSG_TIMEOUT = _("No assignment found within %(seconds)s seconds.")


class Why(StrEnum):
    CHOSEN = "chosen"
    NOT_ACCREDITED = "not_accredited"  # lacks the accreditation for the lot's service
    OUTSIDE_TERRITORY = "outside_territory"  # does not serve some of the lot's comuni
    NO_COST = "no_cost"  # no cost per hour given for the service
    TOO_SMALL = "too_small"  # the lot alone exceeds its capacity or allowed share
    COSTLIER = "costlier"  # could take it, at a higher cost
    SAME_COST = "same_cost"  # could take it at the same cost: fairness decided
    CHEAPER_BUT_FULL = "cheaper_but_full"  # cheaper, but its hours went to other lots


@dataclass(frozen=True)
class Lot:
    id: str
    service: str
    comuni: frozenset[str]
    hours: int


@dataclass(frozen=True)
class Coop:
    id: str
    comuni: frozenset[str]
    accreditations: frozenset[str]
    capacity_hours: int
    cents_per_hour: Mapping[str, int] = field(default_factory=dict)  # by service


@dataclass(frozen=True)
class Candidate:
    coop: str
    why: Why
    cost_cents: int | None = None
    missing_comuni: tuple[str, ...] = ()


@dataclass(frozen=True)
class LotAssignment:
    lot: str
    coop: str
    cost_cents: int
    candidates: tuple[Candidate, ...]  # every co-op, the chosen one first


@dataclass(frozen=True)
class Assignment:
    lots: tuple[LotAssignment, ...]
    total_cost_cents: int
    hours_by_coop: dict[str, int]
    max_utilisation_bp: int

    def coop_of(self, lot: str) -> str:
        return next(a.coop for a in self.lots if a.lot == lot)


@dataclass(frozen=True)
class Trouble:
    message: str
    params: dict[str, object]

    def render(self, translate: object = None) -> str:
        text = translate(self.message) if callable(translate) else self.message
        return str(text) % self.params


class LotsInfeasible(ValueError):
    def __init__(self, troubles: list[Trouble]) -> None:
        super().__init__("; ".join(t.render() for t in troubles))
        self.troubles = troubles


def _share_cap(coop: Coop, total: int, max_share: Fraction | None) -> int:
    cap = coop.capacity_hours
    if max_share is not None:
        cap = min(cap, int(max_share * total))  # floor: whole hours within the share
    return cap


def exclusion(lot: Lot, coop: Coop, cap: int) -> Candidate | None:
    """Why ``coop`` can never take ``lot`` on its own terms, or None if it could."""
    if lot.service not in coop.accreditations:
        return Candidate(coop.id, Why.NOT_ACCREDITED)
    missing = tuple(sorted(lot.comuni - coop.comuni))
    if missing:
        return Candidate(coop.id, Why.OUTSIDE_TERRITORY, missing_comuni=missing)
    if lot.service not in coop.cents_per_hour:
        return Candidate(coop.id, Why.NO_COST)
    if lot.hours > cap:
        return Candidate(coop.id, Why.TOO_SMALL, lot.hours * coop.cents_per_hour[lot.service])
    return None


def _cost(lot: Lot, coop: Coop) -> int:
    return lot.hours * coop.cents_per_hour[lot.service]


class _Model:
    def __init__(
        self,
        lots: Sequence[Lot],
        coops: Sequence[Coop],
        caps: dict[str, int],
        pairs: Mapping[tuple[str, str], None],
    ) -> None:
        self.model = cp_model.CpModel()
        self.x = {(lid, c): self.model.new_bool_var(f"x_{lid}_{c}") for lid, c in pairs}
        self.lot_ok = {lot.id: self.model.new_bool_var(f"lot_{lot.id}") for lot in lots}
        self.cap_ok = {coop.id: self.model.new_bool_var(f"cap_{coop.id}") for coop in coops}
        for lot in lots:
            chosen = [v for (lid, _c), v in self.x.items() if lid == lot.id]
            self.model.add(sum(chosen) == 1).only_enforce_if(self.lot_ok[lot.id])
            self.model.add(sum(chosen) <= 1)
        hours = {lot.id: lot.hours for lot in lots}
        self.load = {}
        for coop in coops:
            load = sum(hours[lid] * v for (lid, c), v in self.x.items() if c == coop.id)
            self.load[coop.id] = load
            self.model.add(load <= caps[coop.id]).only_enforce_if(self.cap_ok[coop.id])

    def solve(self, assumptions: bool = False) -> tuple[cp_model.CpSolver, Any]:
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = SEED
        solver.parameters.max_time_in_seconds = TIME_LIMIT_S
        if assumptions:
            self.model.add_assumptions([*self.lot_ok.values(), *self.cap_ok.values()])
        return solver, solver.solve(self.model)


def assign_lots(
    lots: Sequence[Lot], coops: Sequence[Coop], *, max_share: Fraction | None = None
) -> Assignment:
    """The cheapest, then fairest, assignment of every lot to one co-op; ``LotsInfeasible`` else."""
    _check_ids(lots, coops)
    if not lots:
        return Assignment((), 0, {coop.id: 0 for coop in coops}, 0)
    total = sum(lot.hours for lot in lots)
    caps = {coop.id: _share_cap(coop, total, max_share) for coop in coops}
    excluded = {(lot.id, c.id): exclusion(lot, c, caps[c.id]) for lot in lots for c in coops}
    _no_candidate(lots, coops, excluded)
    pairs = {(lid, c): None for (lid, c), why in excluded.items() if why is None}
    by_id = {coop.id: coop for coop in coops}
    lots_by_id = {lot.id: lot for lot in lots}
    cost = {(lid, c): _cost(lots_by_id[lid], by_id[c]) for lid, c in pairs}
    built = _Model(lots, coops, caps, pairs)
    for flag in [*built.lot_ok.values(), *built.cap_ok.values()]:
        built.model.add(flag == 1)
    objective = sum(cost[k] * v for k, v in built.x.items())
    built.model.minimize(objective)
    solver, status = built.solve()
    if status == cp_model.INFEASIBLE:
        raise LotsInfeasible([_capacity_trouble(lots, coops, caps, pairs)])
    if status != cp_model.OPTIMAL:
        raise LotsInfeasible([Trouble(MSG_TIMEOUT, {"seconds": TIME_LIMIT_S})])
    best = round(solver.objective_value)
    built.model.add(objective == best)
    worst = built.model.new_int_var(0, BASIS_POINTS, "max_utilisation")
    for coop in coops:
        if coop.capacity_hours > 0:
            built.model.add(built.load[coop.id] * BASIS_POINTS <= worst * coop.capacity_hours)
    built.model.minimize(worst)
    solver, status = built.solve()
    if status != cp_model.OPTIMAL:
        raise LotsInfeasible([Trouble(MSG_TIMEOUT, {"seconds": TIME_LIMIT_S})])
    chosen = {lid: c for (lid, c), v in built.x.items() if solver.value(v)}
    return _explain(lots, coops, chosen, cost, excluded, round(solver.objective_value))


def _check_ids(lots: Sequence[Lot], coops: Sequence[Coop]) -> None:
    """Ids name lots and co-ops in the answer: two alike would be a caller's mistake."""
    for kind, ids in (("lot", [lot.id for lot in lots]), ("co-op", [coop.id for coop in coops])):
        if len(set(ids)) != len(ids):
            raise ValueError(f"Two {kind}s share an id: {sorted(ids)}")
    if any(lot.hours <= 0 for lot in lots):
        raise ValueError("A lot needs a positive number of hours.")


def _no_candidate(
    lots: Sequence[Lot], coops: Sequence[Coop], excluded: Mapping[tuple[str, str], Candidate | None]
) -> None:
    troubles = []
    for lot in lots:
        reasons = [excluded[lot.id, c.id] for c in coops]
        if all(r is not None for r in reasons):
            text = ", ".join(f"{r.coop}: {r.why.value}" for r in reasons if r is not None)
            troubles.append(Trouble(ERR_NO_CANDIDATE, {"lot": lot.id, "reasons": text or "-"}))
    if troubles:
        raise LotsInfeasible(troubles)


def _capacity_trouble(
    lots: Sequence[Lot],
    coops: Sequence[Coop],
    caps: dict[str, int],
    pairs: Mapping[tuple[str, str], None],
) -> Trouble:
    """Names the lots of a conflict: the lots and co-ops CP-SAT needs to prove infeasibility."""
    built = _Model(lots, coops, caps, pairs)
    solver, status = built.solve(assumptions=True)
    core = (
        set(solver.sufficient_assumptions_for_infeasibility())
        if status == cp_model.INFEASIBLE
        else set()
    )
    lot_ids = [lot.id for lot in lots if built.lot_ok[lot.id].index in core] or [
        other.id for other in lots
    ]
    coop_ids = sorted({c for (lid, c) in pairs if lid in lot_ids})
    hours = sum(lot.hours for lot in lots if lot.id in lot_ids)
    params = {"lots": ", ".join(lot_ids), "hours": hours, "coops": ", ".join(coop_ids)}
    return Trouble(ERR_CAPACITY, params)


def _explain(
    lots: Sequence[Lot],
    coops: Sequence[Coop],
    chosen: dict[str, str],
    cost: Mapping[tuple[str, str], int],
    excluded: Mapping[tuple[str, str], Candidate | None],
    worst: int,
) -> Assignment:
    rows = []
    hours = {coop.id: 0 for coop in coops}
    for lot in lots:
        winner = chosen[lot.id]
        hours[winner] += lot.hours
        price = cost[lot.id, winner]
        others = [Candidate(winner, Why.CHOSEN, price)]
        for coop in coops:
            if coop.id == winner:
                continue
            reason = excluded[lot.id, coop.id]
            if reason is None:
                mine = cost[lot.id, coop.id]
                why = Why.COSTLIER if mine > price else Why.SAME_COST
                reason = Candidate(coop.id, Why.CHEAPER_BUT_FULL if mine < price else why, mine)
            others.append(reason)
        rows.append(LotAssignment(lot.id, winner, price, tuple(others)))
    total = sum(row.cost_cents for row in rows)
    return Assignment(tuple(rows), total, hours, worst)
