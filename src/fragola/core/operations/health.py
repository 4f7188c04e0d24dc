"""What ``/healthz`` reports: the database answers, a worker is alive, the queue is moving."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django_tasks_db.models import DBTaskResult

from fragola.core.models import WorkerHeartbeat

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


@dataclass(frozen=True)
class Health:
    workers_alive: int
    oldest_waiting_seconds: int | None
    needs_workers: bool

    @property
    def problems(self) -> list[str]:
        found = []
        if self.needs_workers and not self.workers_alive:
            found.append("no live worker")
        limit = settings.FRAGOLA_HEALTH_QUEUE_SECONDS
        if self.oldest_waiting_seconds is not None and self.oldest_waiting_seconds > limit:
            found.append(f"the oldest task has waited over {limit} s")
        return found

    def as_json(self) -> dict[str, object]:
        return {
            "status": "failing" if self.problems else "ok",
            "database": "ok",
            "workers_alive": self.workers_alive,
            "oldest_waiting_seconds": self.oldest_waiting_seconds,
            "problems": self.problems,
        }


def health_check(*, now: dt.datetime) -> Health:
    """Two queries; a database that does not answer raises (the view answers 503)."""
    since = now - dt.timedelta(seconds=settings.FRAGOLA_HEALTH_WORKER_SECONDS)
    alive = WorkerHeartbeat.objects.filter(last_seen__gte=since).count()
    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    backend = settings.TASKS["default"]["BACKEND"]
    return Health(
        workers_alive=alive,
        oldest_waiting_seconds=None if oldest is None else int((now - oldest).total_seconds()),
        needs_workers=backend == DATABASE_BACKEND,
    )
