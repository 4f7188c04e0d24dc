"""The convention wizard (L. 381 art. 5): check the requirements, then record the convention."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.integration import access
from fragola.integration.forms import ConventionForm
from fragola.integration.models import Convention
from fragola.integration.services.conventions import (
    ConventionData,
    convention_check,
    convention_record,
)
from fragola.integration.views.common import today
from fragola.integration.wording import criterion_explain


def _data(form: ConventionForm) -> ConventionData:
    data = form.cleaned_data
    return ConventionData(
        public_body=data["public_body"],
        object_kind=data["object_kind"],
        value_net_of_vat=data["value_net_of_vat"],
        checked_on=data["checked_on"],
        description=data["description"],
        job_plan=data["job_plan"],
        job_plan_summary=data["job_plan_summary"],
        notice_reference=data["notice_reference"],
        invitees=data["invitees"],
        scoring=data["scoring"],
    )


@login_required
def convention_wizard(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    """GET: the form. POST "check": the criteria. POST "save": record it if every one passes."""
    organisation = access.access_aggregates(request.user, organisation_id)
    context = page_context(request, organisation, "conventions")
    form = ConventionForm(request.POST or None, request.FILES or None,
                          initial={"checked_on": today()})  # fmt: skip
    result = None
    if request.method == "POST" and form.is_valid():
        data = _data(form)
        try:
            result = convention_check(organisation=organisation, data=data)
            if "save" in request.POST and context["can_read_disadvantage"]:
                convention_record(organisation=organisation, data=data)
                messages.success(request, _("Convention recorded."))
                return redirect("integration:convention_wizard", organisation_id)
        except ValidationError as error:
            attach_errors(form, error)
    context.update(
        form=form,
        result=result,
        criteria=[(c, criterion_explain(c)) for c in result.criteria] if result else [],
        conventions=Convention.objects.filter(organisation=organisation).order_by("-checked_on"),
    )
    return render(request, "integration/conventions.html", context)
