"""The 30 %: the live ratio (compliance engine), the 12-month forecast, the hires it takes."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.integration import access, services
from fragola.integration.forms import HiresNeededForm, PlannedChangeForm
from fragola.integration.models import PlannedChange
from fragola.integration.selectors import RatioView, hires_needed_for, ratio_view
from fragola.integration.views.common import today
from fragola.workforce.selectors import employments_on


def _employment_choices(view: RatioView) -> list[tuple[int, str]]:
    rows = employments_on(view.state.organisation, today())
    return [(e.pk, f"{e.person.display_name} · {e.started_on:%d/%m/%Y}") for e in rows]


def _hires_needed(view: RatioView, form: HiresNeededForm) -> dict[str, object]:
    if not form.is_valid():
        return {}
    until: dt.date = form.cleaned_data["until"]
    heads, average = hires_needed_for(view.state, until)
    return {"needed_heads": heads, "needed_average": average, "until": until}


def _page(
    request: AuthedRequest, organisation_id: int, plan_form: PlannedChangeForm | None = None
) -> HttpResponse:
    view = ratio_view(user=request.user, organisation_id=organisation_id, today=today())
    organisation = view.state.organisation
    is_type_b = organisation.type in ("B", "AB")
    context = page_context(request, organisation, "ratio", is_type_b=is_type_b)
    hires_form = HiresNeededForm(request.GET or None)
    if context["can_read_disadvantage"] and plan_form is None:
        plan_form = PlannedChangeForm(employments=_employment_choices(view))
    context.update(
        view=view,
        live_explanation=view.live_explanation,
        hires_form=hires_form,
        plan_form=plan_form,
        **_hires_needed(view, hires_form),
    )
    return render(
        request,
        "integration/ratio.html",
        context,
        status=422 if plan_form and plan_form.errors else 200,
    )


@login_required
def ratio(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    return _page(request, organisation_id)


@login_required
@require_POST
def planned_add(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access.access_personal(request.user, organisation_id)
    view = ratio_view(user=request.user, organisation_id=organisation_id, today=today())
    form = PlannedChangeForm(request.POST, employments=_employment_choices(view))
    if form.is_valid():
        data = form.cleaned_data
        employment = None
        if data["employment"]:
            employment = employments_on(organisation, None).filter(pk=data["employment"]).first()
        try:
            services.planned_change_add(
                organisation=organisation,
                kind=data["kind"],
                on=data["on"],
                disadvantaged=data["disadvantaged"],
                employment=employment,
                note=data["note"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Planned change added to the forecast."))
            return redirect("integration:ratio", organisation_id)
    return _page(request, organisation_id, plan_form=form)


@login_required
@require_POST
def planned_remove(request: AuthedRequest, organisation_id: int, change_id: int) -> HttpResponse:
    organisation = access.access_personal(request.user, organisation_id)
    change = PlannedChange.objects.filter(pk=change_id, organisation=organisation).first()
    if change is None:
        raise Http404("No such planned change")
    services.planned_change_remove(change=change)
    messages.success(request, _("Planned change removed."))
    return redirect("integration:ratio", organisation_id)
