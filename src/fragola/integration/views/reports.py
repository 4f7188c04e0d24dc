"""Relief (L4.5) page and monthly payroll CSV; public value; outcome statistics."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from fragola.core.exports import table_response
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.integration import public_value, reports, selectors
from fragola.integration.forms import MonthForm, YearForm
from fragola.integration.models import Outcome
from fragola.integration.views.common import today
from fragola_law import Relief

PAYROLL_COLUMNS = (
    "month",
    "employment_id",
    "fiscal_code",
    "last_name",
    "first_name",
    "branch",
    "contract",
    "relief_code",
    "relief_rate_percent",
    "relief_from",
    "relief_until",
    "lost_reasons",
    "legal_source",
)
RELIEF_CODES = {
    Relief.ZERO: "L381_ART4_C3",
    Relief.REDUCED: "L381_ART4_C3BIS_DM148_2014",
    Relief.NONE: "",
}


def _month(request: AuthedRequest) -> tuple[MonthForm, int, int]:
    now = today()
    form = MonthForm(request.GET or {"month": f"{now:%Y-%m}"})
    if form.is_valid():
        year, month = form.cleaned_data["month"].split("-")
        return form, int(year), int(month)
    return form, now.year, now.month


@login_required
def relief_page(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    form, year, month = _month(request)
    organisation, rows, ok = reports.relief_month(
        user=request.user, organisation_id=organisation_id, year=year, month=month,
        today=today(), purpose="contribution relief page",
    )  # fmt: skip
    context = page_context(request, organisation, "relief")
    context.update(form=form, rows=rows, l4_2_ok=ok, month=f"{year:04d}-{month:02d}")
    return render(request, "integration/relief.html", context)


def _payroll_row(month: str, row: reports.WorkerRelief) -> dict[str, str]:
    person, line = row.employment.person, row.line
    return {
        "month": month,
        "employment_id": str(row.employment.pk),
        "fiscal_code": person.fiscal_code,
        "last_name": person.last_name,
        "first_name": person.first_name,
        "branch": row.employment.branch,
        "contract": row.employment.contract,
        "relief_code": RELIEF_CODES[line.kind],
        "relief_rate_percent": f"{line.rate * 100:.2f}",
        "relief_from": line.relief_from.isoformat() if line.relief_from else "",
        "relief_until": line.relief_until.isoformat() if line.relief_until else "",
        "lost_reasons": "|".join(loss.value for loss in line.losses),
        "legal_source": line.source,
    }


@login_required
def relief_csv(request: AuthedRequest, organisation_id: int, year: int, month: int) -> HttpResponse:
    """One row per contract of a disadvantaged worker in the month, for the payroll provider."""
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        year, month = today().year, today().month
    organisation, rows, _ok = reports.relief_month(
        user=request.user, organisation_id=organisation_id, year=year, month=month,
        today=today(), purpose="payroll relief export (CSV)",
    )  # fmt: skip
    label = f"{year:04d}-{month:02d}"
    lines = (_payroll_row(label, row) for row in rows)
    return table_response(
        f"relief-{organisation.fiscal_code}-{label}.csv",
        PAYROLL_COLUMNS,
        ([line[column] for column in PAYROLL_COLUMNS] for line in lines),
        bom=False,
    )


@login_required
def public_value_page(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    form = YearForm(request.GET or {"year": today().year})
    year = form.cleaned_data["year"] if form.is_valid() else today().year
    organisation, rows, total = reports.public_value_year(
        user=request.user, organisation_id=organisation_id, year=year, today=today(),
        purpose="public value page",
    )  # fmt: skip
    context = page_context(request, organisation, "public_value")
    on = min(dt.date(year, 12, 31), today()) if year <= today().year else dt.date(year, 1, 1)
    context.update(
        form=form, rows=rows, total=total, year=year,
        parameters=public_value.parameter_table(on),
    )  # fmt: skip
    return render(request, "integration/public_value.html", context)


@login_required
def outcomes_page(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    stats = selectors.outcome_stats(
        user=request.user, organisation_id=organisation_id, today=today()
    )
    context = page_context(request, stats.organisation, "outcomes")
    labels = dict(Outcome.choices)
    context.update(stats=stats, outcome_rows=[(labels[k], v) for k, v in stats.outcomes.items()])
    return render(request, "integration/outcomes.html", context)
