"""Conventions with public bodies (L. 381 art. 5) and reserved contracts (D.Lgs 36/2023 art. 61).

Pure functions over plain values. Each returns an ``Eligibility``: the verdict and, for every
criterion, pass or fail with what was found (a code and its facts), its rule (L5.1, L5.2, L5.3,
P1) and legal source; ``fragola.integration.wording.criterion_explain`` words it. Thresholds come
from ``params`` (versioned).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from . import params
from .result import Fact

SRC_L5_1 = "L. 381/1991 art. 5(1)"
SRC_L5_2 = "L. 381/1991 art. 5(2) and art. 9"
SRC_L5_3 = "L. 190/2014 art. 1(610); ANAC guidelines 2012"


class ObjectKind(StrEnum):
    GREEN_MAINTENANCE = "green_maintenance"
    CLEANING = "cleaning"
    WASTE = "waste"
    BUILDING_MAINTENANCE = "building_maintenance"
    LOGISTICS = "logistics"
    CATERING = "catering"
    OTHER_SERVICES = "other_services"
    GOODS = "goods"
    SOCIAL_HEALTH = "social_health"
    EDUCATIONAL = "educational"


EXCLUDED_OBJECTS = frozenset({ObjectKind.SOCIAL_HEALTH, ObjectKind.EDUCATIONAL})


@dataclass(frozen=True)
class Criterion:
    code: str  # stable id: "type", "register", "object", "value", "job_plan", "selection"...
    rule: str  # L5.1, L5.2, L5.3, P1
    passed: bool
    finding: str  # what was found, worded at the edge (fragola.integration.wording)
    source: str
    facts: Mapping[str, Fact] = field(default_factory=dict)


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    criteria: tuple[Criterion, ...]

    def failed(self) -> list[Criterion]:
        return [c for c in self.criteria if not c.passed]

    def by_code(self, code: str) -> Criterion:
        return next(c for c in self.criteria if c.code == code)


def as_decimal(value: Fraction | Decimal) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return value


def _type(coop_type: str) -> Criterion:
    ok = coop_type in ("B", "AB", "consortium")
    finding = coop_type if ok else "other"
    return Criterion("type", "L5.1", ok, finding, SRC_L5_1, {"type": coop_type})


def _register(coop_type: str, section: str, number: str) -> Criterion:
    """Section B (C for an art. 8 consortium); a mixed co-op is enrolled in A and B (L9)."""
    wanted = {"consortium": ("C",), "AB": ("A", "B")}.get(coop_type, ("B",))
    number = number.strip()
    ok = bool(number) and section in wanted
    finding = "enrolled" if ok else "no_number" if not number else "wrong_section"
    facts: dict[str, Fact] = {"section": section, "number": number, "wanted": wanted}
    return Criterion("register", "L5.2", ok, finding, SRC_L5_2, facts)


def _object(kind: ObjectKind) -> Criterion:
    ok = kind not in EXCLUDED_OBJECTS
    facts: dict[str, Fact] = {"object": kind.value}
    return Criterion("object", "L5.1", ok, "allowed" if ok else "excluded", SRC_L5_1, facts)


def _value(value: Decimal, on: date) -> Criterion:
    threshold = params.value_at(params.EU_THRESHOLD, on)
    ok = Decimal(0) < value < threshold.value
    facts: dict[str, Fact] = {
        "value": value,
        "threshold": threshold.value,
        "below": value < threshold.value,
        "on": on,
        "threshold_source": threshold.source,
    }
    finding = "compared" if value > 0 else "not_positive"
    return Criterion("value", "L5.1", ok, finding, SRC_L5_1, facts)


def _job_plan(attached: bool) -> Criterion:
    return Criterion("job_plan", "L5.1", attached, "attached" if attached else "missing", SRC_L5_1)


def _selection(recorded: bool) -> Criterion:
    finding = "recorded" if recorded else "missing"
    return Criterion("selection", "L5.3", recorded, finding, SRC_L5_3)


def convention_eligibility(
    *,
    on: date,
    coop_type: str,
    register_section: str,
    register_number: str,
    object_kind: ObjectKind,
    value_net_of_vat: Decimal,
    has_job_plan: bool,
    selection_recorded: bool,
) -> Eligibility:
    """May this co-op sign an art. 5 convention of this object and value on ``on``?"""
    criteria = (
        _type(coop_type),
        _register(coop_type, register_section, register_number),
        _object(object_kind),
        _value(value_net_of_vat, on),
        _job_plan(has_job_plan),
        _selection(selection_recorded),
    )
    return Eligibility(all(c.passed for c in criteria), criteria)


@dataclass(frozen=True)
class GroupMember:
    """A bidder, or a member of a grouping (RTI) or consortium, in a reserved contract."""

    name: str
    disadvantaged: Fraction | Decimal  # share of disadvantaged workers (L4.3 computation)
    integration_aim: bool = True  # main aim: integrating disabled or disadvantaged persons


def _member(member: GroupMember, minimum: params.Versioned[Decimal]) -> Criterion:
    share = as_decimal(member.disadvantaged)
    ok = share >= minimum.value and member.integration_aim
    facts: dict[str, Fact] = {
        "name": member.name,
        "share": share,
        "limit": minimum.value,
        "reached": share >= minimum.value,
    }
    finding = "share" if member.integration_aim else "share_not_aim"
    return Criterion(f"member:{member.name}", "P1", ok, finding, minimum.source, facts)


def reserved_contract_eligibility(*, on: date, members: list[GroupMember]) -> Eligibility:
    """Art. 61 reserved contract: EACH member of the grouping needs ≥ 30 % and the aim (P1)."""
    minimum = params.value_at(params.RESERVED_MIN_SHARE, on)
    criteria = tuple(_member(m, minimum) for m in members)
    if not criteria:
        empty = Criterion("members", "P1", False, "none", minimum.source)
        return Eligibility(False, (empty,))
    return Eligibility(all(c.passed for c in criteria), criteria)
