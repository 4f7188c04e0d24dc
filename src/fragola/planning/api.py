"""The planning API (mounted at /api/v1/planning/): start a run, follow it, read the proposal,
publish it. Same rules as the pages: coordinators and admins only, another co-op's run is a 404,
a service's ValidationError is a 422."""

# No ``from __future__ import annotations``: Ninja reads real annotations.
from django.db.models import QuerySet
from ninja import Router, Status
from ninja.pagination import paginate

from fragola.core.api import NOT_FOUND, WRITE_ERRORS, Page, service_errors
from fragola.core.http import AuthedRequest
from fragola.planning import selectors, services
from fragola.planning.access import access_planning, access_run
from fragola.planning.models import PlannedAssignment, PlanningRun
from fragola.planning.schemas import AssignmentOut, PublishOut, RunIn, RunOut

router = Router(tags=["planning"])


@router.post("/organisations/{organisation_id}/runs", response={201: RunOut, **WRITE_ERRORS})
def run_create(request: AuthedRequest, organisation_id: int, payload: RunIn) -> Status:
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
def run_status(request: AuthedRequest, run_id: int) -> PlanningRun:
    return access_run(request.user, None, run_id)


@router.get("/runs/{run_id}/proposal", response={200: list[AssignmentOut], **NOT_FOUND})
@paginate(Page)
def run_proposal(request: AuthedRequest, run_id: int) -> QuerySet[PlannedAssignment]:
    run = access_run(request.user, None, run_id)
    return selectors.assignments_of(run).order_by("visit__day", "starts_at", "visit__slot", "pk")


@router.post("/runs/{run_id}/publish", response={200: PublishOut, **WRITE_ERRORS})
def run_publish(request: AuthedRequest, run_id: int) -> dict[str, object]:
    run = access_run(request.user, None, run_id)
    with service_errors():
        assigned = services.planning_run_publish(
            run=run, by=request.user, base_url=request.build_absolute_uri("/").rstrip("/")
        )
    run.refresh_from_db()
    return {"run": run, "assigned": assigned}
