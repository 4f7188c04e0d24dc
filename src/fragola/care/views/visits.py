"""Coordinator pages for visits: the day's list, assignment by hand, cancel or missed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
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


SENTINEL = 987654321987654321


class VisitRows:
    """The rows of the visits table, written here with the markup the template had.

    Fifty visits a page, each with two forms: rendered by the template engine node by node
    they were most of the page's time. Words are translated once per page, and each URL is
    reversed once and completed with the visit's id.
    """

    def __init__(self, organisation_id: int, csrf_token: str, options: CarerOptions) -> None:
        self.options = options
        self.user_url = self._url("care_user", organisation_id)
        self.assign_url = self._url("care_visit_assign", organisation_id)
        self.close_url = self._url("care_visit_close", organisation_id)
        self.csrf = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token
        )
        # As {% translate %} wrote them: not escaped.
        self.words = {
            "volunteer_task": _("volunteer task"),
            "carer": _("Carer"),
            "anyway_title": _("Assign even outside the carer’s declared availability"),  # noqa: RUF001 (the msgid)
            "anyway": _("Assign anyway"),
            "assign": _("Assign"),
            "outcome": _("Outcome"),
            "cancelled": _("Cancelled"),
            "missed": _("Missed"),
            "why": _("Why"),
            "save": _("Save"),
        }

    @staticmethod
    def _url(name: str, organisation_id: int) -> tuple[str, str]:
        before, after = reverse(name, args=[organisation_id, SENTINEL]).split(str(SENTINEL))
        return before, after

    def row(self, visit: Visit, errors: Iterable[Any] = (), warning: str = "") -> SafeString:
        w, pk = self.words, visit.pk
        starts, ends = timezone.localtime(visit.starts_at), timezone.localtime(visit.ends_at)
        second = ' <span class="badge text-bg-light">2°</span>' if visit.slot == 2 else ""
        task = (
            f' <span class="badge text-bg-info">{w["volunteer_task"]}</span>'
            if visit.is_volunteer_task
            else ""
        )
        reason = (
            f'<div class="small text-muted">{escape(visit.status_reason)}</div>'
            if visit.status_reason
            else ""
        )
        user_url = f"{self.user_url[0]}{visit.service_user_id}{self.user_url[1]}"
        assign_url = f"{self.assign_url[0]}{pk}{self.assign_url[1]}"
        close_url = f"{self.close_url[0]}{pk}{self.close_url[1]}"
        if visit.status in (VisitStatus.PLANNED, VisitStatus.ASSIGNED):
            shown_errors = "".join(
                f'<div class="text-danger small assign-error">{conditional_escape(e)}</div>'
                for e in errors
            )
            shown_warning = (
                f'<div class="text-warning-emphasis small assign-warning">'
                f"{conditional_escape(warning)}</div>"
                if warning
                else ""
            )
            carer = (
                f'\n      <form method="post" action="{assign_url}" hx-post="{assign_url}"'
                f' hx-target="#visit-{pk}" hx-swap="outerHTML" class="d-flex gap-1">\n'
                f"        {self.csrf}\n"
                f'        <label class="visually-hidden" for="carer-{pk}">{w["carer"]}</label>\n'
                f'        <select name="carer" id="carer-{pk}"'
                f' class="form-select form-select-sm">\n'
                f'          <option value="">—</option>{self.options.menu(visit)}\n'
                f"        </select>\n"
                f'        <div class="form-check form-check-inline small text-nowrap mb-0 ms-1'
                f' align-self-center" title="{w["anyway_title"]}">\n'
                f'          <input class="form-check-input" type="checkbox" name="force"'
                f' value="on" id="force-{pk}">\n'
                f'          <label class="form-check-label" for="force-{pk}">'
                f"{w['anyway']}</label>\n"
                f"        </div>\n"
                f'        <button class="btn btn-sm btn-outline-secondary">{w["assign"]}</button>\n'
                f"      </form>\n"
                f"      {shown_errors}\n"
                f"      {shown_warning}\n"
                f"      "
            )
        else:
            carer = escape(visit.carer) if visit.carer else "—"
        close = ""
        if visit.status in (VisitStatus.PLANNED, VisitStatus.ASSIGNED, VisitStatus.IN_PROGRESS):
            close = (
                f'\n      <form method="post" action="{close_url}" hx-post="{close_url}"'
                f' hx-target="#visit-{pk}" hx-swap="outerHTML" class="d-flex gap-1">\n'
                f"        {self.csrf}\n"
                f'        <select name="outcome" class="form-select form-select-sm"'
                f' aria-label="{w["outcome"]}"><option value="cancelled">{w["cancelled"]}</option>'
                f'<option value="missed">{w["missed"]}</option></select>\n'
                f'        <input name="reason" required class="form-control form-control-sm"'
                f' placeholder="{w["why"]}" aria-label="{w["why"]}">\n'
                f'        <button class="btn btn-sm btn-outline-danger">{w["save"]}</button>\n'
                f"      </form>"
            )
        return mark_safe(  # noqa: S308  (every value was escaped above)
            f'\n  <tr id="visit-{pk}" class="visit-row">\n'
            f'    <td class="text-nowrap">{starts:%H:%M}\u2013{ends:%H:%M}{second}</td>\n'
            f'    <td><a href="{user_url}">{escape(visit.service_user.display_name)}</a></td>\n'
            f"    <td>{escape(visit.plan_service.get_kind_display())}{task}</td>\n"
            f'    <td class="visit-status">{escape(visit.get_status_display())}{reason}</td>\n'
            f"    <td>\n      {carer}\n    </td>\n"
            f"    <td>\n      {close}\n    </td>\n"
            f"  </tr>\n  "
        )


@login_required
def visit_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_care(request.user, organisation_id, CarePerm.MANAGE)
    day = parse_day(request.GET.get("day"))
    status = request.GET.get("status", "")
    status = status if status in VisitStatus.values else ""
    visits = selectors.visit_list(organisation=organisation, start=day, end=day, status=status)
    page = Paginator(visits, VISITS_PER_PAGE).get_page(request.GET.get("page"))
    rows = VisitRows(
        organisation_id, get_token(request), CarerOptions(list(_carers(organisation_id)))
    )
    for visit in page:
        visit.row_html = rows.row(visit)  # type: ignore[attr-defined]
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
    options = CarerOptions(list(_carers(visit.organisation_id)))
    rows = VisitRows(visit.organisation_id, get_token(request), options)
    errors = form.non_field_errors() + form["carer"].errors if form else []
    return HttpResponse(rows.row(visit, errors, warning))


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
