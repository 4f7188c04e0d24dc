"""The result every rule returns: structured data, never a sentence.

A result says which rule, its status, which finding (``code``) and the facts of that finding
(counts, exact numbers as ``Decimal``, thresholds, dates, people as ids). Sentences are written
at the edge, in the reader's language (``fragola.compliance.wording``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from types import MappingProxyType
from typing import Literal

from .enums import Severity, Status

Lang = Literal["it", "en"]
DetailValue = str | int | float | bool | date | None | tuple[object, ...]
# What a finding says: counts (int), exact numbers (Decimal), dates, flags, ids and lists of them.
Fact = str | int | Decimal | bool | date | None | tuple[object, ...]
Number = int | float | Fraction

NO_FACTS: Mapping[str, Fact] = MappingProxyType({})
NO_DETAILS: Mapping[str, DetailValue] = MappingProxyType({})

SEVERITY_BY_STATUS: Mapping[Status, Severity] = {
    Status.BREACH: Severity.BREACH,
    Status.WARNING: Severity.WARNING,
    Status.PASS: Severity.INFO,
    Status.NOT_APPLICABLE: Severity.INFO,
}


@dataclass(frozen=True)
class RuleResult:
    rule: str
    status: Status
    value: float | None
    threshold: float | None
    numerator: float | None
    denominator: float | None
    code: str  # the finding, one of the rule's codes (see docs/compliance-rules.md)
    source: str
    severity: Severity
    facts: Mapping[str, Fact] = field(default_factory=dict, compare=False)
    details: Mapping[str, DetailValue] = field(default_factory=dict)

    def to_json(self, *, with_details: bool = False) -> dict[str, object]:
        """The numbers and codes as plain JSON values (the edge adds the explanation)."""
        data: dict[str, object] = {
            "rule": self.rule,
            "status": self.status.value,
            "value": self.value,
            "threshold": self.threshold,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "source": self.source,
        }
        if with_details:
            data["code"] = self.code
            data["severity"] = self.severity.value
            data["details"] = {k: jsonable(v) for k, v in self.details.items()}
            data["facts"] = {k: jsonable(v) for k, v in self.facts.items()}
        return data


def jsonable(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    return value


def exact(value: Number) -> Decimal | int:
    """A count stays an int; a ratio or an average becomes a Decimal (28 significant digits)."""
    if isinstance(value, int):
        return value
    fraction = value if isinstance(value, Fraction) else Fraction(value)
    if fraction.denominator == 1:
        return fraction.numerator
    return _quotient(fraction.numerator, fraction.denominator)


@lru_cache(maxsize=4096)
def _quotient(numerator: int, denominator: int) -> Decimal:
    # The same small ratios (5/11, 1/3, the thresholds) come back co-op after co-op.
    return Decimal(numerator) / Decimal(denominator)


def _num(value: Number | None) -> float | None:
    if value is None:
        return None
    if type(value) is Fraction:  # what float() does, without its three calls through numbers.py
        return value.numerator / value.denominator
    return float(value)


def make_result(
    rule: str,
    status: Status,
    code: str,
    *,
    source: str,
    facts: Mapping[str, Fact] | None = None,
    value: Number | None = None,
    threshold: Number | None = None,
    numerator: Number | None = None,
    denominator: Number | None = None,
    severity: Severity | None = None,
    details: Mapping[str, DetailValue] | None = None,
) -> RuleResult:
    # Most results carry few numbers (a rule that does not apply, none): no call for a None.
    # The frozen dataclass's ``__init__`` sets its 11 fields with a call each; a whole-country
    # scan makes 165,000 results, so their fields go in with one call (the same fields, the
    # same values: equality, hashing and ``repr`` are the dataclass's own).
    result = _new_object(RuleResult)
    result.__dict__.update(
        rule=rule,
        status=status,
        value=None if value is None else _num(value),
        threshold=None if threshold is None else _num(threshold),
        numerator=None if numerator is None else _num(numerator),
        denominator=None if denominator is None else _num(denominator),
        code=code,
        source=source,
        severity=severity or SEVERITY_BY_STATUS[status],
        facts=facts or NO_FACTS,
        details=details or NO_DETAILS,
    )
    return result


_new_object = object.__new__


def facts_to_json(facts: Mapping[str, Fact]) -> dict[str, object]:
    """Facts as JSON that `facts_from_json` reads back with their types (dates, Decimals)."""
    return {key: _encode(value) for key, value in facts.items()}


def facts_from_json(data: Mapping[str, object]) -> dict[str, Fact]:
    return {key: _decode(value) for key, value in data.items()}


def _encode(value: object) -> object:
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode(value: object) -> Fact:
    if isinstance(value, dict):
        if "date" in value:
            return date.fromisoformat(value["date"])
        return Decimal(value["decimal"])
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if value is None or isinstance(value, str | int):
        return value
    raise TypeError(value)
