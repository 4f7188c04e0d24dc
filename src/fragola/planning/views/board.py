"""The plan board (per carer on a timeline, and as a list) and moving one visit by hand."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context, parse_day
from fragola.planning import selectors, services
from fragola.planning.access import access_assignment, access_run
from fragola.planning.forms import MoveForm, RepairForm
from fragola.planning.labels import breakdown_rows, label_of
from fragola.planning.models import PlannedAssignment, PlanningRun, RunKind, RunStatus
from fragola.planning.services import MoveEffect
from fragola.planning.services.stale import superseding
from fragola.planning.views.common import active_carers


def run_page(request: AuthedRequest, run: PlanningRun) -> HttpResponse:
    context = page_context(request, run.organisation, "planning")
    open_or_closed = run.status in (RunStatus.DONE, RunStatus.SUPERSEDED)
    superseded_by = superseding(run) if open_or_closed else None
    context.update(run=run, breakdown=breakdown_rows(run.breakdown), superseded_by=superseded_by)
    if run.kind == RunKind.REPAIR:
        context["changes"] = selectors.changes_of(run) if run.finished else []
    elif run.finished:
        day = parse_day(request.GET.get("day"), run.period_start)
        if not run.period_start <= day <= run.period_end:
            day = run.period_start
        context["board"] = selectors.board_for(run=run, day=day)
        context["movable"] = run.status == RunStatus.DONE and superseded_by is None
        if run.status == RunStatus.ACCEPTED:
            context["repair_form"] = RepairForm(
                carers=active_carers(run.organisation_id), initial={"day": day}
            )
    return render(request, "planning/run.html", context)


def _panel(
    request: AuthedRequest,
    run: PlanningRun,
    row: PlannedAssignment,
    form: MoveForm,
    effect: MoveEffect | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {"run": run, "row": row, "form": form, "effect": effect}
    if effect is not None:
        context["effect_rows"] = [(label_of(k), b, a, d) for k, b, a, d in effect.rows]
    return render(request, "planning/move.html", context)


def _initial(row: PlannedAssignment) -> dict[str, Any]:
    start = timezone.localtime(row.starts_at) if row.starts_at else None
    return {
        "carer": row.carer_id,
        "day": row.visit.day,
        "time": start.time() if start else row.visit.plan_service.window_start,
    }


@login_required
def planning_move(
    request: AuthedRequest, organisation_id: int, run_id: int, assignment_id: int
) -> HttpResponse:
    """GET: the form; POST preview: cost before -> after; POST confirm: apply to the proposal."""
    run = access_run(request.user, organisation_id, run_id)
    row = access_assignment(run, assignment_id)
    carers = active_carers(run.organisation_id)
    if request.method != "POST":
        return _panel(request, run, row, MoveForm(initial=_initial(row), carers=carers))
    form = MoveForm(request.POST, carers=carers)
    if not form.is_valid():
        return _panel(request, run, row, form)
    kwargs = {
        "run": run,
        "assignment": row,
        "carer": form.cleaned_data["carer"],
        "starts_at": form.starts_at(),
    }
    try:
        if request.POST.get("action") == "confirm":
            services.planning_move_apply(**kwargs)
            url = reverse("planning_run", args=[run.organisation_id, run.pk])
            url += f"?day={form.cleaned_data['day']}"
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = url
                return response
            return redirect(url)
        effect = services.planning_move_preview(**kwargs)
    except ValidationError as exc:
        attach_errors(form, exc)
        return _panel(request, run, row, form)
    return _panel(request, run, row, form, effect)
