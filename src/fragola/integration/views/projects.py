"""Integration projects: the list, a new one, one with its reviews, a review, closing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.integration import access, selectors, services
from fragola.integration.forms import CloseForm, ProjectForm, ReviewForm
from fragola.integration.models import ProjectStatus
from fragola.integration.views.common import today
from fragola.registry.models import Organisation, Role, RoleName
from fragola.workforce.selectors import employments_on


@login_required
def project_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    status = request.GET.get("status", "")
    organisation, projects = selectors.project_list(
        user=request.user,
        organisation_id=organisation_id,
        purpose="integration projects page",
        status=status,
    )
    context = page_context(request, organisation, "projects")
    context.update(projects=projects, status=status, statuses=ProjectStatus.choices)
    return render(request, "integration/project_list.html", context)


def _detail(
    request: AuthedRequest,
    organisation_id: int,
    project_id: int,
    review_form: ReviewForm | None = None,
    close_form: CloseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    project = selectors.project_get(
        user=request.user,
        organisation_id=organisation_id,
        project_id=project_id,
        purpose="integration project page",
    )
    context = page_context(request, project.organisation, "projects")
    context.update(
        project=project,
        review_form=review_form or ReviewForm(initial={"scheduled_on": today()}),
        close_form=close_form or CloseForm(initial={"ended_on": today()}),
    )
    return render(request, "integration/project_detail.html", context, status=status)


@login_required
def project_detail(request: AuthedRequest, organisation_id: int, project_id: int) -> HttpResponse:
    return _detail(request, organisation_id, project_id)


@login_required
@require_POST
def review_add(request: AuthedRequest, organisation_id: int, project_id: int) -> HttpResponse:
    project = selectors.project_get(
        user=request.user,
        organisation_id=organisation_id,
        project_id=project_id,
        purpose="integration project review",
    )
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_record(project=project, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Review recorded."))
            return redirect("integration:project_detail", organisation_id, project_id)
    return _detail(request, organisation_id, project_id, review_form=form, status=422)


@login_required
@require_POST
def project_close(request: AuthedRequest, organisation_id: int, project_id: int) -> HttpResponse:
    project = selectors.project_get(
        user=request.user,
        organisation_id=organisation_id,
        project_id=project_id,
        purpose="integration project close",
    )
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            actor = request.user if isinstance(request.user, AbstractBaseUser) else None
            services.project_close(project=project, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Project closed."))
            return redirect("integration:project_detail", organisation_id, project_id)
    return _detail(request, organisation_id, project_id, close_form=form, status=422)


def _choices(organisation: Organisation) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    employments = [
        (e.pk, f"{e.person.display_name} · {e.started_on:%d/%m/%Y}")
        for e in employments_on(organisation, today())
    ]
    roles = Role.objects.filter(organisation=organisation, name=RoleName.TUTOR).select_related(
        "user"
    )
    tutors = [(r.user_id, r.user.get_full_name() or r.user.username) for r in roles]
    return employments, tutors


@login_required
def project_new(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access.access_personal(request.user, organisation_id)
    employments, tutors = _choices(organisation)
    form = ProjectForm(
        request.POST or None,
        employments=employments,
        tutors=tutors,
        initial={"started_on": today(), "tutor": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        employment = employments_on(organisation, None).get(pk=data.pop("employment"))
        try:
            project = services.project_start(
                organisation=organisation,
                person=employment.person,
                data=services.ProjectData(
                    employment=employment, tutor_id=data.pop("tutor"), **data
                ),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Project started."))
            return redirect("integration:project_detail", organisation_id, project.pk)
    context = page_context(request, organisation, "projects")
    context["form"] = form
    return render(request, "integration/project_new.html", context)
