"""How results look on pages: status colours and labels, numbers as percentages, chart bars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

import fragola_law as r
from fragola.compliance.selectors import Report
from fragola.compliance.wording import explain, rule_title

STATUS_CLASS = {
    r.Status.PASS: "success",
    r.Status.WARNING: "warning",
    r.Status.BREACH: "danger",
    r.Status.NOT_APPLICABLE: "secondary",
}
STATUS_LABEL = {
    r.Status.PASS: _("pass"),
    r.Status.WARNING: _("warning"),
    r.Status.BREACH: _("breach"),
    r.Status.NOT_APPLICABLE: _("not applicable"),
}
RATIO_RULES = frozenset({"L2.1", "L4.2", "L8", "G3", "G4"})


def status_legend() -> list[tuple[str, str, str]]:
    """(css, label, meaning) for each status, as the board's legend shows them."""
    meanings = {
        r.Status.PASS: _("the rule is respected"),
        r.Status.WARNING: _("a deadline or an expiry is near, or guidance is not followed"),
        r.Status.BREACH: _("the rule is broken"),
        r.Status.NOT_APPLICABLE: _("the rule does not apply to this organisation"),
    }
    return [
        (STATUS_CLASS[status], str(STATUS_LABEL[status]), str(meaning))
        for status, meaning in meanings.items()
    ]


@dataclass(frozen=True)
class Row:
    rule: str
    title: str
    status: str
    css: str
    label: str
    value: str
    threshold: str
    counts: str
    explanation: str


def _number(rule: str, value: float | None) -> str:
    if value is None:
        return "—"
    if rule in RATIO_RULES:
        return f"{value * 100:.1f} %"
    return f"{value:g}"


def row_of(result: r.RuleResult, *, on: date, personal: bool) -> Row:
    counts = ""
    if result.numerator is not None and result.denominator is not None:
        counts = f"{result.numerator:g} / {result.denominator:g}"
    return Row(
        rule=result.rule,
        title=rule_title(result.rule, on),
        status=result.status.value,
        css=STATUS_CLASS[result.status],
        label=str(STATUS_LABEL[result.status]),
        value=_number(result.rule, result.value),
        threshold=_number(result.rule, result.threshold),
        counts=counts,
        explanation=explain(result, personal=personal),
    )


@dataclass(frozen=True)
class Bar:
    day: str
    percent: float  # bar height, 0-100, capped
    label: str
    css: str


def timeline_table(report: Report) -> tuple[list[str], list[tuple[str, list[tuple[str, str]]]]]:
    """Months, and for each rule that applies at some point its (css, label) per month."""
    months = [p.on.strftime("%m/%Y") for p in report.timeline]
    by_rule: dict[str, list[tuple[str, str]]] = {}
    for point in report.timeline:
        for result in point.results:
            cell = (STATUS_CLASS[result.status], str(STATUS_LABEL[result.status]))
            by_rule.setdefault(result.rule, []).append(cell)
    rows = [
        (rule, cells) for rule, cells in by_rule.items() if any(c[0] != "secondary" for c in cells)
    ]
    return months, rows


def ratio_bars(report: Report, rule: str) -> list[Bar]:
    bars = []
    for point in report.timeline:
        result = next((x for x in point.results if x.rule == rule), None)
        if result is None or result.value is None:
            continue
        percent = max(0.0, min(result.value * 100, 100.0))
        bars.append(
            Bar(
                point.on.strftime("%m/%y"), percent, f"{percent:.1f} %", STATUS_CLASS[result.status]
            )
        )
    return bars
