"""Reads of the care app, scoped by the acting user; health data reads are logged here.

At the end, what home care tells the compliance engine (L2.2): volunteers' insurance and
rostered days in ``fragola_law``'s plain types, for ``fragola.compliance.adapter``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

import fragola_law as r
from fragola.care.access import can_read_health
from fragola.care.models import (
    Absence,
    CarePlan,
    Carer,
    CarerKind,
    Expense,
    HealthRecord,
    PlanService,
    ServiceUser,
    Visit,
    VisitStatus,
    VolunteerLog,
)
from fragola.core.access import UserLike
from fragola.core.services import sensitive_read_log
from fragola.registry.models import Organisation, Role, RoleName


def service_user_list(*, organisation: Organisation, query: str = "") -> QuerySet[ServiceUser]:
    users = ServiceUser.objects.filter(organisation=organisation).select_related("comune")
    if query:
        users = users.filter(last_name__icontains=query) | users.filter(first_name__icontains=query)
    return users


def health_record_read(
    *, user: UserLike, service_user: ServiceUser, purpose: str
) -> HealthRecord | None:
    """The user's health data if ``user`` may read it (each read is logged), else None."""
    if not isinstance(user, AbstractBaseUser) or not can_read_health(user, service_user):
        return None
    record = HealthRecord.objects.filter(service_user=service_user).first()
    sensitive_read_log(
        user=user,
        organisation_id=service_user.organisation_id,
        subject=service_user.display_name,
        object_type="care.HealthRecord",
        object_id=str(service_user.pk),
        purpose=purpose,
    )
    return record


def care_plans_read(
    *, user: UserLike, service_user: ServiceUser, purpose: str, plan_id: int | None = None
) -> QuerySet[CarePlan]:
    """The user's care plans (PAI: goals and needs are art. 9 data); the read is logged.

    The caller has already checked access; ``plan_id`` narrows the read (and the log) to one plan.
    """
    plans = plans_of(service_user)
    if plan_id is not None:
        plans = plans.filter(pk=plan_id)
    if isinstance(user, AbstractBaseUser):
        sensitive_read_log(
            user=user,
            organisation_id=service_user.organisation_id,
            subject=service_user.display_name,
            object_type="care.CarePlan",
            object_id=str(plan_id if plan_id is not None else service_user.pk),
            purpose=purpose,
        )
    return plans


def my_visits(*, user: UserLike, start: dt.date, end: dt.date) -> QuerySet[Visit]:
    """The user's own visits, only where they hold the carer (or volunteer) role today.

    Roles are read at each call, so removing a carer's role closes this list at once, for the
    browser session and for every API token of theirs alike.
    """
    uid = int(user.pk or 0)
    roles = Role.objects.filter(user_id=uid)
    carer_orgs = roles.filter(name=RoleName.CARER).values("organisation_id")
    volunteer_orgs = roles.filter(name=RoleName.VOLUNTEER).values("organisation_id")
    return (
        Visit.objects.filter(
            Q(carer__kind=CarerKind.WORKER, organisation_id__in=carer_orgs)
            | Q(carer__kind=CarerKind.VOLUNTEER, organisation_id__in=volunteer_orgs),
            carer__user_id=uid,
            carer__active=True,
            day__gte=start,
            day__lte=end,
        )
        .select_related("plan_service")
        .order_by("starts_at", "pk")
    )


def plans_of(service_user: ServiceUser) -> QuerySet[CarePlan]:
    return service_user.plans.prefetch_related(
        Prefetch("services", queryset=PlanService.objects.order_by("window_start", "pk")),
        "preferred_carers__person",
        "refused_carers__person",
    ).select_related("commission")


def visit_list(
    *,
    organisation: Organisation,
    start: dt.date,
    end: dt.date,
    service_user: ServiceUser | None = None,
    status: str = "",
) -> QuerySet[Visit]:
    visits = Visit.objects.filter(organisation=organisation, day__gte=start, day__lte=end)
    if service_user is not None:
        visits = visits.filter(service_user=service_user)
    if status:
        visits = visits.filter(status=status)
    return visits.select_related("service_user", "plan_service", "carer__person")


def visits_of_commissions(
    *, commission_ids: Collection[int], start: dt.date, end: dt.date, statuses: Collection[str]
) -> QuerySet[Visit]:
    """The visits (not volunteer tasks) from ``start`` to ``end`` under the given commissions,
    in the given statuses, with their service and commission: what a billing run counts."""
    return (
        Visit.objects.filter(
            plan_service__plan__commission_id__in=list(commission_ids),
            day__gte=start,
            day__lte=end,
            status__in=list(statuses),
            is_volunteer_task=False,
        )
        .select_related("plan_service__plan")
        .order_by("day", "starts_at", "slot", "pk")
    )


