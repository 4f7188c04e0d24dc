"""The result every rule returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Literal

from .enums import Severity, Status

Lang = Literal["it", "en"]
DetailValue = str | int | float | bool | date | None | tuple[object, ...]
Number = int | float | Fraction

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
    explanation_it: str
    explanation_en: str
    source: str
    severity: Severity
    details: Mapping[str, DetailValue] = field(default_factory=dict)

    def explanation(self, lang: Lang = "it") -> str:
        return self.explanation_it if lang == "it" else self.explanation_en

    def to_json(self, lang: Lang = "it", *, with_details: bool = False) -> dict[str, object]:
        data: dict[str, object] = {
            "rule": self.rule,
            "status": self.status.value,
            "value": self.value,
            "threshold": self.threshold,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "explanation": self.explanation(lang),
            "source": self.source,
        }
        if with_details:
            data["severity"] = self.severity.value
            data["details"] = {k: _jsonable(v) for k, v in self.details.items()}
        return data


def _jsonable(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return value


def _num(value: Number | None) -> float | None:
    return None if value is None else float(value)


def make_result(
    rule: str,
    status: Status,
    *,
    source: str,
    it: str,
    en: str,
    value: Number | None = None,
    threshold: Number | None = None,
    numerator: Number | None = None,
    denominator: Number | None = None,
    severity: Severity | None = None,
    details: Mapping[str, DetailValue] | None = None,
) -> RuleResult:
    """Build a result; both explanations are prefixed with the rule ID and its legal source."""
    return RuleResult(
        rule=rule,
        status=status,
        value=_num(value),
        threshold=_num(threshold),
        numerator=_num(numerator),
        denominator=_num(denominator),
        explanation_it=f"{rule} ({source}): {it}",
        explanation_en=f"{rule} ({source}): {en}",
        source=source,
        severity=severity or SEVERITY_BY_STATUS[status],
        details=dict(details or {}),
    )
