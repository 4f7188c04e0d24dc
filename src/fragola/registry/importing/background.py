"""Run a queued import in the background: the task is an adapter around ``job_run``."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import translation

from fragola.core.importing.uploads import upload_load
from fragola.registry.importing.jobs import ERR_FAILED, ERR_FILE_GONE, job_fail, job_start
from fragola.registry.importing.members_write import import_members
from fragola.registry.importing.models import ImportJob, ImportKind

logger = logging.getLogger(__name__)


def job_run(job: ImportJob) -> ImportJob:
    """Claim the job, import its file, leave the row done or failed (with nothing written)."""
    content = upload_load(job.upload_token)
    if content is None:
        job_fail(job, str(ERR_FILE_GONE), undo=False)
        return job
    if not job_start(job):
        return job
    # Reasons are stored on the row: word them in the platform's language.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            if job.kind == ImportKind.MEMBERS:
                import_members(
                    organisation=job.organisation,
                    content=content,
                    filename=job.filename,
                    dry_run=False,
                    job=job,
                )
        except Exception as exc:  # the row must say failed whatever went wrong
            logger.exception("import %s failed", job.pk)
            job_fail(job, str(ERR_FAILED) % {"reason": exc.__class__.__name__})
    job.refresh_from_db()
    return job