def hours_done_by_month(
    *, commission_ids: Collection[int], start: dt.date, end: dt.date
) -> dict[tuple[int, dt.date], Decimal]:
    """Hours of done visits (not volunteer tasks) from ``start`` to ``end``, by commission and
    first day of the month, in one query: what a public contract's lots have delivered."""
    rows = (
        Visit.objects.filter(
            plan_service__plan__commission_id__in=list(commission_ids),
            day__gte=start,
            day__lte=end,
            status=VisitStatus.DONE,
            is_volunteer_task=False,
        )
        .order_by()
        .values_list("plan_service__plan__commission_id", "day", "starts_at", "ends_at")
    )
    hours: dict[tuple[int, dt.date], Decimal] = defaultdict(Decimal)
    for commission_id, day, starts_at, ends_at in rows:
        minutes = int((ends_at - starts_at).total_seconds()) // 60
        hours[commission_id, day.replace(day=1)] += Decimal(minutes) / 60
    return {key: value.quantize(Decimal("0.01")) for key, value in hours.items()}


def carer_today(*, carer: Carer, day: dt.date) -> list[Visit]:
    """A carer's visits of the day in order, with the last handover notes of each user."""
    visits = list(
        Visit.objects.filter(carer=carer, day=day)
        .exclude(status=VisitStatus.CANCELLED)
        .select_related("service_user__comune", "plan_service", "carer")
        .order_by("starts_at", "slot")
    )
    handovers = last_handovers({v.service_user_id for v in visits}, before=timezone.now())
    for visit in visits:
        visit.previous_handover = handovers.get(visit.service_user_id, "")  # type: ignore[attr-defined]
    return visits


def last_handovers(service_user_ids: set[int], *, before: dt.datetime) -> dict[int, str]:
    """The most recent handover note left for each user (one query)."""
    rows = (
        Visit.objects.filter(
            service_user_id__in=service_user_ids,
            status=VisitStatus.DONE,
            checked_out_at__lt=before,
        )
        .exclude(handover_notes="")
        .order_by("service_user_id", "-checked_out_at")
        .values_list("service_user_id", "handover_notes")
    )
    result: dict[int, str] = {}
    for user_id, note in rows:
        result.setdefault(user_id, note)
    return result


def open_volunteer_tasks(*, organisation: Organisation, since: dt.date) -> QuerySet[Visit]:
    return (
        Visit.objects.filter(
            organisation=organisation,
            is_volunteer_task=True,
            status=VisitStatus.PLANNED,
            day__gte=since,
        )
        .select_related("service_user__comune", "plan_service")
        .order_by("starts_at")
    )


def volunteer_overview(*, carer: Carer, since: dt.date) -> dict[str, object]:
    return {
        "tasks": Visit.objects.filter(carer=carer, day__gte=since)
        .select_related("service_user__comune", "plan_service")
        .order_by("starts_at"),
        "logs": VolunteerLog.objects.filter(carer=carer)[:20],
        "expenses": Expense.objects.filter(carer=carer)[:20],
        "availability": list(carer.availability.all()),
    }


def expense_list(*, organisation: Organisation, status: str = "") -> QuerySet[Expense]:
    """The volunteers' expenses of a co-op, oldest claim first, with who claimed them."""
    expenses = Expense.objects.filter(carer__organisation=organisation)
    if status:
        expenses = expenses.filter(status=status)
    return expenses.select_related("carer__person").order_by("day", "pk")


def carer_list(
    *, organisation: Organisation, kind: str | None = None, active: bool | None = None
) -> QuerySet[Carer]:
    carers = Carer.objects.filter(organisation=organisation)
    if kind:
        carers = carers.filter(kind=kind)
    if active is not None:
        carers = carers.filter(active=active)
    return carers.select_related("person", "home_comune").prefetch_related(
        "qualifications", "absences"
    )


def carer_get(*, carer_id: int) -> Carer | None:
    """One carer with what the API shows of them; the caller checks access."""
    return (
        Carer.objects.select_related("person")
        .prefetch_related("qualifications", "availability")
        .filter(pk=carer_id)
        .first()
    )


def carer_profile(user: UserLike, organisation_id: int, kind: str | None = None) -> Carer | None:
    """The acting user's own active carer (or volunteer) record in the co-op, if they have one."""
    if not user.is_authenticated:
        return None
    carers = Carer.objects.filter(
        organisation_id=organisation_id, user_id=int(user.pk or 0), active=True
    )
    if kind is not None:
        carers = carers.filter(kind=kind)
    return carers.select_related("person").first()


