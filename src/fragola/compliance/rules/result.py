"""The result every rule returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Literal

from .enums import Severity, Status

Lang = Literal["it", "en"]
DetailValue = str | int | float | bool | date | None | tuple[object, ...]
Number = int | float | Fraction
# An explanation, or how to write it: most results are never read by a person (a country-wide
# scan keeps only the breaches), so the sentence is only written when someone asks for it.
Words = str | Callable[[], str]

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
    words_it: Words = field(repr=False, compare=False)
    words_en: Words = field(repr=False, compare=False)
    source: str
    severity: Severity
    details: Mapping[str, DetailValue] = field(default_factory=dict)

    @property
    def explanation_it(self) -> str:
        return self.explanation("it")

    @property
    def explanation_en(self) -> str:
        return self.explanation("en")

    def explanation(self, lang: Lang = "it") -> str:
        """``<rule> (<source>): <sentence>`` in ``lang``, written on first use."""
        words = self.words_it if lang == "it" else self.words_en
        text = words if isinstance(words, str) else words()
        return f"{self.rule} ({self.source}): {text}"

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
    it: Words,
    en: Words,
    value: Number | None = None,
    threshold: Number | None = None,
    numerator: Number | None = None,
    denominator: Number | None = None,
    severity: Severity | None = None,
    details: Mapping[str, DetailValue] | None = None,
) -> RuleResult:
    """Build a result; both explanations are prefixed with the rule ID and its legal source.

    ``it`` and ``en`` may be functions that write the sentence: they run only when it is read.
    """
    return RuleResult(
        rule=rule,
        status=status,
        value=_num(value),
        threshold=_num(threshold),
        numerator=_num(numerator),
        denominator=_num(denominator),
        words_it=it,
        words_en=en,
        source=source,
        severity=severity or SEVERITY_BY_STATUS[status],
        details=dict(details or {}),
    )
