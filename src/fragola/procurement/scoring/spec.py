"""A tender as the commission will score it: settings, criteria and bids (plain, frozen data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Reparametrise(StrEnum):
    NONE = "none"
    CRITERION = "criterion"
    TOTAL = "total"
    BOTH = "both"

    @property
    def per_criterion(self) -> bool:
        return self in (Reparametrise.CRITERION, Reparametrise.BOTH)

    @property
    def on_total(self) -> bool:
        return self in (Reparametrise.TOTAL, Reparametrise.BOTH)


class ThresholdOn(StrEnum):
    RAW = "raw"
    REPARAMETRISED = "reparametrised"


class Formula(StrEnum):
    INVERSE = "inverse"
    LINEAR = "linear"
    BILINEAR = "bilinear"
    CONCAVE = "concave"


@dataclass(frozen=True)
class Technical:
    points: Decimal
    reparametrise: Reparametrise = Reparametrise.NONE
    threshold: Decimal | None = None
    threshold_on: ThresholdOn = ThresholdOn.RAW


@dataclass(frozen=True)
class PriceRule:
    points: Decimal
    formula: Formula
    x: Decimal | None = None  # bilinear only, in (0, 1)
    alpha: Decimal | None = None  # concave only, in (0, 1)


@dataclass(frozen=True)
class Criterion:
    id: str
    points: Decimal


@dataclass(frozen=True)
class Bid:
    bidder: str
    price: Decimal
    # criterion id -> one coefficient in [0, 1] per commissioner
    coefficients: dict[str, tuple[Decimal, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class TenderSpec:
    base_amount: Decimal
    rounding: int
    technical: Technical
    price: PriceRule
    criteria: tuple[Criterion, ...]
    bids: tuple[Bid, ...]
    name: str = ""
    social_services: bool = False
    labour_intensive: bool = False


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a tender file: where (``bids[2] (Alfa).coefficients.B``) and why."""

    path: str
    message: str  # an ERR_* constant, untranslated
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, translate: Any = None) -> str:
        text = translate(self.message) if translate else self.message
        return f"{self.path}: {text % self.params if self.params else text}"


class SpecError(ValueError):
    """The file cannot be scored; ``problems`` names every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.render() for p in problems))
        self.problems = problems
