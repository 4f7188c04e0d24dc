"""Repairing a published plan when a carer is absent: record the absence, re-plan only what
must move (``fragola_solver.replan``, in ``execute.py``), show exactly what changes, then accept
or reject."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from fragola.care import services as care_services
from fragola.care.models import Absence, AbsenceKind, Carer
from fragola.planning.models import PlanningRun, RunKind, RunStatus
from fragola.planning.notify import schedules_email
from fragola.planning.selectors import assignments_of
from fragola.planning.services.apply import apply_rows
from fragola.planning.services.runs import enqueue, refuse_if_busy
from fragola.planning.services.stale import close_older_proposals, refuse_if_stale
from fragola.registry.models import Organisation

ERR_CARER = _("Choose a carer of this co-op.")
ERR_NOT_READY = _("Only a repair whose proposal is ready can be accepted or rejected.")
ERR_PAST_DAY = _("That day is over: a repair can only change today (%(today)s) or later.")
REPAIR_SECONDS = 5


@transaction.atomic
def planning_repair_start(
    *,
    organisation: Organisation,
    carer: Carer,
    day: dt.date,
    actor: User | None,
    kind: str = AbsenceKind.SICKNESS,
    time_limit: int = REPAIR_SECONDS,
) -> PlanningRun:
    """Record the carer's absence on ``day`` (unless one is already recorded) and queue a
    repair of that day's plan."""
    if carer.organisation_id != organisation.pk:
        raise ValidationError({"carer": ERR_CARER})
    today = timezone.localdate()
    if day < today:
        today_text = formats.date_format(today, "SHORT_DATE_FORMAT")
        raise ValidationError({"day": ERR_PAST_DAY % {"today": today_text}})
    refuse_if_busy(organisation)
    covered = Absence.objects.filter(carer=carer, starts_on__lte=day, ends_on__gte=day).exists()
    if not covered:
        care_services.absence_record(carer=carer, kind=kind, starts_on=day, ends_on=day)
    run = PlanningRun.objects.create(
        organisation=organisation,
        kind=RunKind.REPAIR,
        period_start=day,
        period_end=day,
        created_by=actor,
        time_limit=max(1, min(time_limit, 600)),
        absent_carer=carer,
    )
    enqueue(run)
    return run


def _ready(run: PlanningRun) -> PlanningRun:
    run = PlanningRun.objects.select_for_update().get(pk=run.pk)
    refuse_if_stale(run)
    if run.kind != RunKind.REPAIR or run.status != RunStatus.DONE:
        raise ValidationError({"run": ERR_NOT_READY})
    return run


@transaction.atomic
def planning_repair_accept(*, run: PlanningRun, by: User | None, base_url: str = "") -> int:
    """Apply the repair to the visits and tell every carer whose day changed. Older open
    proposals of that day would undo it: they are closed (superseded)."""
    run = _ready(run)
    rows = list(assignments_of(run))
    changed = apply_rows(rows, by)
    run.status, run.published_by, run.published_at = RunStatus.ACCEPTED, by, timezone.now()
    run.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    close_older_proposals(run)
    told = {r.carer_id for r in rows if r.carer_id} | {
        r.previous_carer_id for r in rows if r.previous_carer_id
    }
    told.discard(run.absent_carer_id)
    transaction.on_commit(lambda: schedules_email(run_id=run.pk, carer_ids=told, base_url=base_url))
    return len(changed)


@transaction.atomic
def planning_repair_reject(*, run: PlanningRun, by: User | None) -> PlanningRun:
    """Leave the visits as they are (the absence stays recorded)."""
    run = _ready(run)
    run.status = RunStatus.REJECTED
    run.save(update_fields=["status", "updated_at"])
    return run
