"""Recording hires, ends of contract and disadvantage certificates (admin and tutor).

Each write goes through one workforce service, which checks Law 381 first (what-if) and refuses
a change that would newly breach a rule unless an override reason is given.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fragola.core.access import Perm, access_organisation
from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.registry import services as registry
from fragola.registry.models import Organisation, PersonKind
from fragola.workforce import services
from fragola.workforce.forms import CertificateForm, EndForm, HireForm
from fragola.workforce.models import Employment


def _managed_organisation(request: AuthedRequest, organisation_id: int) -> Organisation:
    """Recording hires, ends and certificates: the roles that read the certificates."""
    return access_organisation(request.user, organisation_id, Perm.MANAGE_WORKERS)


def _employment(organisation: Organisation, employment_id: int) -> Employment:
    employment = (
        Employment.objects.select_related("person")
        .filter(pk=employment_id, organisation=organisation)
        .first()
    )
    if employment is None:
        raise Http404("No such contract")
    return employment


def _render(
    request: AuthedRequest, organisation: Organisation, template: str, **extra: object
) -> HttpResponse:
    context = page_context(request, organisation)
    context.update(tab="workers", **extra)
    status = 422 if request.method == "POST" else 200
    return render(request, f"workforce/{template}", context, status=status)


@login_required
def worker_hire(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = _managed_organisation(request, organisation_id)
    form = HireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                person = registry.person_upsert(
                    organisation=organisation,
                    data=registry.PersonData(
                        kind=PersonKind.NATURAL,
                        fiscal_code=data["fiscal_code"],
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        birth_date=data["birth_date"],
                        sex=data["sex"],
                    ),
                )
                services.employment_start(
                    organisation=organisation,
                    person=person,
                    data=services.EmploymentData(
                        started_on=data["started_on"],
                        ended_on=data["ended_on"],
                        branch=data["branch"],
                        contract=data["contract"],
                        weekly_hours=data["weekly_hours"],
                    ),
                    actor=request.user,
                    override_reason=data["override_reason"],
                )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Hire recorded for %(name)s.") % {"name": person})
            return redirect("worker_list", organisation.pk)
    return _render(request, organisation, "hire.html", form=form)


@login_required
def worker_end(request: AuthedRequest, organisation_id: int, employment_id: int) -> HttpResponse:
    organisation = _managed_organisation(request, organisation_id)
    employment = _employment(organisation, employment_id)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_end(
                employment=employment,
                ended_on=form.cleaned_data["ended_on"],
                actor=request.user,
                override_reason=form.cleaned_data["override_reason"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("End of contract recorded."))
            return redirect("worker_list", organisation.pk)
    return _render(request, organisation, "end.html", form=form, employment=employment)


@login_required
def worker_certificate(
    request: AuthedRequest, organisation_id: int, employment_id: int
) -> HttpResponse:
    organisation = _managed_organisation(request, organisation_id)
    employment = _employment(organisation, employment_id)
    form = CertificateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.certificate_record(
                organisation=organisation,
                person=employment.person,
                data=services.CertificateData(
                    category=data["category"],
                    issued_on=data["issued_on"],
                    expires_on=data["expires_on"],
                    certified_by=data["certified_by"],
                    document=data["document"],
                ),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Certificate recorded."))
            return redirect("worker_list", organisation.pk)
    return _render(request, organisation, "certificate.html", form=form, employment=employment)
