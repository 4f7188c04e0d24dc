"""An assembly's page: convening it, attendance and proxies, the quorum of each call, the
minutes as a PDF. Reading needs the members' book; changing it, the right to change the book."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.core.access import Perm, access_organisation
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.governance.forms import ConveneForm
from fragola.governance.minutes import minutes_pdf
from fragola.governance.models import Assembly, AssemblyVoter, Attendance
from fragola.governance.services import assemblies as services
from fragola.registry.models import Organisation


def _assembly(organisation: Organisation, assembly_id: int) -> Assembly:
    assembly = Assembly.objects.filter(organisation=organisation, pk=assembly_id).first()
    if assembly is None:
        raise Http404("No such assembly")
    return assembly


def _voters(assembly: Assembly) -> list[AssemblyVoter]:
    return list(
        AssemblyVoter.objects.filter(assembly=assembly).select_related(
            "membership__person", "delegate__membership__person"
        )
    )


def _page(
    request: AuthedRequest, organisation: Organisation, assembly: Assembly,
    form: ConveneForm | None = None, status: int = 200,
) -> HttpResponse:  # fmt: skip
    voters = _voters(assembly)
    context: dict[str, Any] = {
        **page_context(request, organisation, "governance"),
        "assembly": assembly,
        "voters": voters,
        "attending": [v for v in voters if v.attendance in (Attendance.IN_PERSON, "remote")],
        "attendance_choices": Attendance.choices,
        "quorums": [services.assembly_quorum(assembly, call) for call in (1, 2)]
        if assembly.convened_on
        else [],
        "form": form or ConveneForm(),
    }
    return render(request, "governance/assembly.html", context, status=status)


@login_required
def assembly_detail(request: AuthedRequest, organisation_id: int, assembly_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_BOOK)
    return _page(request, organisation, _assembly(organisation, assembly_id))


@login_required
@require_POST
def assembly_convene(
    request: AuthedRequest, organisation_id: int, assembly_id: int
) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    assembly = _assembly(organisation, assembly_id)
    form = ConveneForm(request.POST)
    if form.is_valid():
        try:
            services.assembly_convene(assembly=assembly, data=form.convening())
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(request, _("Assembly convened: its electorate is frozen."))
            return redirect("governance:assembly", organisation.pk, assembly.pk)
    return _page(request, organisation, assembly, form, status=400)


@login_required
@require_POST
def attendance(
    request: AuthedRequest, organisation_id: int, assembly_id: int, voter_id: int
) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    assembly = _assembly(organisation, assembly_id)
    voter = AssemblyVoter.objects.filter(assembly=assembly, pk=voter_id).first()
    if voter is None:
        raise Http404("No such voter")
    mode = request.POST.get("attendance", "")
    try:
        if mode == Attendance.PROXY:
            delegate_id = request.POST.get("delegate", "")
            delegate = AssemblyVoter.objects.filter(
                assembly=assembly, pk=int(delegate_id) if delegate_id.isdigit() else 0
            ).first()
            if delegate is None:
                raise ValidationError({"delegate": services.ERR_PROXY_NOT_VOTER})
            services.proxy_give(voter=voter, delegate=delegate)
        else:
            services.attendance_record(voter=voter, attendance=mode)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    return redirect("governance:assembly", organisation.pk, assembly.pk)


@login_required
def minutes(request: AuthedRequest, organisation_id: int, assembly_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_BOOK)
    assembly = _assembly(organisation, assembly_id)
    quorums = [services.assembly_quorum(assembly, call) for call in (1, 2)]
    pdf = minutes_pdf(assembly=assembly, voters=_voters(assembly), quorums=quorums)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"verbale-{assembly.held_on:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
