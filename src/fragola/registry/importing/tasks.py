"""Background work: run an import (a durable row picked up by a worker)."""

from __future__ import annotations

from django_tasks import task

from fragola.registry.importing.jobs import jobs_recover
from fragola.registry.importing.models import ImportJob


@task(queue_name="imports")
def import_job_execute(job_id: int) -> str:
    from fragola.registry.importing.background import job_run

    job = ImportJob.objects.select_related("organisation", "created_by").filter(pk=job_id).first()
    if job is None:
        return "missing"
    return job_run(job).status


@task()
def import_jobs_reap_stale() -> int:
    """Periodic: undo and fail the running imports whose worker died. Returns how many."""
    return len(jobs_recover())


def import_job_enqueue(job: ImportJob) -> None:
    import_job_execute.enqueue(job.pk)
