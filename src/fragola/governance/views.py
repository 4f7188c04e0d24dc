"""The governance page of a co-operative: board of directors and assemblies."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.core.access import Perm, access_organisation
from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.governance import selectors, services
from fragola.governance.forms import AssemblyForm, BoardSeatEndForm, BoardSeatForm
from fragola.governance.models import Assembly, BoardSeat
from fragola.registry.models import MemberCategory, Organisation, Person

# The services name the model's fields; the forms name some of them differently.
FORM_FIELDS = {"person": "fiscal_code"}


def _category_label(category: str | None) -> str | None:
    return str(MemberCategory(category).label) if category else None


def _page(
    request: AuthedRequest,
    organisation: Organisation,
    *,
    seat_form: BoardSeatForm | None = None,
    assembly_form: AssemblyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    seats = list(selectors.board_on(organisation, today))
    categories = selectors.member_categories_on(organisation, [s.person_id for s in seats], today)
    board = [(seat, _category_label(categories.get(seat.person_id))) for seat in seats]
    upcoming_rows = list(selectors.upcoming_assemblies(organisation, today))
    past_rows = list(selectors.past_assemblies(organisation, today))
    voters = selectors.voters_counts([*upcoming_rows, *past_rows])
    upcoming = [(a, voters[a.pk]) for a in upcoming_rows]
    past = [(a, voters[a.pk]) for a in past_rows]
    context: dict[str, Any] = {
        **page_context(request, organisation),
        "today": today,
        "board": board,
        "upcoming": upcoming,
        "past": past,
        "min_days": selectors.min_days_on_book(today),
        "seat_form": seat_form or BoardSeatForm(initial={"started_on": today}),
        "end_form": BoardSeatEndForm(initial={"ended_on": today}),
        "assembly_form": assembly_form or AssemblyForm(),
    }
    return render(request, "governance/home.html", context, status=status)


@login_required
def governance_home(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_BOOK)
    return _page(request, organisation)


@login_required
@require_POST
def board_seat_add(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    form = BoardSeatForm(request.POST)
    if form.is_valid():
        person = Person.objects.filter(
            organisation=organisation, fiscal_code=form.cleaned_data["fiscal_code"]
        ).first()
        if person is None:
            form.add_error("fiscal_code", _("No person of this co-operative has this fiscal code."))
        else:
            try:
                services.board_seat_add(
                    organisation=organisation,
                    person=person,
                    role=form.cleaned_data["role"],
                    started_on=form.cleaned_data["started_on"],
                )
            except ValidationError as exc:
                attach_errors(form, exc, FORM_FIELDS)
            else:
                messages.success(request, _("Board seat added."))
                return redirect("governance:home", organisation.pk)
    return _page(request, organisation, seat_form=form, status=400)


@login_required
@require_POST
def board_seat_end(request: AuthedRequest, organisation_id: int, seat_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    seat = BoardSeat.objects.filter(organisation=organisation, pk=seat_id).first()
    if seat is None:
        raise Http404("No such seat")
    form = BoardSeatEndForm(request.POST)
    if form.is_valid():
        try:
            services.board_seat_end(seat=seat, ended_on=form.cleaned_data["ended_on"])
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(request, _("Board seat ended."))
    else:
        messages.error(request, _("Give a valid end date."))
    return redirect("governance:home", organisation.pk)


@login_required
@require_POST
def assembly_schedule(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    form = AssemblyForm(request.POST)
    if form.is_valid():
        try:
            services.assembly_schedule(organisation=organisation, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc, FORM_FIELDS)
        else:
            messages.success(request, _("Assembly scheduled."))
            return redirect("governance:home", organisation.pk)
    return _page(request, organisation, assembly_form=form, status=400)


@login_required
def assembly_voters(request: AuthedRequest, organisation_id: int, assembly_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_BOOK)
    assembly = Assembly.objects.filter(organisation=organisation, pk=assembly_id).first()
    if assembly is None:
        raise Http404("No such assembly")
    voters = list(selectors.voters_for(assembly))
    context = {
        **page_context(request, organisation),
        "assembly": assembly,
        "voters": voters,
        "min_days": selectors.min_days_on_book(assembly.held_on),
    }
    return render(request, "governance/voters.html", context)
