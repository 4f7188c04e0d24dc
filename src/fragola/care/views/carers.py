"""Coordinator pages for carers: workers and volunteers, qualifications, absences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.care import selectors, services
from fragola.care.access import CarePerm, access_care
from fragola.care.forms import AbsenceForm, CarerForm
from fragola.care.models import Carer, Qualification
from fragola.core.forms import call_service
from fragola.core.http import AuthedRequest
from fragola.core.pages import flash_form_errors, page_context


@login_required
def carer_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_care(request.user, organisation_id, CarePerm.MANAGE)
    form = CarerForm(request.POST or None, organisation_id=organisation_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            carer = call_service(
                form,
                services.carer_register,
                person=data["person"],
                kind=data["kind"],
                user=data["username"],
                weekly_hours=data["weekly_hours"],
                insured_until=data["insured_until"],
            )
            if carer is not None and data["qualification"] != Qualification.NONE:
                services.qualification_add(
                    carer=carer,
                    kind=data["qualification"],
                    expires_on=data["qualification_expires_on"],
                )
        if carer is not None:
            messages.success(request, _("Carer registered."))
            return redirect("care_carers", organisation_id)
    context = page_context(request, organisation, "carers")
    context.update(carers=selectors.carer_list(organisation=organisation), form=form)
    # One absence form under each carer: rendered once, not once per row.
    context["absence_fields"] = render_to_string(
        "care/carers.html#absence-fields", {"absence_form": AbsenceForm()}
    )
    return render(request, "care/carers.html", context)


@login_required
@require_POST
def absence_add(request: AuthedRequest, organisation_id: int, carer_id: int) -> HttpResponse:
    access_care(request.user, organisation_id, CarePerm.MANAGE)
    carer = Carer.objects.filter(pk=carer_id, organisation_id=organisation_id).first()
    if carer is None:
        raise Http404("No such carer")
    form = AbsenceForm(request.POST)
    if form.is_valid():
        call_service(form, services.absence_record, carer=carer, **form.cleaned_data)
    flash_form_errors(request, form)
    return redirect("care_carers", organisation_id)
