"""The carer's phone page: today's visits in order, check in and out, handover notes.

The browser may send its position with a check-in or out; the server keeps only whether it
was inside the user's area, never the position itself.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fragola.care import selectors, services
from fragola.care.access import CarePerm, access_visit, does_visits, has_care_perm
from fragola.care.forms import CheckOutForm, PositionForm
from fragola.care.models import Carer, Visit
from fragola.core.access import Perm, organisation_ids_with
from fragola.core.forms import call_service
from fragola.core.http import AuthedRequest
from fragola.core.pages import parse_day


def _carer(request: AuthedRequest, organisation_id: int) -> Carer:
    carer = selectors.carer_profile(request.user, organisation_id)
    if carer is None or not does_visits(request.user, organisation_id):
        raise Http404("No such organisation")
    request.organisation = carer.organisation
    return carer


@login_required
def me_today(request: AuthedRequest) -> HttpResponse:
    """Today's page of the first co-op where the user is a carer."""
    organisation_ids = organisation_ids_with(request.user, Perm.DO_VISITS)
    if not organisation_ids:
        raise Http404("Not a carer")
    return redirect("care_today", min(organisation_ids))


@login_required
def today(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    if selectors.carer_profile(request.user, organisation_id) is None and has_care_perm(
        request.user, organisation_id, CarePerm.MANAGE
    ):
        return redirect("care_visits", organisation_id)  # coordinators plan the whole day
    carer = _carer(request, organisation_id)
    day = parse_day(request.GET.get("day"))
    visits = selectors.carer_today(carer=carer, day=day)
    context = {
        "organisation": carer.organisation,
        "carer": carer,
        "day": day,
        "visits": visits,
        "is_today": day == timezone.localdate(),
        "checkout_form": CheckOutForm(),
    }
    return render(request, "care/today.html", context)


def _card(request: AuthedRequest, visit: Visit, errors: list[str]) -> HttpResponse:
    handovers = selectors.last_handovers({visit.service_user_id}, before=timezone.now())
    visit.previous_handover = handovers.get(visit.service_user_id, "")  # type: ignore[attr-defined]
    context = {
        "visit": visit,
        "organisation": visit.organisation,
        "errors": errors,
        "checkout_form": CheckOutForm(),
        "is_today": True,
    }
    return render(request, "care/today.html#visit-card", context)


def _visit(request: AuthedRequest, organisation_id: int, visit_id: int) -> Visit:
    _carer(request, organisation_id)
    visit = access_visit(request.user, visit_id, CarePerm.CARER)
    if visit.organisation_id != organisation_id:
        raise Http404("No such visit")
    return visit


def _respond(request: AuthedRequest, visit: Visit, form: PositionForm) -> HttpResponse:
    errors = [str(e) for e in form.non_field_errors()] + [
        str(e) for name in form.errors if name != "__all__" for e in form.errors[name]
    ]
    if request.htmx:
        return _card(request, visit, errors)
    if errors:
        for error in errors:
            messages.error(request, error)
    return redirect("care_today", visit.organisation_id)


@login_required
@require_POST
def check_in(request: AuthedRequest, organisation_id: int, visit_id: int) -> HttpResponse:
    visit = _visit(request, organisation_id, visit_id)
    form = PositionForm(request.POST)
    if form.is_valid():
        call_service(
            form, services.visit_check_in, visit=visit, by=request.user, position=form.position()
        )
    return _respond(request, visit, form)


@login_required
@require_POST
def check_out(request: AuthedRequest, organisation_id: int, visit_id: int) -> HttpResponse:
    visit = _visit(request, organisation_id, visit_id)
    form = CheckOutForm(request.POST)
    if form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("notes", "tasks_done", "handover_notes")}
        call_service(
            form,
            services.visit_check_out,
            visit=visit,
            by=request.user,
            position=form.position(),
            **data,
        )
    return _respond(request, visit, form)
