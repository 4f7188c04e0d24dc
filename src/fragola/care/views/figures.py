"""Figures: planned, delivered and billable hours, continuity, volunteer hours, as CSV too.

Coordinators and admins see per-user rows; consortium staff see aggregates only (no names).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

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
            figures.authorised_report(organisation=organisation, start=start, end=end)
            if per_user
            else []
        ),
        "volunteer_hours": figures.volunteer_hours(organisation=organisation, start=start, end=end),
    }


@login_required
def figures_page(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_care(request.user, organisation_id, CarePerm.FIGURES)
    context = {**page_context(request, organisation, "figures"), **_data(request, organisation)}
    return render(request, "care/figures.html", context)


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
