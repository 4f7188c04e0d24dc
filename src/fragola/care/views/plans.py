"""Coordinator pages for care plans (PAI): write a plan, add services, choose carers,
generate visits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.care import selectors, services
from fragola.care.access import CarePerm, access_care, access_service_user
from fragola.care.forms import PeriodForm, PlanCarersForm, PlanForm, PlanServiceForm
from fragola.care.models import CarePlan
from fragola.core.forms import call_service
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context

GENERATE_DAYS = 28


def _plan(request: AuthedRequest, organisation_id: int, plan_id: int) -> CarePlan:
    access_care(request.user, organisation_id, CarePerm.MANAGE)
    plan = (
        CarePlan.objects.select_related("service_user__organisation", "commission")
        .filter(pk=plan_id, service_user__organisation_id=organisation_id)
        .first()
    )
    if plan is None:
        raise Http404("No such plan")
    return plan


@login_required
def plan_new(request: AuthedRequest, organisation_id: int, user_id: int) -> HttpResponse:
    service_user = access_service_user(request.user, user_id, CarePerm.MANAGE)
    if service_user.organisation_id != organisation_id:
        raise Http404("No such service user")
    today = timezone.localdate()
    initial = {"assessed_on": today, "valid_from": today, "review_on": today + dt.timedelta(90)}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        commission = service_user.commissions.order_by("-starts_on").first()
        plan = call_service(
            form,
            services.care_plan_create,
            service_user=service_user,
            commission=commission,
            **form.cleaned_data,
        )
        if plan is not None:
            messages.success(request, _("Care plan saved. Now add its services."))
            return redirect("care_plan", organisation_id, plan.pk)
    context = page_context(request, service_user.organisation, "users")
    return render(
        request, "care/plan_new.html", {**context, "form": form, "service_user": service_user}
    )


def _plan_context(request: AuthedRequest, plan: CarePlan, **forms: Any) -> dict[str, Any]:
    today = timezone.localdate()
    organisation = plan.service_user.organisation
    context = page_context(request, organisation, "users")
    context.update(
        plan=selectors.care_plans_read(
            user=request.user,
            service_user=plan.service_user,
            purpose="care plan page",
            plan_id=plan.pk,
        ).get(),
        service_user=plan.service_user,
        service_form=forms.get("service_form") or PlanServiceForm(),
        carers_form=forms.get("carers_form")
        or PlanCarersForm(
            organisation_id=organisation.pk,
            initial={
                "preferred": plan.preferred_carers.all(),
                "refused": plan.refused_carers.all(),
            },
        ),
        period_form=forms.get("period_form")
        or PeriodForm(initial={"start": today, "end": today + dt.timedelta(GENERATE_DAYS)}),
    )
    return context


@login_required
def plan_detail(request: AuthedRequest, organisation_id: int, plan_id: int) -> HttpResponse:
    plan = _plan(request, organisation_id, plan_id)
    return render(request, "care/plan_detail.html", _plan_context(request, plan))


@login_required
@require_POST
def plan_service_add(request: AuthedRequest, organisation_id: int, plan_id: int) -> HttpResponse:
    plan = _plan(request, organisation_id, plan_id)
    form = PlanServiceForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["weekdays"] = "".join(data["weekdays"])
        if call_service(form, services.plan_service_add, plan=plan, **data) is not None:
            messages.success(request, _("Service added to the plan."))
            return redirect("care_plan", organisation_id, plan.pk)
    context = _plan_context(request, plan, service_form=form)
    return render(request, "care/plan_detail.html", context, status=422)


@login_required
@require_POST
def plan_carers(request: AuthedRequest, organisation_id: int, plan_id: int) -> HttpResponse:
    plan = _plan(request, organisation_id, plan_id)
    form = PlanCarersForm(request.POST, organisation_id=organisation_id)
    if form.is_valid():
        done = call_service(
            form,
            services.plan_carers_set,
            plan=plan,
            preferred=form.cleaned_data["preferred"],
            refused=form.cleaned_data["refused"],
        )
        if done is not None:
            messages.success(request, _("Carers saved."))
            return redirect("care_plan", organisation_id, plan.pk)
    context = _plan_context(request, plan, carers_form=form)
    return render(request, "care/plan_detail.html", context, status=422)


@login_required
@require_POST
def plan_generate(request: AuthedRequest, organisation_id: int, plan_id: int) -> HttpResponse:
    plan = _plan(request, organisation_id, plan_id)
    form = PeriodForm(request.POST)
    if form.is_valid():
        count = call_service(form, services.visits_generate, plan=plan, **form.cleaned_data)
        if count is not None:
            messages.success(request, _("%(count)d new visits generated.") % {"count": count})
            return redirect("care_plan", organisation_id, plan.pk)
    context = _plan_context(request, plan, period_form=form)
    return render(request, "care/plan_detail.html", context, status=422)
