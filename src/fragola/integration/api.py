"""Work-integration API (mounted at /api/v1/integration/): same access rules as the pages.

Personal data (projects, relief per worker, job sites and their teams, timesheets) only for the
co-op's administrator and tutor, each read of a disadvantage certificate or project logged;
another tenant's co-op, or a role without the permission, answers 404.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

import fragola_law as law
from fragola.core.api import (
    NOT_FOUND,
    WRITE_ERRORS,
    Date,
    DetailOut,
    Id,
    InputSchema,
    NoNul,
    Page,
    raise_422,
    service_errors,
)
from fragola.core.http import AuthedRequest
from fragola.integration import access, reports, selectors, services
from fragola.integration.models import JobSite, ObjectKindChoice, ProjectStatus, Team
from fragola.integration.services.conventions import (
    ERR_NO_THRESHOLD,
    ConventionData,
    convention_check,
)
from fragola.integration.wording import criterion_explain
from fragola.workforce.models import Employment

router = Router(tags=["integration"])


class ProjectOut(Schema):
    id: int
    person: str
    referring_service: str
    tutor: str | None
    started_on: dt.date
    weekly_hours: Decimal
    status: str
    outcome: str


class ProjectQuery(Page.Input):
    status: ProjectStatus | None = None


class ProjectPage(Schema):
    items: list[ProjectOut]
    count: int


@router.get("/organisations/{organisation_id}/projects", response={200: ProjectPage, **NOT_FOUND})
def project_list(
    request: HttpRequest, organisation_id: Id, query: Query[ProjectQuery]
) -> ProjectPage:
    """A page of the co-op's projects (``?status=active`` or ``closed``); each project sent is
    logged as a read of art. 9 data, and only those."""
    size = query.page_size or settings.NINJA_PAGINATION_PER_PAGE
    projects, count = selectors.project_page(
        user=request.user,
        organisation_id=organisation_id,
        purpose="integration projects (API)",
        status=query.status or "",
        first=(query.page - 1) * size,
        size=size,
    )
    items = [
        ProjectOut(
            id=p.pk,
            person=p.person.display_name,
            referring_service=p.referring_service,
            tutor=p.tutor.username if p.tutor else None,
            started_on=p.started_on,
            weekly_hours=p.weekly_hours,
            status=p.status,
            outcome=p.outcome,
        )
        for p in projects
    ]
    return ProjectPage(items=items, count=count)


class ReviewOut(Schema):
    id: int
    scheduled_on: dt.date
    held: bool
    participants: str
    outcome: str


class ProjectDetailOut(ProjectOut):
    reviews: list[ReviewOut]


@router.get(
    "/organisations/{organisation_id}/projects/{project_id}",
    response={200: ProjectDetailOut, **NOT_FOUND},
)
def project_detail(request: AuthedRequest, organisation_id: Id, project_id: Id) -> ProjectDetailOut:
    """One project with its reviews (the read is logged)."""
    p = selectors.project_get(
        user=request.user, organisation_id=organisation_id, project_id=project_id,
        purpose="integration project (API)",
    )  # fmt: skip
    return ProjectDetailOut(
        id=p.pk, person=p.person.display_name, referring_service=p.referring_service,
        tutor=p.tutor.username if p.tutor else None, started_on=p.started_on,
        weekly_hours=p.weekly_hours, status=p.status, outcome=p.outcome,
        reviews=[
            ReviewOut(
                id=r.pk, scheduled_on=r.scheduled_on, held=r.held,
                participants=r.participants, outcome=r.outcome,
            )
            for r in p.reviews.all()
        ],
    )  # fmt: skip


class ReviewIn(InputSchema):
    scheduled_on: Date
    held: bool = False
    participants: str = ""
    outcome: str = ""


@router.post(
    "/organisations/{organisation_id}/projects/{project_id}/reviews",
    response={201: DetailOut, **NOT_FOUND},
)
def review_add(
    request: HttpRequest, organisation_id: Id, project_id: Id, payload: ReviewIn
) -> tuple[int, DetailOut]:
    project = selectors.project_get(
        user=request.user, organisation_id=organisation_id, project_id=project_id,
        purpose="integration project review (API)",
    )  # fmt: skip
    try:
        review = services.review_record(project=project, **payload.dict())
    except ValidationError as exc:
        raise_422(exc)
    return 201, DetailOut(detail=f"review {review.pk}")


class MonthOut(Schema):
    day: dt.date
    workers: int
    disadvantaged: int
    ratio: float | None
    average_ratio: float | None
    status: str


class RatioOut(Schema):
    status: str
    value: float | None
    explanation: str
    forecast: list[MonthOut]


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


@router.get("/organisations/{organisation_id}/ratio", response={200: RatioOut, **NOT_FOUND})
def ratio(request: HttpRequest, organisation_id: Id) -> RatioOut:
    view = selectors.ratio_view(
        user=request.user, organisation_id=organisation_id, today=timezone.localdate()
    )
    rows = [
        MonthOut(
            day=row.day, workers=row.workers, disadvantaged=row.disadvantaged,
            ratio=_float(row.ratio), average_ratio=_float(row.average_ratio),
            status=row.status.value,
        )
        for row in view.rows
    ]  # fmt: skip
    return RatioOut(
        status=view.live.status.value,
        value=view.live.value,
        explanation=view.live_explanation,
        forecast=rows,
    )


class HiresNeededOut(Schema):
    until: dt.date
    heads: int | None
    average: int | None


@router.get(
    "/organisations/{organisation_id}/hires-needed", response={200: HiresNeededOut, **NOT_FOUND}
)
def hires_needed(request: HttpRequest, organisation_id: Id, until: Date) -> HiresNeededOut:
    view = selectors.ratio_view(
        user=request.user, organisation_id=organisation_id, today=timezone.localdate()
    )
    heads, average = selectors.hires_needed_for(view.state, until)
    return HiresNeededOut(until=until, heads=heads, average=average)


class CriterionOut(Schema):
    code: str
    rule: str
    passed: bool
    explanation: str


class EligibilityOut(Schema):
    eligible: bool
    criteria: list[CriterionOut]


def _eligibility(result: law.Eligibility) -> EligibilityOut:
    return EligibilityOut(
        eligible=result.eligible,
        criteria=[
            CriterionOut(
                code=c.code, rule=c.rule, passed=c.passed, explanation=criterion_explain(c)
            )
            for c in result.criteria
        ],
    )


class ConventionIn(InputSchema):
    public_body: str
    object_kind: str
    value_net_of_vat: Decimal
    checked_on: Date
    job_plan_summary: str = ""
    notice_reference: str = ""
    invitees: str = ""
    scoring: str = ""


@router.post(
    "/organisations/{organisation_id}/conventions/check",
    response={200: EligibilityOut, **NOT_FOUND},
)
def convention_eligibility(
    request: HttpRequest, organisation_id: Id, payload: ConventionIn
) -> EligibilityOut:
    organisation = access.access_aggregates(request.user, organisation_id)
    try:
        result = convention_check(organisation=organisation, data=ConventionData(**payload.dict()))
    except ValidationError as exc:
        raise_422(exc)
    return _eligibility(result)


class GroupMemberIn(InputSchema):
    name: str
    disadvantaged_share: Decimal
    integration_aim: bool = True


class ReservedIn(InputSchema):
    on: Date
    members: list[GroupMemberIn]


@router.post("/reserved-contracts/check", response=EligibilityOut)
def reserved_contract(request: HttpRequest, payload: ReservedIn) -> EligibilityOut:
    """P1 (art. 61): every member of a grouping needs ≥ 30 %; pure, no data read."""
    members = [
        law.GroupMember(m.name, m.disadvantaged_share, m.integration_aim) for m in payload.members
    ]
    try:
        result = law.reserved_contract_eligibility(on=payload.on, members=members)
    except law.NoValueInForce as exc:
        raise_422(ValidationError({"on": ERR_NO_THRESHOLD}), cause=exc)
    return _eligibility(result)


class ReliefOut(Schema):
    employment_id: int
    fiscal_code: str
    relief: str
    rate: Decimal
    relief_from: dt.date | None
    relief_until: dt.date | None
    lost: list[str]


@router.get(
    "/organisations/{organisation_id}/relief/{year}/{month}",
    response={200: list[ReliefOut], **NOT_FOUND},
)
def relief(request: HttpRequest, organisation_id: Id, year: int, month: int) -> list[ReliefOut]:
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404("No such month")
    _, rows, _ok = reports.relief_month(
        user=request.user, organisation_id=organisation_id, year=year, month=month,
        today=timezone.localdate(), purpose="contribution relief (API)",
    )  # fmt: skip
    return [
        ReliefOut(
            employment_id=row.employment.pk, fiscal_code=row.employment.person.fiscal_code,
            relief=row.line.kind.value, rate=row.line.rate, relief_from=row.line.relief_from,
            relief_until=row.line.relief_until, lost=[x.value for x in row.line.losses],
        )
        for row in rows
    ]  # fmt: skip


class TimesheetIn(InputSchema):
    employment_id: Id
    day: Date
    hours: Decimal
    site_id: Id | None = None


@router.post("/organisations/{organisation_id}/timesheets", response={201: DetailOut, **NOT_FOUND})
def timesheet(
    request: HttpRequest, organisation_id: Id, payload: TimesheetIn
) -> tuple[int, DetailOut]:
    organisation = access.access_personal(request.user, organisation_id)
    employment = Employment.objects.filter(
        pk=payload.employment_id, organisation=organisation
    ).first()
    site_ok = payload.site_id is None or (
        JobSite.objects.filter(pk=payload.site_id, contract__organisation=organisation).exists()
    )
    if employment is None or not site_ok:
        raise Http404("No such contract or site")
    try:
        entry = services.timesheet_record(
            employment=employment, day=payload.day, hours=payload.hours, site_id=payload.site_id
        )
    except ValidationError as exc:
        raise_422(exc)
    return 201, DetailOut(detail=f"timesheet {entry.pk}")


class OutcomesOut(Schema):
    coops: int
    active: int
    closed: int
    outcomes: dict[str, int]


@router.get("/organisations/{organisation_id}/outcomes", response={200: OutcomesOut, **NOT_FOUND})
def outcomes(request: HttpRequest, organisation_id: Id) -> OutcomesOut:
    stats = selectors.outcome_stats(
        user=request.user, organisation_id=organisation_id, today=timezone.localdate()
    )
    return OutcomesOut(
        coops=stats.coops, active=stats.active, closed=stats.closed, outcomes=stats.outcomes
    )


# --- job sites, their teams and timesheets (administrator and tutor) --------------------------


class SiteOut(Schema):
    id: int
    contract_id: int
    client: str = Field(alias="contract.client")
    object_kind: str = Field(alias="contract.object_kind")
    name: str
    address: str


class TeamOut(Schema):
    id: int
    name: str
    members: int
    disadvantaged: int
    hours_week: Decimal


class SiteDetailOut(SiteOut):
    teams: list[TeamOut] = Field(alias="teams_today")


@router.get(
    "/organisations/{organisation_id}/job-sites", response={200: list[SiteOut], **NOT_FOUND}
)
@paginate(Page)
def site_list(request: AuthedRequest, organisation_id: Id) -> QuerySet[JobSite]:
    return selectors.site_list(user=request.user, organisation_id=organisation_id)


class ContractSiteIn(InputSchema):
    """A client contract and its first job site, created together (or neither)."""

    client: Annotated[str, NoNul] = Field(..., max_length=200)
    object_kind: ObjectKindChoice
    value_net_of_vat: Decimal = Field(..., max_digits=12, decimal_places=2)
    started_on: Date
    ends_on: Date | None = None
    description: Annotated[str, NoNul] = Field("", max_length=300)
    site_name: Annotated[str, NoNul] = Field(..., max_length=200)
    site_address: Annotated[str, NoNul] = Field("", max_length=255)


@router.post("/organisations/{organisation_id}/job-sites", response={201: SiteOut, **WRITE_ERRORS})
def contract_with_site_create(
    request: AuthedRequest, organisation_id: Id, payload: ContractSiteIn
) -> Status:
    organisation = access.access_personal(request.user, organisation_id)
    with service_errors():
        site = services.work.contract_with_site_create(organisation=organisation, **payload.dict())
    return Status(201, site)


@router.get(
    "/organisations/{organisation_id}/job-sites/{site_id}",
    response={200: SiteDetailOut, **NOT_FOUND},
)
def site_detail(request: AuthedRequest, organisation_id: Id, site_id: Id) -> JobSite:
    """The site with today's teams: heads, disadvantaged heads (certificate reads logged)."""
    site = selectors.site_get(user=request.user, organisation_id=organisation_id, site_id=site_id)
    rows = selectors.site_teams(
        user=request.user, site=site, day=timezone.localdate(), purpose="job site (API)"
    )
    site.teams_today = [  # type: ignore[attr-defined]
        TeamOut(
            id=row.team.pk, name=row.team.name, members=row.members,
            disadvantaged=row.disadvantaged, hours_week=row.hours_week,
        )
        for row in rows
    ]  # fmt: skip
    return site


class MonthQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    month: int | None = Field(None, ge=1, le=12)


class EntryOut(Schema):
    id: int
    day: dt.date
    hours: Decimal


class WorkerMonthOut(Schema):
    employment_id: int
    worker: str
    total: Decimal
    entries: list[EntryOut]


@router.get(
    "/organisations/{organisation_id}/job-sites/{site_id}/timesheets",
    response={200: list[WorkerMonthOut], **NOT_FOUND},
)
def site_timesheets(
    request: AuthedRequest, organisation_id: Id, site_id: Id, query: Query[MonthQuery]
) -> list[WorkerMonthOut]:
    """The hours recorded on the site in one month (default this month), per worker."""
    site = selectors.site_get(user=request.user, organisation_id=organisation_id, site_id=site_id)
    today = timezone.localdate()
    rows = selectors.timesheet_month(
        site=site, year=query.year or today.year, month=query.month or today.month
    )
    return [
        WorkerMonthOut(
            employment_id=row.employment.pk, worker=row.employment.person.display_name,
            total=row.total,
            entries=[EntryOut(id=e.pk, day=e.day, hours=e.hours) for e in row.entries],
        )
        for row in rows
    ]  # fmt: skip


class SiteHoursIn(InputSchema):
    employment_id: Id
    day: Date
    hours: Decimal = Field(..., max_digits=4, decimal_places=2)
    team_id: Id | None = None


@router.post(
    "/organisations/{organisation_id}/job-sites/{site_id}/timesheets",
    response={201: EntryOut, **WRITE_ERRORS},
)
def site_timesheet_record(
    request: AuthedRequest, organisation_id: Id, site_id: Id, payload: SiteHoursIn
) -> Status:
    """A worker's hours on the site on a day (replacing what was recorded for that day)."""
    site = selectors.site_get(user=request.user, organisation_id=organisation_id, site_id=site_id)
    employment = Employment.objects.filter(
        pk=payload.employment_id, organisation_id=organisation_id
    ).first()
    team = None
    if payload.team_id is not None:
        team = Team.objects.filter(pk=payload.team_id, site=site).first()
    if employment is None or (payload.team_id is not None and team is None):
        raise Http404("No such contract or team")
    with service_errors():
        entry = services.work.site_timesheet_record(
            site=site, team=team, employment=employment, day=payload.day, hours=payload.hours,
            today=timezone.localdate(),
        )  # fmt: skip
    return Status(201, entry)
