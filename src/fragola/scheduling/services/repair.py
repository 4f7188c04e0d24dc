"""Repairing a published plan when a carer is absent: record the absence, re-plan only what
must move (``fragola_solver.replan``), show exactly what changes, then accept or reject."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.care import services as care_services
from fragola.care.models import Absence, AbsenceKind, Carer, VisitStatus
from fragola.registry.models import Organisation
from fragola.scheduling.config import planning_settings_for
from fragola.scheduling.convert import Converted, Proposal, minutes_of, problem_for, proposals_from
from fragola.scheduling.gaps import with_blockers, without_blockers
from fragola.scheduling.models import PlannedAssignment, PlanningRun, RunKind, RunStatus
from fragola.scheduling.notify import schedules_email
from fragola.scheduling.selectors import assignments_of
from fragola.scheduling.services.apply import apply_rows
from fragola.scheduling.services.runs import enqueue, finish
from fragola.scheduling.services.stale import close_older_proposals, refuse_if_stale
from fragola_solver.evaluator import evaluate
from fragola_solver.replan import replan

ERR_CARER = _("Choose a carer of this co-op.")
ERR_NOT_READY = _("Only a repair whose proposal is ready can be accepted or rejected.")
REPAIR_SECONDS = 5
MOVED_SECONDS = 60


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


def _focus(converted: Converted, absent_pk: int) -> tuple[Converted, frozenset[str]]:
    """Only the published visits and those of the absent carer take part in a repair: visits
    nobody had stay as they are. Returns the narrowed problem and the visits to re-plan."""
    kept = {s.visit_id for r in converted.current.routes for s in r.stops}
    lost = {
        key
        for key, group in converted.visits_of.items()
        if any(v.carer_id == absent_pk and v.status != VisitStatus.PLANNED for v in group)
    }
    keys = kept | lost
    problem = replace(
        converted.problem, visits=tuple(v for v in converted.problem.visits if v.id in keys)
    )
    visits_of = {k: g for k, g in converted.visits_of.items() if k in keys}
    return replace(converted, problem=problem, visits_of=visits_of), frozenset(lost)


def _announced(converted: Converted, notice_hours: int) -> frozenset[str]:
    """Visits starting within the notice period keep their carer and time (pinned)."""
    limit = minutes_of(converted.origin, timezone.now() + dt.timedelta(hours=notice_hours))
    return frozenset(
        s.visit_id for r in converted.current.routes for s in r.stops if s.start < limit
    )


def _changed(p: Proposal) -> bool:
    visit = p.visit
    had = visit.carer_id if visit.status != VisitStatus.PLANNED else None
    if p.left_out:
        return had is not None
    assert p.starts_at is not None and p.carer is not None
    moved = abs((p.starts_at - visit.starts_at).total_seconds()) >= MOVED_SECONDS
    return had != p.carer.pk or moved


def repair_execute(run: PlanningRun) -> None:
    config = planning_settings_for(run.organisation)
    converted = problem_for(
        organisation=run.organisation, start=run.period_start, end=run.period_end
    )
    converted, lost = _focus(converted, run.absent_carer_id or 0)
    run.visit_count = len(lost)
    run.save(update_fields=["visit_count", "updated_at"])
    PlanningRun.objects.filter(pk=run.pk).update(progress=10)
    pinned = (converted.pinned | _announced(converted, config.repair_notice_hours)) - lost
    result = replan(
        with_blockers(converted.problem, converted.gaps),
        converted.current,
        pinned=pinned,
        time_limit=float(run.time_limit),
    )
    solution = without_blockers(result.solution)
    evaluation = evaluate(converted.problem, solution)
    proposals = proposals_from(converted, solution, evaluation)
    rows = [
        PlannedAssignment(
            run=run,
            visit=p.visit,
            carer=p.carer,
            starts_at=p.starts_at,
            late_minutes=p.late_minutes,
            left_out=p.left_out,
            reason=p.reason[:2000],
            unavailable=p.unavailable,
            previous_carer_id=p.visit.carer_id if p.visit.status != VisitStatus.PLANNED else None,
            previous_starts_at=p.visit.starts_at,
        )
        for p in proposals
        if _changed(p)
    ]
    with transaction.atomic():
        PlannedAssignment.objects.bulk_create(rows)
        finish(run, evaluation)


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
    run.status = RunStatus.ACCEPTED
    run.save(update_fields=["status", "updated_at"])
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
