"""Executing a planning run in a worker: plan (or repair) its period, store the proposal.

Not atomic on purpose: progress is committed as the solver reports it, so the person waiting
sees it move; the proposal itself is written in one transaction at the end. This module never
enqueues anything (``runs`` and ``repair`` do), so the task that calls it imports no cycle."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

from django.db import transaction
from django.utils import timezone

import fragola_solver
from fragola.care.models import VisitStatus
from fragola.planning.config import planning_settings_for
from fragola.planning.convert import Converted, Proposal, minutes_of, problem_for, proposals_from
from fragola.planning.models import PlannedAssignment, PlanningRun, RunKind, RunStatus
from fragola.planning.services.stale import newer_published
from fragola_solver import Evaluation, Progress, Solution, cost_breakdown, evaluate, solve

log = logging.getLogger(__name__)

SLICES = 10  # restarts of the search from the best plan so far (see ``fragola_solver.solve``)
MOVED_SECONDS = 60


def heartbeat(run: PlanningRun, percent: int | None = None, message: str | None = None) -> None:
    """The worker is alive (and how far it is). Outside any transaction: every update is
    visible at once to the page that polls it and to ``planning_runs_reap_stale``."""
    now = timezone.now()
    fields: dict[str, object] = {"heartbeat_at": now}
    run.heartbeat_at = now
    if percent is not None:
        run.progress = fields["progress"] = percent
    if message is not None:
        run.message = fields["message"] = message
    PlanningRun.objects.filter(pk=run.pk).update(**fields)


def finish(run: PlanningRun, evaluation: Evaluation | None, message: str = "") -> None:
    """The proposal is ready, unless a newer one of an overlapping period was published while
    this one was computed: then it is born superseded (it could never be published)."""
    newer = newer_published(run)
    run.status = RunStatus.SUPERSEDED if newer else RunStatus.DONE
    run.superseded_by = newer
    run.progress = 100
    run.finished_at = timezone.now()
    run.message = message
    if evaluation is not None:
        run.objective = round(evaluation.objective, 1)
        run.breakdown = cost_breakdown(evaluation)
    run.save(
        update_fields=[
            "status", "progress", "finished_at", "message", "objective", "breakdown",
            "superseded_by", "updated_at",
        ]
    )  # fmt: skip


def _row(run: PlanningRun, p: Proposal, *, repair: bool = False) -> PlannedAssignment:
    row = PlannedAssignment(
        run=run,
        visit=p.visit,
        carer=p.carer,
        starts_at=p.starts_at,
        late_minutes=p.late_minutes,
        left_out=p.left_out,
        reason=p.reason[:2000],
        unavailable=p.unavailable,
    )
    if repair:
        had = p.visit.status != VisitStatus.PLANNED
        row.previous_carer_id = p.visit.carer_id if had else None
        row.previous_starts_at = p.visit.starts_at
    return row


def store_proposal(run: PlanningRun, proposals: list[Proposal], evaluation: Evaluation) -> None:
    rows = [_row(run, p) for p in proposals]
    with transaction.atomic():
        PlannedAssignment.objects.filter(run=run).delete()
        PlannedAssignment.objects.bulk_create(rows, batch_size=500)
        finish(run, evaluation)


def _plan(run: PlanningRun) -> None:
    heartbeat(run, 2)
    converted = problem_for(
        organisation=run.organisation, start=run.period_start, end=run.period_end
    )
    run.visit_count = len(converted.problem.visits)
    run.save(update_fields=["visit_count", "updated_at"])
    if not converted.problem.visits:
        finish(run, None)
        return
    problem = converted.problem
    if not problem.carers:
        # Nobody can work in the period: every visit is left out, with the reason.
        solution = Solution((), tuple(v.id for v in problem.visits))
        evaluation = evaluate(problem, solution)
    else:

        def report(p: Progress) -> None:
            heartbeat(run, 5 + int(90 * p.fraction), f"{p.best.objective:.0f}")

        result = solve(
            problem,
            time_limit=run.time_limit,
            slices=SLICES,
            initial=converted.current if converted.current.routes else None,
            pinned=converted.pinned,
            progress=report,
        )
        solution, evaluation = result.solution, result.evaluation
    store_proposal(run, proposals_from(converted, solution, evaluation), evaluation)


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


def _repair(run: PlanningRun) -> None:
    config = planning_settings_for(run.organisation)
    converted = problem_for(
        organisation=run.organisation, start=run.period_start, end=run.period_end
    )
    converted, lost = _focus(converted, run.absent_carer_id or 0)
    run.visit_count = len(lost)
    run.save(update_fields=["visit_count", "updated_at"])
    heartbeat(run, 10)
    pinned = (converted.pinned | _announced(converted, config.repair_notice_hours)) - lost
    # Attribute access: ``replan`` is also the name of the solver's internal module.
    result = fragola_solver.replan(
        converted.problem, converted.current, pinned=pinned, time_limit=float(run.time_limit)
    )
    proposals = proposals_from(converted, result.solution, result.evaluation)
    rows = [_row(run, p, repair=True) for p in proposals if _changed(p)]
    with transaction.atomic():
        PlannedAssignment.objects.bulk_create(rows)
        finish(run, result.evaluation)


def planning_run_execute(*, run: PlanningRun) -> PlanningRun:
    """Plan (or repair) the run's period and store the proposal; a failure is recorded on the
    run (and logged), never left as a run that seems to go on."""
    if run.status != RunStatus.QUEUED:
        return run
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.heartbeat_at = run.started_at
    run.save(update_fields=["status", "started_at", "heartbeat_at", "updated_at"])
    try:
        if run.kind == RunKind.REPAIR:
            _repair(run)
        else:
            _plan(run)
    except Exception:
        log.exception("planning run %s failed", run.pk)
        run.status, run.message, run.finished_at = RunStatus.FAILED, "", timezone.now()
        run.save(update_fields=["status", "message", "finished_at", "updated_at"])
    return run
