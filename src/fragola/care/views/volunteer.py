"""Volunteers help themselves: availability, open tasks, hours, expenses with receipts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.care import selectors, services
from fragola.care.access import CarePerm, access_care, access_visit, has_care_perm
from fragola.care.forms import AvailabilityForm, ExpenseForm, HoursForm
from fragola.care.models import Carer, CarerKind
from fragola.core.forms import call_service
from fragola.core.http import AuthedRequest


def _volunteer(request: AuthedRequest, organisation_id: int) -> Carer:
    access_care(request.user, organisation_id, CarePerm.VOLUNTEER)
    carer = selectors.carer_profile(request.user, organisation_id, CarerKind.VOLUNTEER)
    if carer is None:
        raise Http404("No such organisation")
    request.organisation = carer.organisation
    return carer


def _page(request: AuthedRequest, carer: Carer, status: int = 200, **forms: Any) -> HttpResponse:
    today = timezone.localdate()
    context: dict[str, Any] = {
        "organisation": carer.organisation,
        "carer": carer,
        "insured": carer.insured_on(today),
        "open_tasks": selectors.open_volunteer_tasks(organisation=carer.organisation, since=today)[
            :50
        ],
        "availability_form": forms.get("availability_form") or AvailabilityForm(),
        "hours_form": forms.get("hours_form") or HoursForm(initial={"day": today}),
        "expense_form": forms.get("expense_form") or ExpenseForm(initial={"day": today}),
        **selectors.volunteer_overview(carer=carer, since=today),
    }
    return render(request, "care/volunteer.html", context, status=status)


@login_required
def volunteer_home(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    if not has_care_perm(request.user, organisation_id, CarePerm.VOLUNTEER) and has_care_perm(
        request.user, organisation_id, CarePerm.MANAGE
    ):
        return redirect("care_visits", organisation_id)  # open tasks are on the visits page
    return _page(request, _volunteer(request, organisation_id))


@login_required
@require_POST
def task_take(request: AuthedRequest, organisation_id: int, visit_id: int) -> HttpResponse:
    carer = _volunteer(request, organisation_id)
    visit = access_visit(request.user, visit_id, CarePerm.VOLUNTEER)
    if visit.organisation_id != organisation_id:
        raise Http404("No such visit")
    form = HoursForm()
    taken = call_service(
        form, services.volunteer_task_take, visit=visit, volunteer=carer, by=request.user
    )
    if taken is None:
        for error in form.non_field_errors():
            messages.error(request, str(error))
    else:
        messages.success(request, _("Task taken: thank you!"))
    return redirect("care_volunteer", organisation_id)


@login_required
@require_POST
def availability(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    carer = _volunteer(request, organisation_id)
    form = AvailabilityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        slots = [(int(d), data["starts_at"], data["ends_at"]) for d in data["weekdays"]]
        if call_service(form, services.availability_set, carer=carer, slots=slots) is not None:
            messages.success(request, _("Availability saved."))
            return redirect("care_volunteer", organisation_id)
    return _page(request, carer, status=422, availability_form=form)


@login_required
@require_POST
def hours_log(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    carer = _volunteer(request, organisation_id)
    form = HoursForm(request.POST)
    if (
        form.is_valid()
        and call_service(form, services.volunteer_hours_log, carer=carer, **form.cleaned_data)
        is not None
    ):
        messages.success(request, _("Hours logged."))
        return redirect("care_volunteer", organisation_id)
    return _page(request, carer, status=422, hours_form=form)


@login_required
@require_POST
def expense_claim(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    carer = _volunteer(request, organisation_id)
    form = ExpenseForm(request.POST, request.FILES)
    if (
        form.is_valid()
        and call_service(form, services.expense_claim, carer=carer, **form.cleaned_data) is not None
    ):
        messages.success(request, _("Expense claimed: the coordinator will check the receipt."))
        return redirect("care_volunteer", organisation_id)
    return _page(request, carer, status=422, expense_form=form)
