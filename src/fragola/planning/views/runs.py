"""Start a run, watch its progress, publish a plan, repair after an absence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import flash_form_errors, page_context
from fragola.planning import selectors, services
from fragola.planning.access import access_planning, access_run
from fragola.planning.config import planning_settings_for
from fragola.planning.forms import RepairForm, StartRunForm, next_monday
from fragola.planning.models import RunKind
from fragola.planning.views.board import run_page
from fragola.planning.views.common import active_carers, base_url

RUNS_SHOWN = 20


@login_required
def planning_home(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_planning(request.user, organisation_id)
    config = planning_settings_for(organisation)
    form = StartRunForm(
        request.POST or None,
        initial={"start": next_monday(), "time_limit": config.time_limit_seconds},
    )
    if request.method == "POST" and form.is_valid():
        start, end = form.period()
        try:
            run = services.planning_run_start(
                organisation=organisation,
                start=start,
                end=end,
                actor=request.user,
                time_limit=form.cleaned_data["time_limit"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return redirect("planning_run", organisation.pk, run.pk)
    context = page_context(request, organisation, "planning")
    context.update(
        form=form,
        repair_form=RepairForm(carers=active_carers(organisation.pk)),
        runs=selectors.run_list(organisation=organisation)[:RUNS_SHOWN],
    )
    return render(request, "planning/home.html", context)


@login_required
def planning_run(request: AuthedRequest, organisation_id: int, run_id: int) -> HttpResponse:
    run = access_run(request.user, organisation_id, run_id)
    return run_page(request, run)


@login_required
def planning_progress(request: AuthedRequest, organisation_id: int, run_id: int) -> HttpResponse:
    run = access_run(request.user, organisation_id, run_id)
    response = render(request, "planning/run.html#progress", {"run": run})
    if run.finished and request.htmx:
        response["HX-Refresh"] = "true"  # the page now shows the proposal
    return response


@login_required
@require_POST
def planning_publish(request: AuthedRequest, organisation_id: int, run_id: int) -> HttpResponse:
    run = access_run(request.user, organisation_id, run_id)
    try:
        count = services.planning_run_publish(run=run, by=request.user, base_url=base_url(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Plan published: %(count)d visits assigned.") % {"count": count}
        )
    return redirect("planning_run", organisation_id, run.pk)


@login_required
@require_POST
def planning_repair(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_planning(request.user, organisation_id)
    form = RepairForm(request.POST, carers=active_carers(organisation.pk))
    if form.is_valid():
        try:
            run = services.planning_repair_start(
                organisation=organisation,
                carer=form.cleaned_data["carer"],
                day=form.cleaned_data["day"],
                kind=form.cleaned_data["kind"],
                actor=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return redirect("planning_run", organisation.pk, run.pk)
    flash_form_errors(request, form)
    return redirect("planning_home", organisation.pk)


@login_required
@require_POST
def planning_decide(
    request: AuthedRequest, organisation_id: int, run_id: int, decision: str
) -> HttpResponse:
    run = access_run(request.user, organisation_id, run_id)
    try:
        if run.kind != RunKind.REPAIR:
            raise ValidationError(_("Only a repair can be accepted or rejected."))
        if decision == "accept":
            count = services.planning_repair_accept(
                run=run, by=request.user, base_url=base_url(request)
            )
            messages.success(request, _("Repair applied to %(count)d visits.") % {"count": count})
        else:
            services.planning_repair_reject(run=run, by=request.user)
            messages.info(request, _("Repair rejected: the visits stay as they were."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("planning_run", organisation_id, run.pk)
