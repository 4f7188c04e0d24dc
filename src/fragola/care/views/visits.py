"""Coordinator pages for visits: the day's list, assignment by hand, cancel or missed."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.care import selectors, services
from fragola.care.access import CarePerm, access_care, access_visit
from fragola.care.forms import AssignForm, CloseForm
from fragola.care.models import Carer, CarerKind, Visit, VisitStatus
from fragola.care.services.visits import availability_warning
from fragola.core.forms import call_service
from fragola.core.http import AuthedRequest
from fragola.core.pages import flash_form_errors, page_context, parse_day

VISITS_PER_PAGE = 50


def _carers(organisation_id: int) -> QuerySet[Carer]:
    return Carer.objects.filter(organisation_id=organisation_id, active=True).select_related(
        "person"
    )


class CarerOptions:
    """The ``<option>`` lists of the assign menus, escaped once for the whole page.

    A day of a large co-op has hundreds of visits, each with a menu of every carer; rendering
    the menus option by option in the template was most of the page's time. Each visit's menu
    is the same list with its carer marked as selected.
    """

    def __init__(self, carers: list[Carer]) -> None:
        workers = [c for c in carers if c.kind == CarerKind.WORKER]
        volunteers = [c for c in carers if c.kind == CarerKind.VOLUNTEER]
        self.for_visits = self._options(workers)
        self.for_tasks = self._options(volunteers + workers)

    @staticmethod
    def _options(carers: list[Carer]) -> dict[int | None, tuple[str, str]]:
        return {
            c.pk: (
                format_html('<option value="{}">{}</option>', c.pk, c),
                format_html('<option value="{}" selected>{}</option>', c.pk, c),
            )
            for c in carers
        }

    def menu(self, visit: Visit) -> str:
        options = self.for_tasks if visit.is_volunteer_task else self.for_visits
        return mark_safe(  # noqa: S308  (each option was escaped by format_html)
            "".join(
                selected if pk == visit.carer_id else plain
                for pk, (plain, selected) in options.items()
            )
        )


@login_required
def visit_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_care(request.user, organisation_id, CarePerm.MANAGE)
    day = parse_day(request.GET.get("day"))
    status = request.GET.get("status", "")
    status = status if status in VisitStatus.values else ""
    visits = selectors.visit_list(organisation=organisation, start=day, end=day, status=status)
    page = Paginator(visits, VISITS_PER_PAGE).get_page(request.GET.get("page"))
    options = CarerOptions(list(_carers(organisation_id)))
    for visit in page:
        visit.carer_menu = options.menu(visit)  # type: ignore[attr-defined]
    context = page_context(request, organisation, "visits")
    context.update(
        visits=page,
        page=page,
        day=day,
        previous=day - dt.timedelta(days=1),
        next=day + dt.timedelta(days=1),
        status=status,
        statuses=VisitStatus.choices,
    )
    return render(request, "care/visits.html", context)


def _row(
    request: AuthedRequest, visit: Visit, form: AssignForm | None = None, warning: str = ""
) -> HttpResponse:
    visit.carer_menu = CarerOptions(list(_carers(visit.organisation_id))).menu(visit)  # type: ignore[attr-defined]
    context = {
        "visit": visit,
        "organisation": visit.organisation,
        "assign_errors": form.non_field_errors() + form["carer"].errors if form else [],
        "assign_warning": warning,
    }
    return render(request, "care/visits.html#visit-row", context)


@login_required
@require_POST
def visit_assign(request: AuthedRequest, organisation_id: int, visit_id: int) -> HttpResponse:
    visit = access_visit(request.user, visit_id, CarePerm.MANAGE)
    if visit.organisation_id != organisation_id:
        raise Http404("No such visit")
    form = AssignForm(request.POST, carers=selectors.assignable_carers(visit=visit))
    ok = (
        form.is_valid()
        and call_service(
            form,
            services.visit_assign,
            visit=visit,
            carer=form.cleaned_data["carer"],
            by=request.user,
            force=form.cleaned_data["force"],
        )
        is not None
    )
    # A carer with no availability recorded is not blocked, but the coordinator is warned.
    warning = availability_warning(carer=form.cleaned_data["carer"]) if ok else ""
    if request.htmx:
        return _row(request, visit, None if ok else form, warning)
    if not ok:
        flash_form_errors(request, form)
    else:
        messages.success(request, _("Visit assigned."))
        if warning:
            messages.warning(request, warning)
    return redirect(f"{reverse('care_visits', args=[organisation_id])}?day={visit.day}")


@login_required
@require_POST
def visit_close(request: AuthedRequest, organisation_id: int, visit_id: int) -> HttpResponse:
    visit = access_visit(request.user, visit_id, CarePerm.MANAGE)
    if visit.organisation_id != organisation_id:
        raise Http404("No such visit")
    form = CloseForm(request.POST)
    if form.is_valid():
        fn = (
            services.visit_cancel
            if form.cleaned_data["outcome"] == VisitStatus.CANCELLED
            else services.visit_mark_missed
        )
        call_service(form, fn, visit=visit, by=request.user, reason=form.cleaned_data["reason"])
    flash_form_errors(request, form)
    if request.htmx:
        return _row(request, visit)
    return redirect(f"{reverse('care_visits', args=[organisation_id])}?day={visit.day}")
