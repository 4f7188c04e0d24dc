"""Shared costs split among member co-ops by a driver, exact to the cent. Plain Python.

Each pool (an amount in euro and the name of its driver: payslips, documents, turnover, request
hours, headcount, care hours…) is split among the co-ops in proportion to each co-op's value of
that driver. The split is the largest remainder method on exact fractions:

1. each co-op's exact quota is ``pool cents * value / total value`` (a ``Fraction``, no rounding);
2. each co-op first gets the whole cents of its quota (rounded down);
3. the cents left over (fewer than the co-ops with a fractional part) go one each to the co-ops
   with the largest fractional part; equal fractional parts are broken by the co-op's fiscal
   code in ascending order, so the same input always gives the same lines.

The lines of a pool therefore add up to the pool exactly, every share is within one cent of its
exact quota, and a co-op whose value is zero gets nothing. Problems are reported as data
(``Problem``), never as text: the caller words them in the user's language.

No import of Django nor of any app here (an import-linter contract says so).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class Reason(StrEnum):
    NEGATIVE_AMOUNT = "negative_amount"
    NOT_CENTS = "not_cents"
    NEGATIVE_VALUE = "negative_value"
    DUPLICATE_POOL = "duplicate_pool"
    DUPLICATE_VALUE = "duplicate_value"
    UNKNOWN_DRIVER = "unknown_driver"
    ZERO_DRIVER = "zero_driver"


@dataclass(frozen=True)
class Pool:
    name: str
    amount: Decimal
    driver: str


@dataclass(frozen=True)
class DriverValue:
    coop: str
    driver: str
    value: Decimal


@dataclass(frozen=True)
class Problem:
    """What is wrong and with which pool (or which co-op's value of which driver)."""

    reason: Reason
    pool: str = ""
    coop: str = ""
    driver: str = ""


class AllocationError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(f"{p.reason}: {p.pool or p.coop} {p.driver}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Allocation:
    """Every co-op's share of every pool (zero where its driver value is zero)."""

    pools: tuple[Pool, ...]
    shares: Mapping[str, Mapping[str, Decimal]] = field(default_factory=dict)

    @property
    def coops(self) -> list[str]:
        return sorted(self.shares)

    def total(self, coop: str) -> Decimal:
        return sum(self.shares[coop].values(), ZERO)

    def pool_lines(self, pool: str) -> dict[str, Decimal]:
        return {coop: self.shares[coop][pool] for coop in self.coops}


def split(amount: Decimal, weights: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """``amount`` (whole cents, not negative) split in proportion to ``weights`` (total > 0)."""
    cents = int(amount.quantize(CENT) * 100)
    total = sum((Fraction(w) for w in weights.values()), Fraction(0))
    if cents < 0 or total <= 0 or any(w < 0 for w in weights.values()):
        raise ValueError("split needs a non-negative amount and non-negative weights, total > 0")
    quotas = {key: cents * Fraction(weight) / total for key, weight in weights.items()}
    whole = {key: quota.numerator // quota.denominator for key, quota in quotas.items()}
    left = cents - sum(whole.values())
    by_remainder = sorted(quotas, key=lambda key: (-(quotas[key] - whole[key]), key))
    for key in by_remainder[:left]:
        whole[key] += 1
    return {key: Decimal(c).scaleb(-2).quantize(CENT) for key, c in whole.items()}


def allocate(pools: Iterable[Pool], values: Iterable[DriverValue]) -> Allocation:
    """Split every pool by its driver; raise ``AllocationError`` naming every problem."""
    pools = tuple(pools)
    values = tuple(values)
    problems = _check(pools, values) + driver_problems(pools, values)
    if problems:
        raise AllocationError(problems)
    table = _driver_table(values)
    coops = sorted({value.coop for value in values})
    shares: dict[str, dict[str, Decimal]] = {coop: {} for coop in coops}
    for pool in pools:
        lines = split(pool.amount, table[pool.driver])
        for coop in coops:
            shares[coop][pool.name] = lines.get(coop, ZERO)
    return Allocation(pools=pools, shares=shares)


def _check(pools: tuple[Pool, ...], values: tuple[DriverValue, ...]) -> list[Problem]:
    problems: list[Problem] = []
    seen_pools: set[str] = set()
    for pool in pools:
        if pool.amount < 0:
            problems.append(Problem(Reason.NEGATIVE_AMOUNT, pool=pool.name))
        elif pool.amount != pool.amount.quantize(CENT):
            problems.append(Problem(Reason.NOT_CENTS, pool=pool.name))
        if pool.name in seen_pools:
            problems.append(Problem(Reason.DUPLICATE_POOL, pool=pool.name))
        seen_pools.add(pool.name)
    seen_values: set[tuple[str, str]] = set()
    for value in values:
        if value.value < 0:
            problems.append(Problem(Reason.NEGATIVE_VALUE, coop=value.coop, driver=value.driver))
        if (value.coop, value.driver) in seen_values:
            problems.append(Problem(Reason.DUPLICATE_VALUE, coop=value.coop, driver=value.driver))
        seen_values.add((value.coop, value.driver))
    return problems


def _driver_table(values: tuple[DriverValue, ...]) -> dict[str, dict[str, Decimal]]:
    table: dict[str, dict[str, Decimal]] = {}
    for value in values:
        table.setdefault(value.driver, {})[value.coop] = max(value.value, ZERO)
    return table


def driver_problems(pools: Iterable[Pool], values: Iterable[DriverValue]) -> list[Problem]:
    """The pools whose driver no co-op has, or whose values add up to zero."""
    table = _driver_table(tuple(values))
    problems: list[Problem] = []
    for pool in pools:
        weights = table.get(pool.driver)
        if weights is None:
            problems.append(Problem(Reason.UNKNOWN_DRIVER, pool=pool.name, driver=pool.driver))
        elif sum(weights.values(), ZERO) == 0:
            problems.append(Problem(Reason.ZERO_DRIVER, pool=pool.name, driver=pool.driver))
    return problems
