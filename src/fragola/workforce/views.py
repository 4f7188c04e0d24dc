"""Workforce pages: the workers of a co-op, their export, and certificate documents.

Disadvantage columns appear only for the co-op's admin and tutor; each read is logged by the
selectors. Everyone else who may see the members' book sees the workers without them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from fragola.core.exports import as_text, table_response
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.workforce import selectors
from fragola.workforce.models import Employment

EXPORT_COLUMNS = (
    "fiscal_code",
    "first_name",
    "last_name",
    "branch",
    "contract",
    "started_on",
    "ended_on",
    "weekly_hours",
)
PERSONAL_COLUMNS = (
    "disadvantaged_category",
    "certified_by",
    "certified_on",
    "certificate_expires_on",
)


def _context(request: AuthedRequest, organisation_id: int, purpose: str) -> dict[str, Any]:
    show_all = request.GET.get("all") == "1"
    day = None if show_all else timezone.localdate()
    organisation, rows, personal = selectors.worker_list(
        user=request.user, organisation_id=organisation_id, day=day, purpose=purpose
    )
    extra = {"rows": rows, "personal": personal, "show_all": show_all}
    return page_context(request, organisation, "workers", **extra)


@login_required
def worker_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    context = _context(request, organisation_id, "worker list page")
    return render(request, "workforce/worker_list.html", context)


def _row(employment: Employment) -> dict[str, object]:
    person = employment.person
    return {
        "fiscal_code": person.fiscal_code,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "branch": employment.branch,
        "contract": employment.contract,
        "started_on": employment.started_on.isoformat(),
        "ended_on": employment.ended_on.isoformat() if employment.ended_on else "",
        "weekly_hours": str(employment.weekly_hours or ""),
    }


def _personal(row: selectors.WorkerRow) -> dict[str, object]:
    last = row.certificates[-1] if row.certificates else None
    return {
        "disadvantaged_category": last.category if last else "",
        "certified_by": last.certified_by if last else "",
        "certified_on": last.issued_on.isoformat() if last else "",
        "certificate_expires_on": last.expires_on.isoformat() if last and last.expires_on else "",
    }


@login_required
def worker_export(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    """The workers as a CSV that imports back (``fragola import workers``)."""
    context = _context(request, organisation_id, "worker export (CSV)")
    columns = EXPORT_COLUMNS + (PERSONAL_COLUMNS if context["personal"] else ())
    lines = []
    for row in context["rows"]:
        data = _row(row.employment)
        if context["personal"]:
            data.update(_personal(row))
        lines.append(as_text(data.get(column) for column in columns))
    name = f"workers-{context['organisation'].fiscal_code}.csv"
    return table_response(name, columns, lines, bom=False)


@login_required
def worker_api(request: AuthedRequest, organisation_id: int) -> JsonResponse:
    """JSON for integrations: same rules as the page (disadvantage only for admin and tutor)."""
    context = _context(request, organisation_id, "worker list (API)")
    workers = []
    for row in context["rows"]:
        data = _row(row.employment)
        if context["personal"]:
            data.update(_personal(row))
        workers.append(data)
    return JsonResponse({"organisation": context["organisation"].fiscal_code, "workers": workers})


@login_required
def certificate_document(
    request: AuthedRequest, organisation_id: int, certificate_id: int
) -> FileResponse:
    certificate = selectors.certificate_get(
        user=request.user,
        organisation_id=organisation_id,
        certificate_id=certificate_id,
        purpose="certificate document download",
    )
    if not certificate.document:
        raise Http404("No document")
    return FileResponse(certificate.document.open("rb"), as_attachment=True)
