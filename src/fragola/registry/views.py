"""Registry pages: thin views that check access, call one service or selector, and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.core.access import Perm, access_organisation, organisation_list_for
from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.registry import selectors, services
from fragola.registry.access import access_membership, roles_in
from fragola.registry.forms import (
    AdmitForm,
    ApplicationForm,
    BookFilterForm,
    ExitForm,
    OrganisationForm,
    ShareMovementForm,
)
from fragola.registry.models import (
    Comune,
    MemberCategory,
    Membership,
    Role,
    RoleName,
)

BOOK_PAGE_SIZE = 50


# Where people whose only role is a field role land: the page they use every day.
FIELD_LANDINGS: dict[str, str] = {
    RoleName.CARER: "care_me_today",
    RoleName.VOLUNTEER: "care_volunteer",
}


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    organisations = list(organisation_list_for(request.user))
    roles = set(Role.objects.filter(user=request.user).values_list("name", flat=True))
    if not organisations and RoleName.FAMILY in roles:
        return redirect("family_home")
    if len(organisations) == 1:
        landing = FIELD_LANDINGS.get(roles.pop()) if len(roles) == 1 else None
        if landing == "care_me_today":
            return redirect(landing)
        if landing is not None:
            return redirect(landing, organisations[0].pk)
        return redirect("organisation_detail", organisations[0].pk)
    return render(request, "registry/home.html", {"organisations": organisations})


COMUNE_SUGGESTIONS = 20


@login_required
def comune_options(request: AuthedRequest) -> HttpResponse:
    """Datalist options for the comune box: by ISTAT code, or by the start of the name."""
    # htmx sends the box's own value under the field's name.
    term = (request.GET.get("q") or request.GET.get(request.GET.get("field", ""), "")).strip()
    comuni = Comune.objects.select_related("province")
    if term.isdigit():
        comuni = comuni.filter(istat_code__startswith=term)
    elif len(term) >= 2:
        comuni = comuni.filter(name__istartswith=term)
    else:
        comuni = comuni.none()
    return render(
        request, "registry/widgets/comune_options.html", {"comuni": comuni[:COMUNE_SUGGESTIONS]}
    )


@login_required
def organisation_detail(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_ORGANISATION)
    today = timezone.localdate()
    my_roles = [RoleName(name).label for name in roles_in(request.user, organisation)]
    context = page_context(request, organisation, my_roles=my_roles)
    counts = selectors.category_counts(organisation, today)
    labels = dict(MemberCategory.choices)
    context.update(
        counts={labels[category]: n for category, n in counts.items()},
        total_members=sum(counts.values()),
        consortia=selectors.consortia_of(organisation, today),
        member_coops=(
            selectors.consortium_members(organisation, today)
            if organisation.is_consortium
            else None
        ),
        comuni_served=organisation.comuni_served.select_related("province"),
        incubated=organisation.incubated.all(),
    )
    return render(request, "registry/organisation_detail.html", context)


@login_required
def organisation_edit(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_ORGANISATION)
    form = OrganisationForm(
        request.POST or None, initial=OrganisationForm.initial_for(organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation,
                data=services.OrganisationData(
                    **form.cleaned_data, incubated_by=organisation.incubated_by
                ),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Organisation details saved."))
            return redirect("organisation_detail", organisation.pk)
    context = page_context(request, organisation)
    context["form"] = form
    return render(request, "registry/organisation_edit.html", context)


@login_required
def member_book(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    filter_form = BookFilterForm(request.GET or None)
    filters = selectors.BookFilter()
    if filter_form.is_valid():
        data = filter_form.cleaned_data
        filters = selectors.BookFilter(
            as_of=data["as_of"], category=data["category"], status=data["status"], search=data["q"]
        )
    organisation, rows = selectors.member_list(
        user=request.user, organisation_id=organisation_id, filters=filters
    )
    page = Paginator(rows, BOOK_PAGE_SIZE).get_page(request.GET.get("page"))
    context = page_context(request, organisation)
    context.update(
        page=page, filter_form=filter_form, filters=filters, query=_query_without_page(request)
    )
    template = "registry/book.html#book-table" if request.htmx else "registry/book.html"
    return render(request, template, context)


def _query_without_page(request: AuthedRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def member_apply(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                person = services.person_upsert(
                    organisation=organisation,
                    data=services.PersonData(
                        kind=data["kind"],
                        fiscal_code=data["fiscal_code"],
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        legal_name=data["legal_name"],
                        birth_date=data["birth_date"],
                        sex=data["sex"],
                        comune=data["comune"],
                        email=data["email"],
                        phone=data["phone"],
                    ),
                )
                membership = services.membership_apply(
                    organisation=organisation,
                    person=person,
                    category=data["category"],
                    applied_on=data["applied_on"],
                    shares_subscribed=data["shares_subscribed"],
                )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Application recorded for %(name)s.") % {"name": person})
            return redirect("member_detail", organisation.pk, membership.pk)
    context = page_context(request, organisation)
    context["form"] = form
    return render(request, "registry/member_apply.html", context)


def _member_context(request: AuthedRequest, membership: Membership) -> dict[str, Any]:
    context = page_context(request, membership.organisation)
    history_model = Membership.history.model
    context.update(
        membership=membership,
        capital=membership.capital_on(),
        movements=membership.share_movements.all(),
        history=history_model.objects.filter(id=membership.pk)
        .select_related("history_user", "person")
        .order_by("-history_date", "-history_id"),
    )
    return context


@login_required
def member_detail(request: AuthedRequest, organisation_id: int, membership_id: int) -> HttpResponse:
    membership = access_membership(request.user, membership_id, Perm.VIEW_BOOK)
    if membership.organisation_id != organisation_id:
        return redirect("member_detail", membership.organisation_id, membership.pk)
    context = _member_context(request, membership)
    context.update(admit_form=AdmitForm(), exit_form=ExitForm(), share_form=ShareMovementForm())
    return render(request, "registry/member_detail.html", context)


def _member_action(
    request: AuthedRequest, membership_id: int, form_class: type[Form], form_name: str, action: Any
) -> HttpResponse:
    membership = access_membership(request.user, membership_id, Perm.CHANGE_BOOK)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(membership, form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return redirect("member_detail", membership.organisation_id, membership.pk)
    context = _member_context(request, membership)
    context.update(admit_form=AdmitForm(), exit_form=ExitForm(), share_form=ShareMovementForm())
    context[form_name] = form
    return render(request, "registry/member_detail.html", context, status=422)


@login_required
@require_POST
def member_admit(request: AuthedRequest, organisation_id: int, membership_id: int) -> HttpResponse:
    def admit(membership: Membership, data: dict[str, Any]) -> None:
        services.membership_admit(
            membership=membership,
            admitted_on=data["admitted_on"],
            member_number=data["member_number"],
            actor=request.user,
            override_reason=data["override_reason"],
        )
        messages.success(request, _("Member admitted to the book."))

    return _member_action(request, membership_id, AdmitForm, "admit_form", admit)


@login_required
@require_POST
def member_exit(request: AuthedRequest, organisation_id: int, membership_id: int) -> HttpResponse:
    def leave(membership: Membership, data: dict[str, Any]) -> None:
        services.membership_exit(
            membership=membership,
            exited_on=data["exited_on"],
            reason=data["exit_reason"],
            notes=data["notes"],
            actor=request.user,
            override_reason=data["override_reason"],
        )
        messages.success(request, _("Exit recorded."))

    return _member_action(request, membership_id, ExitForm, "exit_form", leave)


@login_required
@require_POST
def member_share(request: AuthedRequest, organisation_id: int, membership_id: int) -> HttpResponse:
    def record(membership: Membership, data: dict[str, Any]) -> None:
        services.share_movement_record(
            membership=membership,
            kind=data["kind"],
            amount=data["amount"],
            date=data["date"],
            note=data["note"],
        )
        messages.success(request, _("Share capital movement recorded."))

    return _member_action(request, membership_id, ShareMovementForm, "share_form", record)


@login_required
def book_history(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_BOOK)
    page = Paginator(selectors.book_history(organisation), BOOK_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = page_context(request, organisation)
    context["page"] = page
    return render(request, "registry/book_history.html", context)
