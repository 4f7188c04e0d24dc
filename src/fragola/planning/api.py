"""The planning API (mounted at /api/v1/planning/): start a run, follow it, read the proposal,
publish it; repair a published plan when a carer is absent, then accept or reject the repair.
Same rules as the pages: coordinators and admins only, another co-op's run is a 404, a
service's ValidationError is a 422."""

# No ``from __future__ import annotations``: Ninja reads real annotations.
from django.db.models import QuerySet
from django.http import Http404
from ninja import Router, Status
from ninja.pagination import paginate

from fragola.care.models import Carer
from fragola.core.api import NOT_FOUND, WRITE_ERRORS, Id, Page, service_errors
from fragola.core.http import AuthedRequest
from fragola.planning import selectors, services
from fragola.planning.access import access_planning, access_run
from fragola.planning.models import PlannedAssignment, PlanningRun, RunKind, RunStatus
from fragola.planning.schemas import (
    AssignmentOut,
    DecisionOut,
    PublishOut,
    RepairIn,
    RepairOut,
    RunIn,
    RunOut,
)

router = Router(tags=["planning"])


@router.post("/organisations/{organisation_id}/runs", response={201: RunOut, **WRITE_ERRORS})
def run_create(request: AuthedRequest, organisation_id: Id, payload: RunIn) -> Status:
    """Queue a planning run for the period; poll ``runs/{id}`` for its progress."""
    organisation = access_planning(request.user, organisation_id)
    with service_errors():
        run = services.planning_run_start(
            organisation=organisation,
            start=payload.start,
            end=payload.end,
            actor=request.user,
            time_limit=payload.time_limit,
        )
    return Status(201, run)


@router.get("/runs/{run_id}", response={200: RunOut, **NOT_FOUND})
def run_status(request: AuthedRequest, run_id: Id) -> PlanningRun:
    return access_run(request.user, None, run_id)


@router.get("/runs/{run_id}/proposal", response={200: list[AssignmentOut], **NOT_FOUND})
@paginate(Page)
def run_proposal(request: AuthedRequest, run_id: Id) -> QuerySet[PlannedAssignment]:
    run = access_run(request.user, None, run_id)
    return selectors.assignments_of(run).order_by("visit__day", "starts_at", "visit__slot", "pk")


@router.post("/runs/{run_id}/publish", response={200: PublishOut, **WRITE_ERRORS})
def run_publish(request: AuthedRequest, run_id: Id) -> dict[str, object]:
    run = access_run(request.user, None, run_id)
    with service_errors():
        assigned = services.planning_run_publish(
            run=run, by=request.user, base_url=request.build_absolute_uri("/").rstrip("/")
        )
    run.refresh_from_db()
    return {"run": run, "assigned": assigned}


@router.get("/organisations/{organisation_id}/runs", response={200: list[RunOut], **NOT_FOUND})
@paginate(Page)
def run_list(
    request: AuthedRequest,
    organisation_id: Id,
    kind: RunKind | None = None,
    status: RunStatus | None = None,
) -> QuerySet[PlanningRun]:
    """The co-op's planning runs and repairs, newest first (``kind=``, ``status=``)."""
    organisation = access_planning(request.user, organisation_id)
    return selectors.run_list(organisation=organisation, kind=kind, status=status)


@router.get(
    "/organisations/{organisation_id}/repairs", response={200: list[RepairOut], **NOT_FOUND}
)
@paginate(Page)
def repair_list(
    request: AuthedRequest, organisation_id: Id, status: RunStatus | None = None
) -> QuerySet[PlanningRun]:
    """Repair proposals, newest first; ``status=done`` for those waiting for a decision."""
    organisation = access_planning(request.user, organisation_id)
    return selectors.run_list(organisation=organisation, kind=RunKind.REPAIR, status=status)


@router.post("/organisations/{organisation_id}/repairs", response={201: RepairOut, **WRITE_ERRORS})
def repair_start(request: AuthedRequest, organisation_id: Id, payload: RepairIn) -> Status:
    """Record the carer's absence on the day and queue a repair; poll ``runs/{id}``."""
    organisation = access_planning(request.user, organisation_id)
    carer = Carer.objects.filter(pk=payload.carer_id, organisation=organisation).first()
    if carer is None:
        raise Http404("No such carer")
    with service_errors():
        run = services.planning_repair_start(
            organisation=organisation,
            carer=carer,
            day=payload.day,
            kind=payload.kind,
            actor=request.user,
        )
    return Status(201, run)


@router.post("/runs/{run_id}/accept", response={200: DecisionOut, **WRITE_ERRORS})
def repair_accept(request: AuthedRequest, run_id: Id) -> dict[str, object]:
    """Apply a ready repair to the visits (the carers whose day changed are told)."""
    run = access_run(request.user, None, run_id)
    with service_errors():
        changed = services.planning_repair_accept(
            run=run, by=request.user, base_url=request.build_absolute_uri("/").rstrip("/")
        )
    run.refresh_from_db()
    return {"run": run, "changed": changed}


@router.post("/runs/{run_id}/reject", response={200: DecisionOut, **WRITE_ERRORS})
def repair_reject(request: AuthedRequest, run_id: Id) -> dict[str, object]:
    """Leave the visits as they are; the absence stays recorded."""
    run = access_run(request.user, None, run_id)
    with service_errors():
        run = services.planning_repair_reject(run=run, by=request.user)
    return {"run": run, "changed": 0}
