"""Coordinator pages for service users: list, register, detail (health data logged), and the
small forms on the detail page (health, consent, family, commissioning)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.care import selectors, services
from fragola.care.access import (
    CarePerm,
    access_care,
    access_service_user,
    can_read_health,
    has_care_perm,
)
from fragola.care.forms import (
    CommissionForm,
    ConsentForm,
    FamilyMemberForm,
    HealthForm,
    ServiceUserForm,
)
from fragola.care.models import CARE_TYPES, CarerKind, Consent, ServiceUser
from fragola.core.forms import call_service
from fragola.core.http import AuthedRequest
from fragola.core.pages import flash_form_errors, page_context
from fragola.registry.models import Organisation

LIST_LIMIT = 200


@login_required
def care_home(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    """Coordinators see the service users; others are sent to the page of their role."""
    user = request.user
    if not Organisation.objects.filter(pk=organisation_id, type__in=CARE_TYPES).exists():
        raise Http404("No such organisation")
    if not has_care_perm(user, organisation_id, CarePerm.MANAGE):
        if selectors.carer_profile(user, organisation_id, CarerKind.WORKER):
            return redirect("care_today", organisation_id)
        if selectors.carer_profile(user, organisation_id, CarerKind.VOLUNTEER):
            return redirect("care_volunteer", organisation_id)
        if has_care_perm(user, organisation_id, CarePerm.FIGURES):
            return redirect("care_figures", organisation_id)
        raise Http404("No such organisation")
    organisation = access_care(user, organisation_id, CarePerm.MANAGE)
    query = request.GET.get("q", "").strip()[:100]
    users = selectors.service_user_list(organisation=organisation, query=query)[:LIST_LIMIT]
    context = page_context(request, organisation, "users")
    context.update(service_users=users, q=query)
    template = "care/users.html#user-table" if request.htmx else "care/users.html"
    return render(request, template, context)


@login_required
def service_user_new(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_care(request.user, organisation_id, CarePerm.MANAGE)
    form = ServiceUserForm(request.POST or None, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        created = call_service(
            form, services.service_user_register, organisation=organisation, **form.cleaned_data
        )
        if created is not None:
            messages.success(request, _("Service user registered."))
            return redirect("care_user", organisation.pk, created.pk)
    context = page_context(request, organisation, "users")
    return render(request, "care/user_new.html", {**context, "form": form})


@login_required
def service_user_detail(request: AuthedRequest, organisation_id: int, user_id: int) -> HttpResponse:
    service_user = access_service_user(request.user, user_id, CarePerm.VIEW_USER)
    if service_user.organisation_id != organisation_id:
        raise Http404("No such service user")
    health = selectors.health_record_read(
        user=request.user, service_user=service_user, purpose="service user page"
    )
    today = timezone.localdate()
    context = page_context(request, service_user.organisation, "users")
    context.update(
        service_user=service_user,
        health=health,
        can_health=can_read_health(request.user, service_user),
        health_form=HealthForm(
            initial={
                "conditions": health.conditions if health else "",
                "care_needs": health.care_needs if health else "",
            }
        ),
        consents=service_user.consents.all(),
        family=service_user.family_members.select_related("user"),
        commissions=service_user.commissions.prefetch_related("authorised_hours"),
        plans=selectors.care_plans_read(
            user=request.user, service_user=service_user, purpose="service user page"
        ),
        visits=selectors.visit_list(
            organisation=service_user.organisation,
            start=today,
            end=today + dt.timedelta(days=7),
            service_user=service_user,
        ),
        messages_in=service_user.family_messages.select_related("author")[:10],
        consent_form=ConsentForm(initial={"given_on": today}),
        family_form=FamilyMemberForm(organisation_id=service_user.organisation_id),
        commission_form=CommissionForm(initial={"starts_on": today}),
    )
    return render(request, "care/user_detail.html", context)


def _managed(request: AuthedRequest, organisation_id: int, user_id: int) -> ServiceUser:
    service_user = access_service_user(request.user, user_id, CarePerm.MANAGE)
    if service_user.organisation_id != organisation_id:
        raise Http404("No such service user")
    return service_user


def _back(service_user: ServiceUser) -> HttpResponse:
    return redirect("care_user", service_user.organisation_id, service_user.pk)


@login_required
@require_POST
def service_user_health(request: AuthedRequest, organisation_id: int, user_id: int) -> HttpResponse:
    service_user = _managed(request, organisation_id, user_id)
    form = HealthForm(request.POST)
    if form.is_valid() and (
        call_service(
            form,
            services.health_record_update,
            service_user=service_user,
            by=request.user,
            **form.cleaned_data,
        )
        is not None
    ):
        messages.success(request, _("Health data saved."))
    flash_form_errors(request, form)
    return _back(service_user)


@login_required
@require_POST
def consent_add(request: AuthedRequest, organisation_id: int, user_id: int) -> HttpResponse:
    service_user = _managed(request, organisation_id, user_id)
    form = ConsentForm(request.POST)
    if form.is_valid():
        call_service(
            form,
            services.consent_record,
            service_user=service_user,
            by=request.user,
            **form.cleaned_data,
        )
    flash_form_errors(request, form)
    return _back(service_user)


@login_required
@require_POST
def consent_withdraw(
    request: AuthedRequest, organisation_id: int, user_id: int, consent_id: int
) -> HttpResponse:
    service_user = _managed(request, organisation_id, user_id)
    consent = Consent.objects.filter(pk=consent_id, service_user=service_user).first()
    if consent is None:
        raise Http404("No such consent")
    form = ConsentForm()
    call_service(
        form,
        services.consent_withdraw,
        consent=consent,
        withdrawn_on=timezone.localdate(),
        by=request.user,
    )
    flash_form_errors(request, form)
    return _back(service_user)


@login_required
@require_POST
def family_add(request: AuthedRequest, organisation_id: int, user_id: int) -> HttpResponse:
    service_user = _managed(request, organisation_id, user_id)
    form = FamilyMemberForm(request.POST, organisation_id=service_user.organisation_id)
    if form.is_valid():
        data = dict(form.cleaned_data)
        login = data.pop("username")
        call_service(
            form, services.family_member_add, service_user=service_user, user=login, **data
        )
    flash_form_errors(request, form)
    return _back(service_user)


@login_required
@require_POST
def commission_add(request: AuthedRequest, organisation_id: int, user_id: int) -> HttpResponse:
    service_user = _managed(request, organisation_id, user_id)
    form = CommissionForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        hours = {data.pop("service_kind"): data.pop("hours_per_month")}
        call_service(
            form, services.commission_create, service_user=service_user, hours=hours, **data
        )
    flash_form_errors(request, form)
    return _back(service_user)
