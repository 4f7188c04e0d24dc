"""Planning runs: start one (queued for a worker, one at a time per co-op). Executing a run is
``execute.py``'s job (the task calls it); ``reap.py`` finds runs whose worker died."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from fragola.planning import tasks
from fragola.planning.config import planning_settings_for
from fragola.planning.models import PlanningRun, RunStatus
from fragola.planning.services import reap
from fragola.registry.models import Organisation

ERR_PERIOD = _("The period ends on or after its first day, and lasts at most two weeks.")
ERR_TIME_LIMIT = _("Give the planner between 1 and 600 seconds.")
ERR_PAST = _("The period has already begun: plan from today (%(today)s) onwards.")
ERR_BUSY = _(
    "A planning run of this co-op is already queued or running (started on %(created)s): "
    "wait for it to finish, then start this one."
)
MAX_DAYS = 14


def _check(start: dt.date, end: dt.date, time_limit: int) -> None:
    today = timezone.localdate()
    if start < today:
        today_text = formats.date_format(today, "SHORT_DATE_FORMAT")
        raise ValidationError({"start": ERR_PAST % {"today": today_text}})
    if end < start or (end - start).days >= MAX_DAYS:
        raise ValidationError({"end": ERR_PERIOD})
    if not 1 <= time_limit <= 600:
        raise ValidationError({"time_limit": ERR_TIME_LIMIT})


def refuse_if_busy(organisation: Organisation) -> None:
    """One queued or running run per co-op: a co-op cannot fill the shared queue and make the
    others wait. The co-op's row is locked so that two simultaneous starts cannot both pass; a
    run whose worker died does not count (it is marked failed first)."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    reap.planning_runs_reap_stale(now=timezone.now(), organisation_id=organisation.pk)
    busy = PlanningRun.objects.filter(
        organisation=organisation, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
    ).first()
    if busy is not None:
        created = formats.date_format(timezone.localtime(busy.created_at), "SHORT_DATETIME_FORMAT")
        raise ValidationError({NON_FIELD_ERRORS: ERR_BUSY % {"created": created}})


def enqueue(run: PlanningRun) -> None:
    transaction.on_commit(lambda: tasks.planning_run_execute.enqueue(run.pk))


@transaction.atomic
def planning_run_start(
    *,
    organisation: Organisation,
    start: dt.date,
    end: dt.date,
    actor: User | None,
    time_limit: int | None = None,
) -> PlanningRun:
    """Queue a run that plans ``start``..``end``; a worker executes it after the commit."""
    limit = time_limit or planning_settings_for(organisation).time_limit_seconds
    _check(start, end, limit)
    refuse_if_busy(organisation)
    run = PlanningRun.objects.create(
        organisation=organisation,
        period_start=start,
        period_end=end,
        created_by=actor,
        time_limit=limit,
    )
    enqueue(run)
    return run
