"""Planning runs: start one (queued for a worker) and execute it in slices, showing progress."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.registry.models import Organisation
from fragola.scheduling.config import planning_settings_for
from fragola.scheduling.convert import Converted, Proposal, problem_for, proposals_from
from fragola.scheduling.gaps import with_blockers, without_blockers
from fragola.scheduling.models import PlannedAssignment, PlanningRun, RunKind, RunStatus
from fragola.scheduling.services.stale import newer_published
from fragola_solver.compiled import compile_problem
from fragola_solver.evaluator import Evaluation, evaluate
from fragola_solver.explain import cost_breakdown
from fragola_solver.model import Solution
from fragola_solver.solver import SolveResult, solve

log = logging.getLogger(__name__)

ERR_PERIOD = _("The period ends on or after its first day, and lasts at most two weeks.")
ERR_TIME_LIMIT = _("Give the planner between 1 and 600 seconds.")
ERR_RUN_FAILED = _("The planner stopped with an error; the team has been told. Try again.")
MAX_DAYS = 14
SLICES = 10


def _check(start: dt.date, end: dt.date, time_limit: int) -> None:
    if end < start or (end - start).days >= MAX_DAYS:
        raise ValidationError({"end": ERR_PERIOD})
    if not 1 <= time_limit <= 600:
        raise ValidationError({"time_limit": ERR_TIME_LIMIT})


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
    run = PlanningRun.objects.create(
        organisation=organisation,
        period_start=start,
        period_end=end,
        created_by=actor,
        time_limit=limit,
    )
    enqueue(run)
    return run


def enqueue(run: PlanningRun) -> None:
    from fragola.scheduling.tasks import planning_run_execute

    transaction.on_commit(lambda: planning_run_execute.enqueue(run.pk))


def _progress(run: PlanningRun, percent: int, message: str = "") -> None:
    run.progress, run.message = percent, message
    # Outside any transaction: every update is visible at once to the page that polls it.
    PlanningRun.objects.filter(pk=run.pk).update(progress=percent, message=message)


def _better(new: SolveResult, best: SolveResult | None) -> bool:
    if best is None:
        return True
    key = (len(new.evaluation.violations), new.evaluation.objective)
    return key < (len(best.evaluation.violations), best.evaluation.objective)


def solve_in_slices(run: PlanningRun, converted: Converted) -> SolveResult:
    """``SLICES`` solves of time_limit / SLICES seconds, each from the best so far, with the
    carers' gaps blocked (``gaps.py``); the result is the solution without the blockers,
    evaluated on the real problem."""
    problem = with_blockers(converted.problem, converted.gaps)
    compiled = compile_problem(problem)
    best: SolveResult | None = None
    start: Solution | None = converted.current if converted.current.routes else None
    for index in range(SLICES):
        result = solve(
            problem,
            time_limit=run.time_limit / SLICES,
            seed=index,
            initial=best.solution if best else start,
            pinned=converted.pinned,
            cp=compiled,
        )
        if _better(result, best):
            best = result
        assert best is not None
        _progress(run, 5 + 90 * (index + 1) // SLICES, f"{best.evaluation.objective:.0f}")
    assert best is not None
    solution = without_blockers(best.solution)
    return replace(best, solution=solution, evaluation=evaluate(converted.problem, solution))


def store_proposal(run: PlanningRun, proposals: list[Proposal], evaluation: Evaluation) -> None:
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
        )
        for p in proposals
    ]
    with transaction.atomic():
        PlannedAssignment.objects.filter(run=run).delete()
        PlannedAssignment.objects.bulk_create(rows, batch_size=500)
        finish(run, evaluation)


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


def planning_run_execute(*, run: PlanningRun) -> PlanningRun:
    """Plan the run's period and store the proposal. Not atomic on purpose: progress is
    committed after every slice so the person waiting sees it move."""
    if run.status != RunStatus.QUEUED:
        return run
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at", "updated_at"])
    try:
        if run.kind == RunKind.REPAIR:
            from fragola.scheduling.services.repair import repair_execute

            repair_execute(run)
        else:
            _plan(run)
    except Exception:
        log.exception("planning run %s failed", run.pk)
        run.status, run.message, run.finished_at = RunStatus.FAILED, "", timezone.now()
        run.save(update_fields=["status", "message", "finished_at", "updated_at"])
    return run


def _plan(run: PlanningRun) -> None:
    _progress(run, 2)
    converted = problem_for(
        organisation=run.organisation, start=run.period_start, end=run.period_end
    )
    run.visit_count = len(converted.problem.visits)
    run.save(update_fields=["visit_count", "updated_at"])
    if not converted.problem.visits:
        finish(run, None)
        return
    if not converted.problem.carers:
        # Nobody can work in the period: every visit is left out, with the reason.
        empty = Solution((), tuple(v.id for v in converted.problem.visits))
        evaluation = evaluate(converted.problem, empty)
        proposals = proposals_from(converted, empty, evaluation)
        store_proposal(run, proposals, evaluation)
        return
    result = solve_in_slices(run, converted)
    proposals = proposals_from(converted, result.solution, result.evaluation)
    store_proposal(run, proposals, result.evaluation)
