"""Runs whose worker died (killed, out of memory, machine restarted) would stay "running"
forever and keep their co-op from planning: they are found and marked failed with the reason."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from fragola.core.operations.stale import reap_stale
from fragola.planning.models import PlanningRun, RunStatus

ERR_WORKER_LOST = _(
    "The planner was interrupted before it finished (its worker stopped); nothing was changed. "
    "Start the run again."
)
# A running run's worker reports after every slice of its search; one silent for its whole time
# limit plus this margin (loading and storing a large period) has died.
STALE_AFTER = dt.timedelta(minutes=10)


def _silent(run: PlanningRun, now: dt.datetime) -> bool:
    last = run.heartbeat_at or run.started_at or run.created_at
    return now - last > dt.timedelta(seconds=run.time_limit) + STALE_AFTER


def planning_runs_reap_stale(
    *, now: dt.datetime, organisation_id: int | None = None
) -> list[PlanningRun]:
    """Mark failed, with the reason, every running run whose worker has been silent too long
    (killed, out of memory, machine restarted): it would otherwise stay "running" forever and
    keep its co-op from planning. Returns the runs marked (``core.operations.stale`` rechecks
    each under a lock). Called periodically (``fragola.schedule``); a proposal is stored in one
    transaction, so a dead run has nothing half-written."""
    running = PlanningRun.objects.filter(status=RunStatus.RUNNING)
    if organisation_id is not None:
        running = running.filter(organisation_id=organisation_id)
    return reap_stale(running, now=now, silent=_silent, fail=_fail)


def _fail(run: PlanningRun, now: dt.datetime) -> None:
    run.status, run.finished_at = RunStatus.FAILED, now
    run.message = str(ERR_WORKER_LOST)[:255]
    run.save(update_fields=["status", "finished_at", "message", "updated_at"])
