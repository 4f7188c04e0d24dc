"""The page where an administrator decides who may log in to the organisation, and as what."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.core.access import Perm, access_organisation
from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.registry.forms import RoleGrantForm
from fragola.registry.models import Role
from fragola.registry.roles import role_grant, role_list, role_revoke


@login_required
def roles(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.MANAGE_ROLES)
    form = RoleGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            role_grant(
                organisation=organisation,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                name=data["role"],
                request=request,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Role granted to %(email)s.") % {"email": data["email"]})
            return redirect("roles", organisation.pk)
    context = page_context(request, organisation)
    context.update(form=form, roles=role_list(organisation))
    return render(request, "registry/roles.html", context)


@login_required
@require_POST
def role_remove(request: AuthedRequest, organisation_id: int, role_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.MANAGE_ROLES)
    role = Role.objects.filter(pk=role_id, organisation=organisation).select_related("user").first()
    if role is None:
        raise Http404("No such role")
    try:
        role_revoke(role=role)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Role removed."))
    return redirect("roles", organisation.pk)
