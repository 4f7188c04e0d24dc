"""The life of an import's status row: queued, running (with progress), done or failed.

A web import is a background job (``importing.tasks``) that the upload page polls; a command
runs the same steps in its own process. Either way the row tells the truth: a failure undoes
what the import wrote (from its journal, see ``importing.bulk``) before the row says "failed",
and a worker killed mid-import leaves a "running" row whose heartbeat stops; ``jobs_recover``
undoes such an import and marks it failed with the reason.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.core.importing.result import ImportResult
from fragola.core.importing.uploads import upload_discard, upload_save
from fragola.core.operations.stale import reap_stale
from fragola.registry.importing.bulk import journal_undo
from fragola.registry.importing.models import ImportJob, ImportKind, ImportStatus
from fragola.registry.models import Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

# A running import beats at every batch (well under a second apart); one silent this long has
# lost its worker.
STALE_AFTER = dt.timedelta(minutes=2)

ERR_INTERRUPTED = _(
    "The import was interrupted (its worker stopped): nothing of it was kept. Start it again."
)
ERR_FAILED = _("The import failed and nothing of it was kept: %(reason)s")
ERR_BUSY = _("Another import of this co-operative is running: wait for it to end.")
ERR_FILE_GONE = _("The uploaded file is no longer available: upload it again.")


def job_create(
    *,
    organisation: Organisation,
    kind: ImportKind,
    filename: str,
    content: bytes | None = None,
    user: User | None = None,
    source: str = "",
) -> ImportJob:
    """A queued import; ``content`` is kept under MEDIA_ROOT until the job has read it."""
    token = upload_save(content=content) if content is not None else ""
    return ImportJob.objects.create(
        organisation=organisation,
        kind=kind,
        filename=filename[:255],
        upload_token=token,
        created_by=user,
        source=source[:60],
    )


def job_author_tag(job: ImportJob) -> str:
    """The change reason on the history rows: the journal key and, for a command, its name."""
    return f"{job.journal_tag} · {job.source}"[:100] if job.source else job.journal_tag


def job_start(job: ImportJob) -> bool:
    """Claim the queued job (once, even with several workers); False if it cannot run now."""
    jobs_recover()
    now = timezone.now()
    with transaction.atomic():
        busy = ImportJob.objects.filter(
            organisation_id=job.organisation_id, status=ImportStatus.RUNNING
        ).exclude(pk=job.pk)
        if busy.exists():
            job_fail(job, str(ERR_BUSY), undo=False)
            return False
        claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.QUEUED).update(
            status=ImportStatus.RUNNING, started_at=now, heartbeat_at=now, progress=0
        )
    job.refresh_from_db()
    return bool(claimed)


class JobAbandoned(Exception):
    """The job's row no longer says running (it was declared dead): stop writing at once."""


def job_progress(job: ImportJob, percent: int) -> None:
    """Record progress (and that the worker is alive) in its own short write."""
    percent = max(0, min(99, percent))
    alive = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.RUNNING).update(
        progress=percent, heartbeat_at=timezone.now()
    )
    if not alive:
        raise JobAbandoned(job.pk)
    job.progress = percent


def job_finish(job: ImportJob, result: ImportResult) -> None:
    status = ImportStatus.DONE if result.ok else ImportStatus.FAILED
    reason = "" if result.ok else "; ".join(str(e) for e in result.sorted_errors()[:20])
    _close(job, status=status, reason=reason, report=result.to_json())


def job_fail(job: ImportJob, reason: str, *, undo: bool = True) -> None:
    """Mark the job failed with ``reason``, first undoing whatever it wrote."""
    if undo:
        journal_undo(job_author_tag(job))
    _close(job, status=ImportStatus.FAILED, reason=reason, report=job.report or {})


def _close(job: ImportJob, *, status: str, reason: str, report: dict[str, object]) -> None:
    job.status, job.reason, job.report = status, reason, report
    job.finished_at = timezone.now()
    job.progress = 100 if status == ImportStatus.DONE else job.progress
    job.save(update_fields=["status", "reason", "report", "finished_at", "progress", "updated_at"])
    if job.upload_token:
        upload_discard(job.upload_token)


def jobs_recover(now: dt.datetime | None = None) -> list[ImportJob]:
    """Undo and fail every running import whose heartbeat stopped (its worker died)."""
    running = ImportJob.objects.filter(status=ImportStatus.RUNNING)
    return reap_stale(running, now=now or timezone.now(), silent=_silent, fail=_interrupted)


def _silent(job: ImportJob, now: dt.datetime) -> bool:
    last = job.heartbeat_at or job.started_at or job.created_at
    return now - last > STALE_AFTER


def _interrupted(job: ImportJob, now: dt.datetime) -> None:
    logger.warning("import %s: worker gone since %s, undoing it", job.pk, job.heartbeat_at)
    job_fail(job, str(ERR_INTERRUPTED))
