"""The care API (mounted at /api/v1/care/): service users, plans, visits, assign, check in/out;
carers with their availability and absences; volunteers, their tasks, hours and expenses.

Same rules as the pages: access helpers decide, another tenant's object is a 404, a service's
ValidationError is a 422 with field/message pairs, health data reads are logged.
"""

# No ``from __future__ import annotations``: Ninja's ``paginate`` reads real annotations.
import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from fragola.care import selectors, services
from fragola.care.access import (
    CarePerm,
    access_care,
    access_expense,
    access_service_user,
    access_visit,
    has_care_perm,
)
from fragola.care.models import (
    Absence,
    Availability,
    CarePlan,
    Carer,
    CarerKind,
    Expense,
    ExpenseStatus,
    ServiceUser,
    Visit,
    VolunteerLog,
)
from fragola.care.schemas import (
    AbsenceIn,
    AbsenceOut,
    AssignIn,
    AvailabilityIn,
    CarerDetailOut,
    CarerOut,
    CheckOutIn,
    ExpenseClaimIn,
    ExpenseOut,
    HoursIn,
    HoursOut,
    PlanOut,
    PositionIn,
    RejectIn,
    ServiceUserDetailOut,
    ServiceUserOut,
    SlotOut,
    VisitOut,
)
from fragola.core.api import NOT_FOUND, WRITE_ERRORS, Date, Id, Page, service_errors
from fragola.core.http import AuthedRequest

router = Router(tags=["care"])
MAX_DAYS = 62
MAX_ABSENCE_DAYS = 366


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


# --- carers (coordinators and admins) ---------------------------------------------------------


class CarerQuery(Schema):
    kind: CarerKind | None = None
    active: bool | None = None


def _managed_carer(request: AuthedRequest, carer_id: int) -> Carer:
    """A carer of a co-op the caller coordinates; anything else is a 404."""
    carer = selectors.carer_get(carer_id=carer_id)
    if carer is None or not has_care_perm(request.user, carer.organisation_id, CarePerm.MANAGE):
        raise Http404("No such carer")
    return carer


@router.get("/organisations/{organisation_id}/carers", response={200: list[CarerOut], **NOT_FOUND})
@paginate(Page)
def carer_list(
    request: AuthedRequest, organisation_id: Id, query: Query[CarerQuery]
) -> QuerySet[Carer]:
    """Workers and volunteers (``kind=``), with their qualifications."""
    organisation = access_care(request.user, organisation_id, CarePerm.MANAGE)
    return selectors.carer_list(organisation=organisation, kind=query.kind, active=query.active)


@router.get(
    "/organisations/{organisation_id}/volunteers", response={200: list[CarerOut], **NOT_FOUND}
)
@paginate(Page)
def volunteer_list(
    request: AuthedRequest, organisation_id: Id, active: bool | None = None
) -> QuerySet[Carer]:
    """The co-op's volunteers, with their insurance (L2.2)."""
    organisation = access_care(request.user, organisation_id, CarePerm.MANAGE)
    return selectors.carer_list(organisation=organisation, kind=CarerKind.VOLUNTEER, active=active)


@router.get("/carers/{carer_id}", response={200: CarerDetailOut, **NOT_FOUND})
def carer_detail(request: AuthedRequest, carer_id: Id) -> Carer:
    return _managed_carer(request, carer_id)


@router.get("/carers/{carer_id}/availability", response={200: list[SlotOut], **NOT_FOUND})
def availability_list(request: AuthedRequest, carer_id: Id) -> list[Availability]:
    return list(_managed_carer(request, carer_id).availability.all())


class AbsenceQuery(Schema):
    start: Date | None = None
    end: Date | None = None


def _bounded(start: dt.date | None, end: dt.date | None, days: int) -> tuple[dt.date, dt.date]:
    """A period of at most ``days``: from ``start`` (default today) to ``end`` (capped)."""
    start = start or timezone.localdate()
    end = end or start + dt.timedelta(days=days)
    if end < start or (end - start).days > days:
        end = start + dt.timedelta(days=days)
    return start, end


@router.get("/carers/{carer_id}/absences", response={200: list[AbsenceOut], **NOT_FOUND})
@paginate(Page)
def absence_list(
    request: AuthedRequest, carer_id: Id, query: Query[AbsenceQuery]
) -> QuerySet[Absence]:
    """Absences overlapping ``start``…``end`` (default: from today, at most a year)."""
    carer = _managed_carer(request, carer_id)
    start, end = _bounded(query.start, query.end, MAX_ABSENCE_DAYS)
    return selectors.absence_list(carer=carer, start=start, end=end)


@router.post("/carers/{carer_id}/absences", response={201: AbsenceOut, **WRITE_ERRORS})
def absence_create(request: AuthedRequest, carer_id: Id, payload: AbsenceIn) -> Status:
    carer = _managed_carer(request, carer_id)
    with service_errors():
        absence = services.absence_record(
            carer=carer, kind=payload.kind, starts_on=payload.starts_on, ends_on=payload.ends_on
        )
    return Status(201, absence)


# --- expenses (coordinators decide) ------------------------------------------------------------


