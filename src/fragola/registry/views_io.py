"""Import and export pages: thin views that check access, call the importer or exporter, render.

An import is two steps: the upload runs a dry run and shows its report; the confirmation runs
the real import of the same file, kept meanwhile under MEDIA_ROOT (see ``core.importing.uploads``).
The members' book is imported by a background job whose page shows a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.core.access import Perm, access_organisation, has_perm
from fragola.core.exports import attachment
from fragola.core.http import AuthedRequest
from fragola.core.importing.uploads import upload_discard, upload_load, upload_save
from fragola.core.pages import page_context
from fragola.registry import selectors
from fragola.registry.exporting import FORMATS, export_book
from fragola.registry.forms import BookFilterForm
from fragola.registry.forms_io import MAX_UPLOAD_BYTES, ImportUploadForm
from fragola.registry.importing import CoopScope, ImportResult, import_coops, import_members
from fragola.registry.importing.jobs import jobs_recover
from fragola.registry.importing.models import ImportJob, ImportKind, ImportStatus
from fragola.registry.importing.samples import KINDS, SAMPLE_FORMATS, sample_file
from fragola.registry.importing.tasks import import_job_enqueue
from fragola.registry.models import Organisation

Importer = Callable[[Organisation, bytes, str, bool], ImportResult]


def _import_members(
    organisation: Organisation, content: bytes, name: str, dry: bool
) -> ImportResult:
    """The upload's check: a dry run, which plans in memory and writes nothing."""
    return import_members(organisation=organisation, content=content, filename=name, dry_run=dry)


def _coop_importer(request: AuthedRequest) -> Importer:
    def run(organisation: Organisation, content: bytes, name: str, dry: bool) -> ImportResult:
        scope = CoopScope(
            consortium=organisation,
            may_change=lambda other: has_perm(request.user, other, Perm.CHANGE_ORGANISATION),
        )
        return import_coops(content=content, filename=name, dry_run=dry, scope=scope)

    return run


# Each import page: the permission it needs, its template, the template kind, where it ends.
PAGES: dict[str, dict[str, Any]] = {
    "members": {
        "perm": Perm.CHANGE_BOOK,
        "template": "registry/import_members.html",
        "confirm": "member_import_confirm",
        "done": "member_book",
    },
    "coops": {
        "perm": Perm.IMPORT_COOPS,
        "template": "registry/import_coops.html",
        "confirm": "coop_import_confirm",
        "done": "organisation_detail",
    },
}


def _session_key(kind: str, organisation: Organisation) -> str:
    return f"fragola-import-{kind}-{organisation.pk}"


def _render(
    request: AuthedRequest,
    kind: str,
    organisation: Organisation,
    form: ImportUploadForm,
    result: ImportResult | None = None,
    file_name: str = "",
    status: int = 200,
) -> HttpResponse:
    context = page_context(request, organisation)
    context.update(
        form=form,
        result=result,
        errors=result.sorted_errors() if result else [],
        file_name=file_name,
        confirm_url=PAGES[kind]["confirm"],
        kind=kind,
        max_upload=MAX_UPLOAD_BYTES,
    )
    return render(request, PAGES[kind]["template"], context, status=status)


def _upload_step(
    request: AuthedRequest, kind: str, organisation: Organisation, run: Importer
) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _render(request, kind, organisation, form)
    if not form.is_valid():
        return _render(request, kind, organisation, form, status=422)
    upload = form.cleaned_data["file"]
    content, name = upload.read(), upload.name or ""
    result = run(organisation, content, name, True)
    if result.ok:
        token = upload_save(content=content)
        request.session[_session_key(kind, organisation)] = {"token": token, "name": name}
    return _render(
        request, kind, organisation, ImportUploadForm(), result, name, 200 if result.ok else 422
    )


def _confirm_step(
    request: AuthedRequest, kind: str, organisation: Organisation, run: Importer
) -> HttpResponse:
    kept = request.session.pop(_session_key(kind, organisation), None) or {}
    content = upload_load(str(kept.get("token", "")))
    if content is None:
        messages.warning(request, _("The uploaded file has expired: upload it again."))
        return redirect(request.path.removesuffix("confirm/"))
    upload_discard(kept["token"])
    result = run(organisation, content, str(kept.get("name", "")), False)
    if not result.ok:
        return _render(request, kind, organisation, ImportUploadForm(), result, kept["name"], 422)
    messages.success(request, _import_summary(result))
    return redirect(PAGES[kind]["done"], organisation.pk)


def _import_summary(result: ImportResult) -> str:
    return _("Import done: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


@login_required
def member_import(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    return _upload_step(request, "members", organisation, _import_members)


@login_required
@require_POST
def member_import_confirm(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    """Queue the checked file as a background import and show its progress."""
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    kept = request.session.pop(_session_key("members", organisation), None) or {}
    token = str(kept.get("token", ""))
    if upload_load(token) is None:
        messages.warning(request, _("The uploaded file has expired: upload it again."))
        return redirect("member_import", organisation.pk)
    job = ImportJob.objects.create(
        organisation=organisation,
        kind=ImportKind.MEMBERS,
        filename=str(kept.get("name", ""))[:255],
        upload_token=token,
        created_by=request.user,
    )
    import_job_enqueue(job)
    return redirect("member_import_job", organisation.pk, job.pk)


def _access_job(request: AuthedRequest, organisation_id: int, job_id: int) -> ImportJob:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    job = ImportJob.objects.filter(organisation=organisation, pk=job_id).first()
    if job is None:
        raise Http404("No such import")
    return job


@login_required
def member_import_job(request: AuthedRequest, organisation_id: int, job_id: int) -> HttpResponse:
    """The import's progress bar (polled by htmx), then its outcome and the past breaches."""
    job = _access_job(request, organisation_id, job_id)
    if not job.finished:
        jobs_recover()
        job.refresh_from_db()
    result = ImportResult.from_json(job.report) if job.report else None
    context = page_context(request, job.organisation)
    context.update(
        job=job,
        result=result,
        errors=result.sorted_errors() if result else [],
        summary=_import_summary(result) if result and job.status == ImportStatus.DONE else "",
    )
    template = "registry/import_job.html"
    if request.htmx and not job.finished:
        template += "#progress"
    response = render(request, template, context)
    if request.htmx and job.finished:
        response["HX-Refresh"] = "true"
    return response


@login_required
def coop_import(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.IMPORT_COOPS)
    return _upload_step(request, "coops", organisation, _coop_importer(request))


@login_required
@require_POST
def coop_import_confirm(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.IMPORT_COOPS)
    return _confirm_step(request, "coops", organisation, _coop_importer(request))


def _book_filter(request: AuthedRequest) -> selectors.BookFilter:
    form = BookFilterForm(request.GET or None)
    if not form.is_valid():
        return selectors.BookFilter()
    data = form.cleaned_data
    return selectors.BookFilter(
        as_of=data["as_of"], category=data["category"], status=data["status"], search=data["q"]
    )


@login_required
def member_export(request: AuthedRequest, organisation_id: int, file_format: str) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_BOOK)
    if file_format not in FORMATS:
        raise Http404("No such format")
    export = export_book(
        organisation=organisation, filters=_book_filter(request), file_format=file_format
    )
    return attachment(export.content, export.content_type, export.filename)


@login_required
def import_template(request: AuthedRequest, kind: str, file_format: str) -> HttpResponse:
    if kind not in KINDS or file_format not in SAMPLE_FORMATS:
        raise Http404("No such template")
    name, content_type, content = sample_file(kind, file_format)
    return attachment(content, content_type, name)
