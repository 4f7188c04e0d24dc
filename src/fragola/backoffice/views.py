"""The back office's pages: requests (both sides), shared costs and charges (the consortium)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fragola.backoffice import selectors, services
from fragola.backoffice.access import access_request, access_run, runs_backoffice, uses_backoffice
from fragola.backoffice.allocation import AllocationError
from fragola.backoffice.forms import (
    AnswerForm,
    RateForm,
    RequestForm,
    RunForm,
    StaffRequestForm,
    TimeForm,
)
from fragola.backoffice.models import RunStatus, ServiceRequest
from fragola.backoffice.preview import PreviewProblems, read_files
from fragola.core.access import Perm, access_organisation
from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import flash_form_errors, page_context
from fragola.registry.models import Organisation

ERR_NO_SUCH_MEMBER = gettext_lazy("No member co-operative of this consortium has this fiscal code.")


def _organisation(request: AuthedRequest, organisation_id: int) -> Organisation:
    organisation: Organisation = access_organisation(
        request.user, organisation_id, Perm.VIEW_ORGANISATION
    )
    if not uses_backoffice(request.user, organisation):
        raise Http404("No back office here")
    return organisation


def _home(
    request: AuthedRequest, organisation: Organisation, form: RequestForm | None = None
) -> HttpResponse:
    staff = runs_backoffice(request.user, organisation)
    rows = selectors.request_list(request.user, organisation)
    context: dict[str, Any] = {
        **page_context(request, organisation, "backoffice"),
        "staff": staff,
        "requests": rows[:200],
        "open_count": selectors.open_requests(rows).count(),
        "form": form or (StaffRequestForm() if staff else RequestForm()),
        "now": timezone.now(),
    }
    return render(request, "backoffice/home.html", context, status=400 if form else 200)


@login_required
def backoffice_home(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    return _home(request, _organisation(request, organisation_id))


def _member(consortium: Organisation, code: str) -> Organisation | None:
    members = services.members_by_code(consortium, timezone.localdate())
    return members.get(code)


@login_required
@require_POST
def request_open(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation(request, organisation_id)
    staff = runs_backoffice(request.user, organisation)
    form: RequestForm = StaffRequestForm(request.POST) if staff else RequestForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        coop = _member(organisation, data.pop("coop")) if staff else organisation
        if coop is None:
            form.add_error("coop", ERR_NO_SUCH_MEMBER)
            return _home(request, organisation, form)
        try:
            opened = services.request_open(coop=coop, opened_by=request.user, **data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Request opened."))
            return redirect("backoffice:request", organisation.pk, opened.pk)
    return _home(request, organisation, form)


def _request_page(
    request: AuthedRequest, organisation: Organisation, found: ServiceRequest, status: int = 200
) -> HttpResponse:
    context = {
        **page_context(request, organisation, "backoffice"),
        "staff": runs_backoffice(request.user, organisation),
        "item": found,
        "escalations": list(found.escalations.all()),
        "time": list(selectors.request_time(found)),
        "answer_form": AnswerForm(initial={"answer": found.answer}),
        "time_form": TimeForm(initial={"worked_on": timezone.localdate()}),
        "rate_form": RateForm(),
        "now": timezone.now(),
    }
    return render(request, "backoffice/request.html", context, status=status)


@login_required
def request_detail(request: AuthedRequest, organisation_id: int, request_id: int) -> HttpResponse:
    organisation = _organisation(request, organisation_id)
    return _request_page(
        request, organisation, access_request(request.user, organisation, request_id)
    )


def _staff_request(
    request: AuthedRequest, organisation_id: int, request_id: int
) -> tuple[Organisation, ServiceRequest]:
    organisation = _organisation(request, organisation_id)
    if not runs_backoffice(request.user, organisation):
        raise Http404("Not the consortium's staff")
    return organisation, access_request(request.user, organisation, request_id)


def _done(
    request: AuthedRequest, organisation: Organisation, found: ServiceRequest
) -> HttpResponse:
    return redirect("backoffice:request", organisation.pk, found.pk)


def _flash(request: AuthedRequest, exc: ValidationError) -> None:
    for error in exc.messages:
        messages.error(request, error)


@login_required
@require_POST
def request_answer(request: AuthedRequest, organisation_id: int, request_id: int) -> HttpResponse:
    organisation, found = _staff_request(request, organisation_id, request_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _done(request, organisation, found)
    try:
        services.request_answer(request=found, answer=form.cleaned_data["answer"])
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Answer sent."))
    return _done(request, organisation, found)


@login_required
@require_POST
def request_resolve(request: AuthedRequest, organisation_id: int, request_id: int) -> HttpResponse:
    organisation, found = _staff_request(request, organisation_id, request_id)
    try:
        services.request_resolve(request=found)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Request resolved."))
    return _done(request, organisation, found)


@login_required
@require_POST
def request_log_time(request: AuthedRequest, organisation_id: int, request_id: int) -> HttpResponse:
    organisation, found = _staff_request(request, organisation_id, request_id)
    form = TimeForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _done(request, organisation, found)
    try:
        services.request_log_time(request=found, user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Time logged."))
    return _done(request, organisation, found)


@login_required
@require_POST
def request_rate(request: AuthedRequest, organisation_id: int, request_id: int) -> HttpResponse:
    organisation = _organisation(request, organisation_id)
    found = access_request(request.user, organisation, request_id)
    if runs_backoffice(request.user, organisation):
        raise Http404("The co-op rates its own requests")
    form = RateForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _done(request, organisation, found)
    try:
        services.request_rate(request=found, satisfaction=form.cleaned_data["satisfaction"])
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Thank you for your answer."))
    return _done(request, organisation, found)


# Shared costs --------------------------------------------------------------------------------


def _consortium(request: AuthedRequest, organisation_id: int) -> Organisation:
    organisation = _organisation(request, organisation_id)
    if not runs_backoffice(request.user, organisation):
        raise Http404("Not the consortium's staff")
    return organisation


def _costs(
    request: AuthedRequest,
    organisation: Organisation,
    form: RunForm | None = None,
    problems: list[str] | None = None,
) -> HttpResponse:
    context = {
        **page_context(request, organisation, "backoffice"),
        "runs": selectors.run_list(request.user, organisation)[:100],
        "form": form or RunForm(initial={"period": timezone.localdate().replace(day=1)}),
        "problems": problems or [],
    }
    return render(request, "backoffice/costs.html", context, status=400 if form else 200)


@login_required
def costs(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    return _costs(request, _consortium(request, organisation_id))


@login_required
@require_POST
def run_prepare(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = _consortium(request, organisation_id)
    form = RunForm(request.POST, request.FILES)
    if not form.is_valid():
        return _costs(request, organisation, form)
    pools, drivers = form.cleaned_data["pools"], form.cleaned_data["drivers"]
    try:
        found = read_files(
            pools=pools.read(), pools_name=pools.name, drivers=drivers.read(),
            drivers_name=drivers.name,
        )  # fmt: skip
        run = services.run_prepare(
            consortium=organisation, period=form.cleaned_data["period"], pools=found[0],
            values=found[1],
        )  # fmt: skip
    except PreviewProblems as exc:
        return _costs(request, organisation, form, [str(p) for p in exc.problems])
    except ValidationError as exc:
        return _costs(request, organisation, form, exc.messages)
    messages.success(request, _("Allocation prepared: review it, then approve it."))
    return redirect("backoffice:run", organisation.pk, run.pk)


@login_required
def run_detail(request: AuthedRequest, organisation_id: int, run_id: int) -> HttpResponse:
    organisation = _consortium(request, organisation_id)
    run = access_run(request.user, organisation, run_id)
    pools = list(run.pools.all())
    try:
        split = services.run_allocation(run)
    except AllocationError:  # not reachable: a run is checked to split before it is saved
        raise Http404("This run cannot be split") from None
    rows = [
        (coop, [split.shares[coop][p.name] for p in pools], split.total(coop))
        for coop in split.coops
    ]
    names = {v.coop.fiscal_code: v.coop.name for v in run.values.select_related("coop")}
    context = {
        **page_context(request, organisation, "backoffice"),
        "run": run,
        "pools": pools,
        "rows": [(code, names[code], shares, total) for code, shares, total in rows],
        "charges": list(run.charges.select_related("coop")),
        "draft": run.status == RunStatus.DRAFT,
        "replaced": run.replaced_by.exists(),
    }
    return render(request, "backoffice/run.html", context)


@login_required
@require_POST
def run_approve(request: AuthedRequest, organisation_id: int, run_id: int) -> HttpResponse:
    organisation = _consortium(request, organisation_id)
    run = access_run(request.user, organisation, run_id)
    try:
        charges = services.run_approve(run=run, user=request.user)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Approved: %(n)d charges issued.") % {"n": len(charges)})
    return redirect("backoffice:run", organisation.pk, run.pk)


@login_required
@require_POST
def run_revise(request: AuthedRequest, organisation_id: int, run_id: int) -> HttpResponse:
    organisation = _consortium(request, organisation_id)
    run = access_run(request.user, organisation, run_id)
    try:
        new = services.run_revise(run=run)
    except ValidationError as exc:
        _flash(request, exc)
        return redirect("backoffice:run", organisation.pk, run.pk)
    messages.success(request, _("A new draft replaces this run once approved."))
    return redirect("backoffice:run", organisation.pk, new.pk)


@login_required
def charges(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation(request, organisation_id)
    context = {
        **page_context(request, organisation, "backoffice"),
        "staff": runs_backoffice(request.user, organisation),
        "charges": selectors.charge_list(request.user, organisation)[:200],
    }
    return render(request, "backoffice/charges.html", context)