@router.get(
    "/organisations/{organisation_id}/expenses", response={200: list[ExpenseOut], **NOT_FOUND}
)
@paginate(Page)
def expense_list(
    request: AuthedRequest, organisation_id: Id, status: ExpenseStatus | None = None
) -> QuerySet[Expense]:
    """The volunteers' expenses, oldest claim first (``status=claimed`` for those to decide)."""
    organisation = access_care(request.user, organisation_id, CarePerm.MANAGE)
    return selectors.expense_list(organisation=organisation, status=status or "")


@router.post("/expenses/{expense_id}/approve", response={200: ExpenseOut, **WRITE_ERRORS})
def expense_approve(request: AuthedRequest, expense_id: Id) -> Expense:
    expense = access_expense(request.user, expense_id, CarePerm.MANAGE)
    with service_errors():
        return services.expense_approve(expense=expense, by=request.user)


@router.post("/expenses/{expense_id}/reject", response={200: ExpenseOut, **WRITE_ERRORS})
def expense_reject(request: AuthedRequest, expense_id: Id, payload: RejectIn) -> Expense:
    expense = access_expense(request.user, expense_id, CarePerm.MANAGE)
    with service_errors():
        return services.expense_reject(expense=expense, by=request.user, reason=payload.reason)


# --- the volunteer's own: open tasks, availability, hours, expenses ----------------------------


def _volunteer(request: AuthedRequest, organisation_id: int) -> Carer:
    """The caller's volunteer profile in the co-op (volunteer role and profile), else a 404."""
    access_care(request.user, organisation_id, CarePerm.VOLUNTEER)
    carer = selectors.carer_profile(request.user, organisation_id, CarerKind.VOLUNTEER)
    if carer is None:
        raise Http404("No such organisation")
    return carer


@router.get(
    "/organisations/{organisation_id}/volunteer/tasks", response={200: list[VisitOut], **NOT_FOUND}
)
@paginate(Page)
def volunteer_tasks(
    request: AuthedRequest, organisation_id: Id, query: Query[AbsenceQuery]
) -> QuerySet[Visit]:
    """Open volunteer tasks from ``start`` (default today), at most 62 days."""
    carer = _volunteer(request, organisation_id)
    start, end = _bounded(query.start, query.end, MAX_DAYS)
    return selectors.open_volunteer_tasks(organisation=carer.organisation, since=start).filter(
        day__lte=end
    )


@router.post(
    "/organisations/{organisation_id}/volunteer/tasks/{visit_id}/take",
    response={200: VisitOut, **WRITE_ERRORS},
)
def volunteer_task_take(request: AuthedRequest, organisation_id: Id, visit_id: Id) -> Visit:
    carer = _volunteer(request, organisation_id)
    visit = access_visit(request.user, visit_id, CarePerm.VOLUNTEER)
    if visit.organisation_id != organisation_id:
        raise Http404("No such visit")
    with service_errors():
        return services.volunteer_task_take(visit=visit, volunteer=carer, by=request.user)


@router.put(
    "/organisations/{organisation_id}/volunteer/availability",
    response={200: list[SlotOut], **WRITE_ERRORS},
)
def volunteer_availability_set(
    request: AuthedRequest, organisation_id: Id, payload: AvailabilityIn
) -> list[Availability]:
    """Replace the volunteer's weekly availability."""
    carer = _volunteer(request, organisation_id)
    slots = [(s.weekday, s.starts_at, s.ends_at) for s in payload.slots]
    with service_errors():
        return services.availability_set(carer=carer, slots=slots)


@router.get(
    "/organisations/{organisation_id}/volunteer/hours", response={200: list[HoursOut], **NOT_FOUND}
)
@paginate(Page)
def volunteer_hours(
    request: AuthedRequest, organisation_id: Id, query: Query[AbsenceQuery]
) -> QuerySet[VolunteerLog]:
    """The volunteer's logged hours from ``start`` (default a year ago) to ``end``."""
    carer = _volunteer(request, organisation_id)
    start = query.start or timezone.localdate() - dt.timedelta(days=MAX_ABSENCE_DAYS)
    start, end = _bounded(start, query.end, MAX_ABSENCE_DAYS)
    return selectors.volunteer_hours(carer=carer, start=start, end=end)


@router.post(
    "/organisations/{organisation_id}/volunteer/hours", response={201: HoursOut, **WRITE_ERRORS}
)
def volunteer_hours_log(request: AuthedRequest, organisation_id: Id, payload: HoursIn) -> Status:
    carer = _volunteer(request, organisation_id)
    with service_errors():
        log = services.volunteer_hours_log(carer=carer, **payload.dict())
    return Status(201, log)


@router.get(
    "/organisations/{organisation_id}/volunteer/expenses",
    response={200: list[ExpenseOut], **NOT_FOUND},
)
@paginate(Page)
def volunteer_expenses(request: AuthedRequest, organisation_id: Id) -> QuerySet[Expense]:
    carer = _volunteer(request, organisation_id)
    return selectors.volunteer_expenses(carer=carer)


@router.post(
    "/organisations/{organisation_id}/volunteer/expenses",
    response={201: ExpenseOut, **WRITE_ERRORS},
)
def volunteer_expense_claim(
    request: AuthedRequest,
    organisation_id: Id,
    payload: Form[ExpenseClaimIn],
    receipt: File[UploadedFile],
) -> Status:
    """A documented expense (L2.3): multipart form with the receipt (a photo or a PDF)."""
    carer = _volunteer(request, organisation_id)
    with service_errors():
        expense = services.expense_claim(carer=carer, receipt=receipt, **payload.dict())
    return Status(201, expense)
