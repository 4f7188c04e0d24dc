"""Compliance pages: a co-op's rules and timeline, a consortium's board, alerts, CSV and PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fragola.compliance import presentation, reports, selectors
from fragola.compliance.forms import AsOfForm
from fragola.compliance.wording import PERSONAL_RULES, explain, rule_title
from fragola.core.access import Perm, has_perm
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.registry.models import Organisation


def _as_of(request: HttpRequest) -> tuple[AsOfForm, dt.date]:
    form = AsOfForm(request.GET or None)
    day = timezone.localdate()
    if form.is_valid() and form.cleaned_data["as_of"]:
        day = form.cleaned_data["as_of"]
    return form, day


def _org_context(request: AuthedRequest, organisation: Organisation) -> dict[str, Any]:
    open_alerts = selectors.open_alert_count(organisation)
    return page_context(request, organisation, open_alerts=open_alerts)


@login_required
def compliance_page(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    form, day = _as_of(request)
    report = selectors.compliance_report(
        user=request.user, organisation_id=organisation_id, as_of=day, purpose="compliance page"
    )
    months, timeline_rows = presentation.timeline_table(report)
    context = _org_context(request, report.organisation)
    context.update(
        tab="compliance",
        form=form,
        as_of=day,
        rows=[
            presentation.row_of(x, on=report.as_of, personal=report.personal)
            for x in report.results
        ],
        months=months,
        timeline_rows=timeline_rows,
        bars=presentation.ratio_bars(report, "L8" if report.organisation.is_consortium else "L4.2"),
        bars_l2_1=presentation.ratio_bars(report, "L2.1"),
    )
    return render(request, "compliance/page.html", context)


@login_required
def compliance_board(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    form, day = _as_of(request)
    consortium, rows = selectors.consortium_board(
        user=request.user, organisation_id=organisation_id, as_of=day
    )
    rules = [(x.rule, rule_title(x.rule, day)) for x in rows[0].results]
    live_day = day != timezone.localdate()
    query = "?" + urlencode({"as_of": day.isoformat()}) if live_day else ""
    board = presentation.BoardRows(consortium_id=consortium.pk, rules=rules, query=query)
    context = _org_context(request, consortium)
    context.update(
        tab="compliance_board",
        form=form,
        as_of=day,
        live_day=live_day,
        rules=rules,
        board_rows=board.html(rows),
        legend=presentation.status_legend(),
    )
    return render(request, "compliance/board.html", context)


@login_required
def compliance_board_row(
    request: AuthedRequest, organisation_id: int, member_id: int
) -> HttpResponse:
    """One co-op's explanations on the board: a row under its own (htmx), or a page."""
    _form, day = _as_of(request)
    consortium, row = selectors.board_row(
        user=request.user, organisation_id=organisation_id, member_id=member_id, as_of=day
    )
    found = {"row": row, "findings": presentation.findings_of(row, on=day)}
    if request.htmx:
        found["columns"] = len(row.results) + 1
        return render(request, "compliance/board_row.html#row", found)
    context = _org_context(request, consortium)
    context.update(tab="compliance_board", as_of=day, **found)
    return render(request, "compliance/board_row.html", context)


@login_required
def compliance_alerts(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation, alerts = selectors.alert_list(user=request.user, organisation_id=organisation_id)
    personal = has_perm(request.user, organisation, Perm.READ_DISADVANTAGE)
    if personal and any(a.rule in PERSONAL_RULES for a in alerts):
        selectors.log_personal_read(request.user, organisation, "compliance alerts page")
    items = [(a, explain(a.result(), personal=personal)) for a in alerts]
    today = timezone.localdate()
    breaches = selectors.member_breaches(user=request.user, organisation=organisation, as_of=today)
    context = _org_context(request, organisation)
    context.update(
        tab="compliance_alerts",
        items=items,
        member_breaches=[
            (row, [(rule, rule_title(rule, today)) for rule in row.rules]) for row in breaches or []
        ],
        checks_members=breaches is not None,
    )
    return render(request, "compliance/alerts.html", context)


def _report(request: AuthedRequest, organisation_id: int, purpose: str) -> selectors.Report:
    _form, day = _as_of(request)
    return selectors.compliance_report(
        user=request.user,
        organisation_id=organisation_id,
        as_of=day,
        purpose=purpose,
        timeline=False,
    )


def _filename(report: selectors.Report, extension: str) -> str:
    return f"compliance-{report.organisation.fiscal_code}-{report.as_of.isoformat()}.{extension}"


@login_required
def compliance_csv(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    report = _report(request, organisation_id, "compliance report (CSV)")
    return reports.report_csv(report, _filename(report, "csv"))


@login_required
def compliance_pdf(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    report = _report(request, organisation_id, "compliance report (PDF)")
    response = HttpResponse(reports.report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "pdf")}"'
    return response