def absence_list(*, carer: Carer, start: dt.date, end: dt.date) -> QuerySet[Absence]:
    """The carer's absences that overlap ``start``…``end``."""
    return Absence.objects.filter(carer=carer, starts_on__lte=end, ends_on__gte=start).order_by(
        "starts_on", "pk"
    )


def volunteer_hours(*, carer: Carer, start: dt.date, end: dt.date) -> QuerySet[VolunteerLog]:
    return VolunteerLog.objects.filter(carer=carer, day__gte=start, day__lte=end).order_by(
        "-day", "-pk"
    )


def volunteer_expenses(*, carer: Carer) -> QuerySet[Expense]:
    return (
        Expense.objects.filter(carer=carer).select_related("carer__person").order_by("-day", "-pk")
    )


def assignable_carers(*, visit: Visit) -> QuerySet[Carer]:
    carers = Carer.objects.filter(organisation_id=visit.organisation_id, active=True)
    if not visit.is_volunteer_task:
        carers = carers.filter(kind=CarerKind.WORKER)
    return carers.select_related("person")


@dataclass(frozen=True)
class FamilyView:
    service_user: ServiceUser
    plans: list[CarePlan]
    coming: list[Visit]
    done: list[Visit]


def family_view(*, service_user: ServiceUser, today: dt.date) -> FamilyView:
    """What a relative sees: the plan, who comes next and what was done (no health data)."""
    visits = Visit.objects.filter(service_user=service_user).select_related(
        "carer__person", "plan_service"
    )
    coming = visits.filter(day__gte=today, day__lte=today + dt.timedelta(days=14)).exclude(
        status__in=[VisitStatus.CANCELLED, VisitStatus.DONE, VisitStatus.MISSED]
    )
    done = visits.filter(status=VisitStatus.DONE).order_by("-starts_at")[:20]
    active_plans = plans_of(service_user).filter(status="active")
    return FamilyView(service_user, list(active_plans), list(coming), list(done))


# What the compliance engine reads (L2.2) --------------------------------------------------------

# The care app records when cover ends, not when it began: count it from the beginning.
COVER_START_UNKNOWN = dt.date.min


def volunteer_facts(org_ids: Collection[int] | None) -> dict[int, list[r.VolunteerFact]]:
    """Each co-op's volunteers: insurance cover and the days they are rostered (L2.2).

    Called by ``fragola.compliance.adapter.load_facts`` (compliance sits above home care) for
    ``org_ids`` (every co-op if None), with no acting user: the engine's scans and vetting read
    every co-op alike, and what it shows is checked by compliance's own selectors. Two queries
    for any number of co-operatives; volunteers as ids, nothing of their health or names.
    """
    volunteers = Carer.objects.filter(kind=CarerKind.VOLUNTEER)
    if org_ids is not None:
        volunteers = volunteers.filter(organisation_id__in=list(org_ids))
    days: dict[int, set[dt.date]] = defaultdict(set)
    for carer_id, day in _rostered_days(volunteers):
        days[carer_id].add(day)
    facts: dict[int, list[r.VolunteerFact]] = defaultdict(list)
    rows = volunteers.values_list("pk", "organisation_id", "insured_until")
    for pk, org_id, insured_until in rows:
        facts[org_id].append(
            r.VolunteerFact(
                volunteer_id=str(pk),
                insured_from=COVER_START_UNKNOWN if insured_until else None,
                insured_until=insured_until,
                rostered_on=tuple(sorted(days.get(pk, ()))),
            )
        )
    return facts


def _rostered_days(volunteers: QuerySet[Carer]) -> Iterable[tuple[int, dt.date]]:
    """Each volunteer's distinct days with a visit that was not cancelled.

    A quarter of the carers are volunteers but they make few visits: PostgreSQL, judging from
    the carers, expects a quarter of a million visits and reads the whole table (a second on a
    million visits). Asking volunteer by volunteer (a lateral join on the carer's index) reads
    only their rows. Other databases plan the plain join that way already.
    """
    visits = Visit.objects.filter(carer__in=volunteers).exclude(status=VisitStatus.CANCELLED)
    if connection.vendor != "postgresql":
        return visits.values_list("carer_id", "day").distinct()
    carers_sql, params = volunteers.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT carer.id, visit.day FROM ({carers_sql}) AS carer(id)
                CROSS JOIN LATERAL (
                    SELECT DISTINCT day FROM {Visit._meta.db_table}
                    WHERE carer_id = carer.id AND status <> %s
                ) AS visit""",  # noqa: S608  (table name and a compiled queryset, no user text)
            [*params, VisitStatus.CANCELLED],
        )
        return cursor.fetchall()
