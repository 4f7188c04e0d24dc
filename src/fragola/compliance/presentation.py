"""How results look on pages: status colours and labels, numbers as percentages, chart bars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

import fragola_law as r
from fragola.compliance.selectors import BoardRow, Report
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


HOLE = 999_999_999_999  # an id no organisation has: where each row's own id goes in a URL


def _url_around(name: str, *args: int) -> tuple[str, str]:
    before, after = reverse(name, args=[*args, HOLE]).split(str(HOLE))
    return before, after


class BoardRows:
    """The rows of a consortium's board, written here rather than cell by cell in the template.

    A hundred co-ops by eleven rules: in the template engine, with every cell's explanation
    worded, they were most of the page's time. A cell shows its status and number, and the
    rule's title when hovered; a co-op's explanations are worded only when asked for (the
    "explain" link of its row, ``compliance_board_row``). Every value is escaped here.
    """

    def __init__(self, *, consortium_id: int, rules: list[tuple[str, str]], query: str) -> None:
        self.page = _url_around("compliance")
        before, after = _url_around("compliance_board_row", consortium_id)
        self.explain = (before, after + query)
        self.columns = len(rules) + 1
        self.titles = {rule: escape(f"{rule} · {title}") for rule, title in rules}
        self.labels = {status: escape(str(label)) for status, label in STATUS_LABEL.items()}
        self.openings: dict[tuple[str, r.Status], str] = {}
        # As {% translate %} wrote them: not escaped.
        self.now, self.explain_label = gettext("checked now"), gettext("explain")
        self.checked: dict[datetime, str] = {}

    def html(self, rows: list[BoardRow]) -> SafeString:
        return mark_safe("".join(self._row(row) for row in rows))  # noqa: S308  (escaped)

    def _checked(self, row: BoardRow) -> str:
        if not row.stored:
            return f'<div class="small fw-normal text-muted" data-checked="now">{self.now}</div>'
        when = self.checked.get(row.checked_at)
        if when is None:
            day = formats.date_format(timezone.localtime(row.checked_at), "SHORT_DATETIME_FORMAT")
            # As {% blocktranslate %} wrote it: the sentence as translated, the value escaped.
            when = self.checked[row.checked_at] = gettext("checked %(when)s") % {
                "when": escape(day)
            }
        return f'<div class="small fw-normal text-muted" data-checked="stored">{when}</div>'

    def _cell(self, result: r.RuleResult) -> str:
        key = (result.rule, result.status)
        opening = self.openings.get(key)
        if opening is None:  # a cell's markup up to its number: one per rule and status
            title = self.titles.get(result.rule) or escape(result.rule)
            opening = self.openings[key] = (
                f'\n      <td class="text-center table-{STATUS_CLASS[result.status]}" '
                f'data-rule="{escape(result.rule)}" data-status="{result.status.value}" '
                f'title="{title}">\n        <span class="small">{self.labels[result.status]}</span>'
            )
        value = _number(result.rule, result.value)
        number = f'<div class="small text-muted">{escape(value)}</div>' if value != "—" else ""
        return f"{opening}{number}\n      </td>"

    def _row(self, row: BoardRow) -> str:
        org = row.organisation
        name: str = escape(org.name)
        if row.visible:
            name = f'<a href="{self.page[0]}{org.pk}{self.page[1]}">{name}</a>'
        explain_url = f"{self.explain[0]}{org.pk}{escape(self.explain[1])}"
        cells = "".join(self._cell(x) for x in row.results)
        return (
            f'\n    <tr data-org="{escape(org.fiscal_code)}">\n      <th scope="row">{name}\n'
            f'        <div class="small fw-normal text-muted">{escape(org.get_type_display())}'
            f"</div>\n        {self._checked(row)}\n"
            f'        <a class="small fw-normal board-explain" href="{explain_url}" '
            f'hx-get="{explain_url}" hx-target="closest tr" hx-swap="afterend" '
            f'hx-trigger="click once">{self.explain_label}</a></th>{cells}\n    </tr>'
        )


@dataclass(frozen=True)
class Finding:
    rule: str
    title: str
    css: str
    label: str
    explanation: str


def findings_of(row: BoardRow, *, on: date) -> list[Finding]:
    """A board row's results with their explanations, for nobody's personal data."""
    return [
        Finding(
            rule=x.rule,
            title=rule_title(x.rule, on),
            css=STATUS_CLASS[x.status],
            label=str(STATUS_LABEL[x.status]),
            explanation=explain(x, personal=False),
        )
        for x in row.results
    ]
