"""Coordinator pages for carers: workers and volunteers, qualifications, absences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.care import selectors, services
from fragola.care.access import CarePerm, access_care
from fragola.care.forms import AbsenceForm, CarerForm
from fragola.care.models import Carer, Qualification
from fragola.care.views.visits import SENTINEL
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
    carers = list(selectors.carer_list(organisation=organisation))
    context.update(carers=carers, form=form)
    # One absence form under each carer: rendered once, not once per row.
    context["absence_fields"] = render_to_string(
        "care/carers.html#absence-fields", {"absence_form": AbsenceForm()}
    )
    rows = CarerRows(organisation_id, get_token(request), context["absence_fields"])
    context["carer_rows"] = mark_safe("".join(rows.row(c) for c in carers))  # noqa: S308
    return render(request, "care/carers.html", context)


class CarerRows:
    """The rows of the carers table, written here with the markup the template had (the
    co-op's every carer, each with an absence form: cell by cell in the template engine they
    were most of the page's time). Values are formatted as the template's filters did."""

    def __init__(self, organisation_id: int, csrf_token: str, absence_fields: str) -> None:
        before, after = reverse("care_absence_add", args=[organisation_id, SENTINEL]).split(
            str(SENTINEL)
        )
        self.url = (before, after)
        self.csrf = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token
        )
        self.absence_fields = conditional_escape(absence_fields)
        # As {% translate %} and _("...") in the template wrote them: not escaped.
        self.until, self.not_insured = _("until"), _("not insured")
        self.record, self.save = _("Record an absence"), _("Save")

    def row(self, c: Carer) -> str:
        comune = (
            f'<div class="small text-muted">{escape(c.home_comune.name)}</div>'
            if c.home_comune
            else ""
        )
        hours = escape(formats.localize(c.weekly_hours)) if c.weekly_hours else "—"
        qualifications = [
            escape(q.get_kind_display())
            + (
                f" ({self.until} {escape(formats.date_format(q.expires_on, 'SHORT_DATE_FORMAT'))})"
                if q.expires_on
                else ""
            )
            for q in c.qualifications.all()
        ]
        if c.is_volunteer:
            insured = (
                escape(formats.date_format(c.insured_until, "SHORT_DATE_FORMAT"))
                if c.insured_until
                else self.not_insured
            )
        else:
            insured = "—"
        absences = "".join(
            f"{escape(a.get_kind_display())} {escape(formats.date_format(a.starts_on, 'd/m'))}"
            f"\u2013{escape(formats.date_format(a.ends_on, 'd/m'))}<br>"
            for a in c.absences.all()
        )
        url = f"{self.url[0]}{c.pk}{self.url[1]}"
        return (
            f"\n    <tr><td>{escape(c.person.display_name)}{comune}</td>"
            f"<td>{escape(c.get_kind_display())}</td><td>{hours}</td>\n"
            f'    <td class="small">{", ".join(qualifications) or "—"}</td>\n'
            f"    <td>{insured}</td>\n"
            f'    <td class="small">{absences}\n'
            f"      <details><summary>{self.record}</summary>\n"
            f'      <form method="post" action="{url}">{self.csrf}{self.absence_fields}'
            f'<button class="btn btn-sm btn-outline-secondary">{self.save}</button></form>'
            f"</details></td></tr>\n  "
        )


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
