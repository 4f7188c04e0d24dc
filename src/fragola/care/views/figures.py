"""Figures: planned, delivered and billable hours, continuity, volunteer hours, as CSV too.

Coordinators and admins see per-user rows; consortium staff see aggregates only (no names).
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from fragola.care import figures
from fragola.care.access import CarePerm, access_care, has_care_perm
from fragola.core.exports import as_text, table_response
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context, parse_day
from fragola.registry.models import Organisation


def _period(request: AuthedRequest) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    start = parse_day(request.GET.get("start"), today.replace(day=1))
    end = parse_day(request.GET.get("end"), today)
    if end < start or (end - start).days > 400:
        end = start + dt.timedelta(days=31)
    return start, end


def _data(request: AuthedRequest, organisation: Organisation) -> dict[str, Any]:
    start, end = _period(request)
    per_user = has_care_perm(request.user, organisation.pk, CarePerm.MANAGE)
    rows = figures.hours_report(organisation=organisation, start=start, end=end, per_user=per_user)
    return {
        "start": start,
        "end": end,
        "per_user": per_user,
        "rows": rows,
        "totals": figures.totals(rows),
        "continuity": (
            figures.continuity_report(organisation=organisation, start=start, end=end)
            if per_user
            else []
        ),
        "authorised": (
            figures.authorised_report(
                organisation=organisation, start=start, end=end, hours_rows=rows
            )
            if per_user
            else []
        ),
        "volunteer_hours": figures.volunteer_hours(organisation=organisation, start=start, end=end),
    }


def _escape(text: str) -> str:
    """As ``django.utils.html.escape`` writes a plain string, without its lazy-string checks
    (a few thousand cells a page)."""
    return html.escape(text)


@login_required
def figures_page(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_care(request.user, organisation_id, CarePerm.FIGURES)
    context = {**page_context(request, organisation, "figures"), **_data(request, organisation)}
    context.update(Rows().html(context))
    return render(request, "care/figures.html", context)


class Rows:
    """The rows of the three tables, written here rather than cell by cell in the template.

    A month of the largest co-op has a row per service user in each table (1,200 rows in
    all): rendered by the template engine they were most of the page's time. The markup is
    the template's, byte for byte; months, services and numbers are formatted as the
    template formats them (the ``date`` filter, localised numbers, ``widthratio``).
    """

    def __init__(self) -> None:
        self.months: dict[dt.date, str] = {}
        self.services: dict[str, str] = {}
        self.separator = formats.get_format("DECIMAL_SEPARATOR")
        self.flags = {
            css: f'<span class="badge text-bg-{css}{extra}">{_escape(text)}</span>'
            for css, extra, text in (
                ("danger", " over-flag", _("delivered over the authorisation")),
                ("warning", " over-flag", _("planned over the authorisation")),
                ("secondary", "", _("no authorisation")),
            )
        }

    def html(self, context: dict[str, Any]) -> dict[str, SafeString]:
        return {
            "hours_html": self._join(self._hours(r, context["per_user"]) for r in context["rows"]),
            "authorised_html": self._join(self._authorised(a) for a in context["authorised"]),
            "continuity_html": self._join(self._continuity(c) for c in context["continuity"]),
        }

    @staticmethod
    def _join(rows: Any) -> SafeString:
        return mark_safe("".join(rows))  # noqa: S308  (every value was escaped by escape())

    def _month(self, month: dt.date) -> str:
        if month not in self.months:
            self.months[month] = escape(formats.date_format(month, "M Y"))
        return self.months[month]

    def _service(self, row: figures.HoursRow | figures.AuthorisedRow) -> str:
        if row.service_kind not in self.services:
            self.services[row.service_kind] = escape(row.service_label)
        return self.services[row.service_kind]

    def _number(self, value: Decimal | int) -> str:
        if settings.USE_THOUSAND_SEPARATOR:
            return escape(formats.localize(value))
        return str(value) if isinstance(value, int) else f"{value:f}".replace(".", self.separator)

    def _hours(self, r: figures.HoursRow, per_user: bool) -> str:
        user = f"<td>{_escape(r.service_user)}</td>" if per_user else ""
        n = self._number
        return (
            f"<tr><td>{self._month(r.month)}</td>{user}<td>{self._service(r)}</td>"
            f'<td>{_escape(r.funder)}</td><td class="text-end">{n(r.planned_hours)}</td>'
            f'<td class="text-end">{n(r.delivered_hours)}</td>'
            f'<td class="text-end">{n(r.billable_hours)}</td>'
            f'<td class="text-end">{n(r.visits_missed)}</td></tr>\n  '
        )

    def _authorised(self, a: figures.AuthorisedRow) -> str:
        n = self._number
        delivered_over, planned_over = a.delivered_over, a.planned_over
        if delivered_over:
            state, flag = " table-danger", self.flags["danger"]
        elif planned_over:
            state, flag = " table-warning", self.flags["warning"]
        else:
            state = ""
            flag = self.flags["secondary"] if a.authorised_hours is None else ""
        authorised = (
            '<span class="text-muted">—</span>'
            if a.authorised_hours is None
            else n(a.authorised_hours)
        )
        return (
            f'<tr class="authorised-row{state}">\n'
            f"    <td>{self._month(a.month)}</td><td>{_escape(a.service_user)}</td>"
            f"<td>{self._service(a)}</td>\n"
            f'    <td class="text-end">{authorised}</td>\n'
            f'    <td class="text-end">{n(a.planned_hours)}</td>'
            f'<td class="text-end">{n(a.delivered_hours)}</td>\n'
            f"    <td>{flag}</td>\n  </tr>"
        )

    def _continuity(self, c: figures.Continuity) -> str:
        # As {% widthratio c.by_usual c.visits 100 %}.
        share = str(round(c.by_usual / c.visits * 100)) if c.visits else "0"
        return (
            f'<tr><td>{_escape(c.service_user)}</td><td class="text-end">{self._number(c.visits)}'
            f'</td><td class="text-end">{self._number(c.by_usual)}</td>'
            f'<td class="text-end">{share} %</td></tr>'
        )


@login_required
def figures_csv(request: AuthedRequest, organisation_id: int, report: str) -> HttpResponse:
    organisation = access_care(request.user, organisation_id, CarePerm.FIGURES)
    data = _data(request, organisation)
    lines: list[list[str]] = []
    if report == "continuity" and data["per_user"]:
        _add(lines, ["service_user", "visits_done", "by_usual_carers", "share"])
        for item in data["continuity"]:
            _add(lines, [item.service_user, item.visits, item.by_usual, item.share])
    elif report == "authorised" and data["per_user"]:
        _add(
            lines,
            [
                "month",
                "service_user",
                "service",
                "authorised_hours",
                "planned_hours",
                "delivered_hours",
                "over",
            ],
        )
        for a in data["authorised"]:
            _add(
                lines,
                [
                    a.month.isoformat()[:7],
                    a.service_user,
                    a.service_kind,
                    "" if a.authorised_hours is None else a.authorised_hours,
                    a.planned_hours,
                    a.delivered_hours,
                    int(a.over),
                ],
            )
    elif report == "volunteers":
        _add(lines, ["month", "activity", "hours"])
        for item in data["volunteer_hours"]:
            _add(lines, [item["month"].isoformat()[:7], item["activity"], item["hours"]])
    else:
        header = ["month", "service", "funder", "planned_hours", "delivered_hours"]
        user_cols = ["service_user"] if data["per_user"] else []
        _add(lines, [*header[:1], *user_cols, *header[1:], "billable_hours", "done", "missed"])
        for row in data["rows"]:
            user = [row.service_user] if data["per_user"] else []
            _add(
                lines,
                [
                    row.month.isoformat()[:7],
                    *user,
                    row.service_kind,
                    row.funder,
                    row.planned_hours,
                    row.delivered_hours,
                    row.billable_hours,
                    row.visits_done,
                    row.visits_missed,
                ],
            )
    name = f"care-{report}-{data['start']}-{data['end']}.csv"
    return table_response(name, lines[0], lines[1:], bom=False)


def _add(lines: list[list[str]], row: list[Any]) -> None:
    lines.append(as_text(row))
