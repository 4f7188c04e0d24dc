"""Job sites and teams: who works where, the disadvantaged share on each team, hours."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fragola.integration.views.common import org_context, today
from fragola.integration.work import team_list


@login_required
def site_list(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation, rows = team_list(
        user=request.user, organisation_id=organisation_id, day=today(), purpose="job sites page"
    )
    context = org_context(request, organisation, "sites")
    context["rows"] = rows
    return render(request, "integration/sites.html", context)
