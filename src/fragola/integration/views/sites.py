"""Job sites and teams: who works where, the disadvantaged share on each team, hours.

Client contracts with their job sites, teams, who is on them and the timesheets are created
here; every page names workers, so all of them are for the co-op's administrator and tutor
(``selectors.site_get`` / ``selectors.team_get``: a 404 for anyone else), and every share shown
logs the certificates it reads.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.integration import access, selectors
from fragola.integration.forms import (
    AssignForm,
    ContractSiteForm,
    MonthForm,
    TeamForm,
    TimesheetForm,
)
from fragola.integration.models import JobSite, Team
from fragola.integration.services import work
from fragola.integration.views.common import today
from fragola.workforce.models import Employment
from fragola.workforce.selectors import employments_on


@login_required
def site_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation, rows = selectors.team_list(
        user=request.user, organisation_id=organisation_id, day=today(), purpose="job sites page"
    )
    context = page_context(request, organisation, "sites")
    context["rows"] = rows
    context["sites"] = JobSite.objects.filter(contract__organisation=organisation).select_related(
        "contract"
    )
    return render(request, "integration/sites.html", context)


@login_required
def contract_new(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access.access_personal(request.user, organisation_id)
    form = ContractSiteForm(request.POST or None, initial={"started_on": today()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                site = work.contract_with_site_create(
                    organisation=organisation, **form.cleaned_data
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Contract and job site created."))
                return redirect("integration:site_detail", organisation_id, site.pk)
        status = 422
    context = page_context(request, organisation, "sites")
    context["form"] = form
    return render(request, "integration/contract_new.html", context, status=status)


def _month(request: AuthedRequest) -> tuple[int, int]:
    form = MonthForm(request.GET)
    if form.is_valid():
        year, month = form.cleaned_data["month"].split("-")
        return int(year), int(month)
    return today().year, today().month


def _names(employments: list[Employment]) -> list[tuple[int, str]]:
    return [(e.pk, f"{e.person.display_name} · {e.started_on:%d/%m/%Y}") for e in employments]


def _timesheet_form(site: JobSite, team: Team | None, data: object = None) -> TimesheetForm:
    workers = _names(selectors.on_site(site=site, day=None, team=team))
    return TimesheetForm(data, employments=workers, initial={"day": today()})


def _site_page(
    request: AuthedRequest,
    site: JobSite,
    team_form: TeamForm | None = None,
    timesheet_form: TimesheetForm | None = None,
    status: int = 200,
) -> HttpResponse:
    year, month = _month(request)
    context = page_context(request, site.contract.organisation, "sites")
    context.update(
        site=site,
        rows=selectors.site_teams(
            user=request.user, site=site, day=today(), purpose="job site page"
        ),
        team_form=team_form or TeamForm(),
        timesheet_form=timesheet_form or _timesheet_form(site, None),
        month=dt.date(year, month, 1),
        month_rows=selectors.timesheet_month(site=site, year=year, month=month),
    )
    return render(request, "integration/site_detail.html", context, status=status)


@login_required
def site_detail(request: AuthedRequest, organisation_id: int, site_id: int) -> HttpResponse:
    site = selectors.site_get(user=request.user, organisation_id=organisation_id, site_id=site_id)
    return _site_page(request, site)


@login_required
@require_POST
def team_add(request: AuthedRequest, organisation_id: int, site_id: int) -> HttpResponse:
    site = selectors.site_get(user=request.user, organisation_id=organisation_id, site_id=site_id)
    form = TeamForm(request.POST)
    if form.is_valid():
        try:
            team = work.team_create(site=site, name=form.cleaned_data["name"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Team added."))
            return redirect("integration:team_detail", organisation_id, team.pk)
    return _site_page(request, site, team_form=form, status=422)


def _record(request: AuthedRequest, site: JobSite, team: Team | None) -> tuple[TimesheetForm, bool]:
    form = _timesheet_form(site, team, request.POST)
    if not form.is_valid():
        return form, False
    data = form.cleaned_data
    employment = Employment.objects.get(pk=data["employment"])
    try:
        work.site_timesheet_record(
            site=site, team=team, employment=employment, day=data["day"], hours=data["hours"],
            today=today(),
        )  # fmt: skip
    except ValidationError as error:
        attach_errors(form, error)
        return form, False
    messages.success(request, _("Hours recorded."))
    return form, True


@login_required
@require_POST
def site_timesheet(request: AuthedRequest, organisation_id: int, site_id: int) -> HttpResponse:
    site = selectors.site_get(user=request.user, organisation_id=organisation_id, site_id=site_id)
    form, done = _record(request, site, None)
    if done:
        return redirect("integration:site_detail", organisation_id, site.pk)
    return _site_page(request, site, timesheet_form=form, status=422)


def _team_page(
    request: AuthedRequest,
    team: Team,
    assign_form: AssignForm | None = None,
    timesheet_form: TimesheetForm | None = None,
    status: int = 200,
) -> HttpResponse:
    organisation = team.site.contract.organisation
    year, month = _month(request)
    context = page_context(request, organisation, "sites")
    context.update(
        team=team,
        site=team.site,
        row=selectors.team_row(user=request.user, team=team, day=today(), purpose="team page"),
        members=selectors.team_members(team=team, day=today()),
        assign_form=assign_form or _assign_form(team),
        timesheet_form=timesheet_form or _timesheet_form(team.site, team),
        month=dt.date(year, month, 1),
        month_rows=selectors.timesheet_month(site=team.site, year=year, month=month, team=team),
    )
    return render(request, "integration/team_detail.html", context, status=status)


def _assign_form(team: Team, data: object = None) -> AssignForm:
    organisation = team.site.contract.organisation
    workers = _names(list(employments_on(organisation, today())))
    return AssignForm(data, employments=workers, initial={"started_on": today()})


@login_required
def team_detail(request: AuthedRequest, organisation_id: int, team_id: int) -> HttpResponse:
    team = selectors.team_get(user=request.user, organisation_id=organisation_id, team_id=team_id)
    return _team_page(request, team)


@login_required
@require_POST
def team_assign(request: AuthedRequest, organisation_id: int, team_id: int) -> HttpResponse:
    team = selectors.team_get(user=request.user, organisation_id=organisation_id, team_id=team_id)
    form = _assign_form(team, request.POST)
    if form.is_valid():
        employment = Employment.objects.get(pk=form.cleaned_data["employment"])
        try:
            work.team_assign(
                team=team,
                employment=employment,
                started_on=form.cleaned_data["started_on"],
                current=True,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Worker added to the team."))
            return redirect("integration:team_detail", organisation_id, team.pk)
    return _team_page(request, team, assign_form=form, status=422)


@login_required
@require_POST
def team_timesheet(request: AuthedRequest, organisation_id: int, team_id: int) -> HttpResponse:
    team = selectors.team_get(user=request.user, organisation_id=organisation_id, team_id=team_id)
    form, done = _record(request, team.site, team)
    if done:
        return redirect("integration:team_detail", organisation_id, team.pk)
    return _team_page(request, team, timesheet_form=form, status=422)
