"""The care API (mounted at /api/v1/care/): service users, plans, visits, assign, check in/out.

Same rules as the pages: access helpers decide, another tenant's object is a 404, a service's
ValidationError is a 422 with field/message pairs, health data reads are logged.
"""

# No ``from __future__ import annotations``: Ninja's ``paginate`` reads real annotations.
import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from fragola.care import selectors, services
from fragola.care.access import CarePerm, access_care, access_service_user, access_visit
from fragola.care.models import CarePlan, Carer, ServiceUser, Visit
from fragola.care.schemas import (
    AssignIn,
    CheckOutIn,
    PlanOut,
    PositionIn,
    ServiceUserDetailOut,
    ServiceUserOut,
    VisitOut,
)
from fragola.core.api import NOT_FOUND, WRITE_ERRORS, Date, Id, Page, service_errors
from fragola.core.http import AuthedRequest

router = Router(tags=["care"])
MAX_DAYS = 62


class VisitQuery(Schema):
    start: Date | None = None
    end: Date | None = None
    status: str = ""


def _period(query: VisitQuery) -> tuple[dt.date, dt.date]:
    start = query.start or timezone.localdate()
    end = query.end or start
    if end < start or (end - start).days > MAX_DAYS:
        end = start + dt.timedelta(days=MAX_DAYS)
    return start, end


@router.get(
    "/organisations/{organisation_id}/service-users",
    response={200: list[ServiceUserOut], **NOT_FOUND},
)
@paginate(Page)
def service_user_list(request: AuthedRequest, organisation_id: Id) -> QuerySet[ServiceUser]:
    organisation = access_care(request.user, organisation_id, CarePerm.MANAGE)
    return selectors.service_user_list(organisation=organisation).select_related("comune")


@router.get("/service-users/{user_id}", response={200: ServiceUserDetailOut, **NOT_FOUND})
def service_user_detail(request: AuthedRequest, user_id: Id) -> ServiceUser:
    service_user = access_service_user(request.user, user_id, CarePerm.VIEW_USER)
    # ``health`` is read (and logged) only when the caller may read it; otherwise it is null.
    service_user.health = selectors.health_record_read(  # type: ignore[attr-defined]
        user=request.user, service_user=service_user, purpose="care API"
    )
    return service_user


@router.get("/service-users/{user_id}/plans", response={200: list[PlanOut], **NOT_FOUND})
def plan_list(request: AuthedRequest, user_id: Id) -> list[CarePlan]:
    service_user = access_service_user(request.user, user_id, CarePerm.VIEW_USER)
    return list(
        selectors.care_plans_read(user=request.user, service_user=service_user, purpose="care API")
    )


@router.get("/organisations/{organisation_id}/visits", response={200: list[VisitOut], **NOT_FOUND})
@paginate(Page)
def visit_list(
    request: AuthedRequest, organisation_id: Id, query: Query[VisitQuery]
) -> QuerySet[Visit]:
    organisation = access_care(request.user, organisation_id, CarePerm.MANAGE)
    start, end = _period(query)
    return selectors.visit_list(
        organisation=organisation, start=start, end=end, status=query.status
    )


@router.get("/me/visits", response=list[VisitOut])
@paginate(Page)
def my_visits(request: AuthedRequest, query: Query[VisitQuery]) -> QuerySet[Visit]:
    """The caller's own visits (as carer or volunteer) in the period."""
    start, end = _period(query)
    return selectors.my_visits(user=request.user, start=start, end=end)


@router.post("/visits/{visit_id}/assign", response={200: VisitOut, **WRITE_ERRORS})
def visit_assign(request: AuthedRequest, visit_id: Id, payload: AssignIn) -> Visit:
    visit = access_visit(request.user, visit_id, CarePerm.MANAGE)
    carer = Carer.objects.filter(pk=payload.carer_id, organisation_id=visit.organisation_id).first()
    if carer is None:
        raise Http404("No such carer")
    with service_errors():
        return services.visit_assign(visit=visit, carer=carer, by=request.user, force=payload.force)


@router.post("/visits/{visit_id}/check-in", response={200: VisitOut, **WRITE_ERRORS})
def visit_check_in(request: AuthedRequest, visit_id: Id, payload: PositionIn) -> Visit:
    visit = access_visit(request.user, visit_id, CarePerm.CARER)
    with service_errors():
        return services.visit_check_in(visit=visit, by=request.user, position=payload.position())


@router.post("/visits/{visit_id}/check-out", response={200: VisitOut, **WRITE_ERRORS})
def visit_check_out(request: AuthedRequest, visit_id: Id, payload: CheckOutIn) -> Visit:
    visit = access_visit(request.user, visit_id, CarePerm.CARER)
    with service_errors():
        return services.visit_check_out(
            visit=visit,
            by=request.user,
            position=payload.position(),
            notes=payload.notes,
            tasks_done=payload.tasks_done,
            handover_notes=payload.handover_notes,
        )
