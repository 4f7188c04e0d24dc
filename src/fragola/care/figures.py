"""Planned, delivered and billable hours; continuity of care; volunteer hours (kept apart).

Each report is one or two queries whatever the number of visits, summed in the database
(grouped by month, user, service...): the rows read are the report's rows, not the visits.

- planned: every visit not cancelled, at its planned length;
- delivered: done visits, check-in to check-out;
- billable: done visits, the delivered time up to the planned length;
- volunteer tasks and visits by volunteers never count as professional hours (L2.4).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import NotSupportedError
from django.db.models import (
    BigIntegerField,
    Count,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce, Least, TruncMonth

from fragola.care.models import (
    AuthorisedHours,
    CarePlan,
    CarerKind,
    ServiceKind,
    Visit,
    VisitStatus,
    VolunteerLog,
)
from fragola.registry.models import Organisation

USUAL_CARERS = 2


@dataclass
class HoursRow:
    month: dt.date
    service_kind: str
    funder: str
    service_user_id: int | None = None
    service_user: str = ""
    planned_minutes: int = 0
    delivered_minutes: int = 0
    billable_minutes: int = 0
    visits_done: int = 0
    visits_missed: int = 0

    @property
    def service_label(self) -> str:
        return str(ServiceKind(self.service_kind).label)

    @property
    def planned_hours(self) -> Decimal:
        return _hours(self.planned_minutes)

    @property
    def delivered_hours(self) -> Decimal:
        return _hours(self.delivered_minutes)

    @property
    def billable_hours(self) -> Decimal:
        return _hours(self.billable_minutes)


@dataclass
class Continuity:
    service_user_id: int
    service_user: str
    visits: int = 0
    by_usual: int = 0
    carers: Counter[int] = field(default_factory=Counter)

    @property
    def share(self) -> Decimal:
        if not self.visits:
            return Decimal("0")
        return (Decimal(self.by_usual) / Decimal(self.visits)).quantize(Decimal("0.01"))


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / Decimal(60)).quantize(Decimal("0.01"))


class Minutes(Func):
    """Whole minutes from ``start`` to ``end`` (NULL if either is), floored visit by visit as
    ``Visit.planned_minutes`` floors them: the sums are those of the visits one by one."""

    arity = 2
    output_field = IntegerField()

    def __init__(self, start: str, end: str) -> None:
        super().__init__(F(end), F(start))

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra: Any) -> Any:
        raise NotSupportedError(f"Minutes is not implemented for {connection.vendor}")

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "CAST(FLOOR(EXTRACT(EPOCH FROM (%(expressions)s)) / 60) AS integer)"
        return Func.as_sql(self, compiler, connection, template=template, arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # Django's own function: the exact difference in microseconds, an integer.
        template = "(django_timestamp_diff(%(expressions)s) / 60000000)"
        return Func.as_sql(self, compiler, connection, template=template, **extra)


class Micros(Func):
    """A time as whole microseconds since 1970 (exact, and an integer: a report that only
    compares times reads thousands of them without making a datetime of each)."""

    arity = 1
    output_field = BigIntegerField()

    def __init__(self, time: str) -> None:
        super().__init__(F(time))

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra: Any) -> Any:
        raise NotSupportedError(f"Micros is not implemented for {connection.vendor}")

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "CAST(EXTRACT(EPOCH FROM %(expressions)s) * 1000000 AS bigint)"
        return Func.as_sql(self, compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "django_timestamp_diff(%(expressions)s, '1970-01-01 00:00:00')"
        return Func.as_sql(self, compiler, connection, template=template, **extra)


PLANNED = Minutes("starts_at", "ends_at")
DELIVERED = Coalesce(Minutes("checked_in_at", "checked_out_at"), 0)
DONE = Q(status=VisitStatus.DONE)
STARTS = Micros("starts_at")
USER_FIELDS = ("service_user_id", "service_user__last_name", "service_user__first_name")


def _professional(organisation: Organisation, start: dt.date, end: dt.date) -> QuerySet[Visit]:
    return (
        Visit.objects.filter(
            organisation=organisation, day__gte=start, day__lte=end, is_volunteer_task=False
        )
        .exclude(status=VisitStatus.CANCELLED)
        .exclude(carer__kind=CarerKind.VOLUNTEER)
    )


def _name(v: dict[str, Any]) -> str:
    return f"{v['service_user__last_name']} {v['service_user__first_name']}"


def hours_report(
    *, organisation: Organisation, start: dt.date, end: dt.date, per_user: bool = True
) -> list[HoursRow]:
    """Hours per month, service, funder (and user unless ``per_user`` is False). One query,
    grouped in the database."""
    funder = "plan_service__plan__commission__funder_name"
    keys = ("plan_service__kind", funder, *(USER_FIELDS if per_user else ()))
    groups = (
        _professional(organisation, start, end)
        .order_by()
        .values(*keys, month=TruncMonth("day"))
        .annotate(
            planned=Sum(PLANNED, default=0),
            delivered=Sum(DELIVERED, filter=DONE, default=0),
            billable=Sum(Least(DELIVERED, PLANNED), filter=DONE, default=0),
            done=Count("pk", filter=DONE),
            missed=Count("pk", filter=Q(status=VisitStatus.MISSED)),
        )
    )
    rows: dict[tuple[object, ...], HoursRow] = {}
    for v in groups:
        # No funder and an empty one are both "—": one row, as the visits' own sums would be.
        user_id = v["service_user_id"] if per_user else None
        key = (v["month"], v["plan_service__kind"], v[funder] or "—", user_id)
        row = rows.get(key)
        if row is None:
            row = rows[key] = HoursRow(*key, _name(v) if per_user else "")
        row.planned_minutes += v["planned"]
        row.delivered_minutes += v["delivered"]
        row.billable_minutes += v["billable"]
        row.visits_done += v["done"]
        row.visits_missed += v["missed"]
    return sorted(rows.values(), key=lambda r: (r.month, r.service_user, r.service_kind, r.funder))


def totals(rows: list[HoursRow]) -> dict[str, Decimal]:
    return {
        "planned": _hours(sum(r.planned_minutes for r in rows)),
        "delivered": _hours(sum(r.delivered_minutes for r in rows)),
        "billable": _hours(sum(r.billable_minutes for r in rows)),
    }


@dataclass
class AuthorisedRow:
    """One user's month for one service: hours authorised by the commissioning beside the
    hours planned and delivered (professional visits only)."""

    month: dt.date
    service_user_id: int
    service_user: str
    service_kind: str
    authorised_hours: Decimal | None = None  # None: no authorisation for this service
    planned_minutes: int = 0
    delivered_minutes: int = 0

    @property
    def service_label(self) -> str:
        return str(ServiceKind(self.service_kind).label)

    @property
    def planned_hours(self) -> Decimal:
        return _hours(self.planned_minutes)

    @property
    def delivered_hours(self) -> Decimal:
        return _hours(self.delivered_minutes)

    @property
    def planned_over(self) -> bool:
        return self.authorised_hours is not None and self.planned_hours > self.authorised_hours

    @property
    def delivered_over(self) -> bool:
        return self.authorised_hours is not None and self.delivered_hours > self.authorised_hours

    @property
    def over(self) -> bool:
        """The month's flag: more hours planned or delivered than authorised."""
        return self.planned_over or self.delivered_over


def _month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def authorised_report(
    *,
    organisation: Organisation,
    start: dt.date,
    end: dt.date,
    hours_rows: list[HoursRow] | None = None,
) -> list[AuthorisedRow]:
    """Per user, month and service: authorised (from the user's commissions in force that
    month, summed), planned and delivered hours. Two queries; one if ``hours_rows`` is the per-user
    ``hours_report`` of the same period (its rows, summed over funders, are these hours).

    A commission in force for part of a month authorises its full monthly hours for it."""
    rows: dict[tuple[int, dt.date, str], AuthorisedRow] = {}
    if hours_rows is None:
        groups = (
            _professional(organisation, start, end)
            .order_by()
            .values(*USER_FIELDS, "plan_service__kind", month=TruncMonth("day"))
            .annotate(
                planned=Sum(PLANNED, default=0), delivered=Sum(DELIVERED, filter=DONE, default=0)
            )
        )
        for v in groups:
            key = (v["service_user_id"], v["month"], v["plan_service__kind"])
            rows[key] = AuthorisedRow(
                key[1], key[0], _name(v), key[2], None, v["planned"], v["delivered"]
            )
    else:
        for h in hours_rows:
            if h.service_user_id is None:
                raise ValueError("authorised hours need the per-user hours report")
            key = (h.service_user_id, h.month, h.service_kind)
            row = rows.get(key)
            if row is None:
                row = rows[key] = AuthorisedRow(key[1], key[0], h.service_user, key[2])
            row.planned_minutes += h.planned_minutes
            row.delivered_minutes += h.delivered_minutes
    user_ids = {user_id for user_id, _m, _k in rows}
    authorisations = AuthorisedHours.objects.filter(
        commission__service_user_id__in=user_ids
    ).values_list(
        "commission__service_user_id",
        "service_kind",
        "hours_per_month",
        "commission__starts_on",
        "commission__ends_on",
    )
    by_service: dict[tuple[int, str], list[AuthorisedRow]] = defaultdict(list)
    for row in rows.values():
        by_service[(row.service_user_id, row.service_kind)].append(row)
    for user_id, kind, hours, starts_on, ends_on in authorisations:
        for row in by_service.get((user_id, kind), []):
            if starts_on <= _month_end(row.month) and (ends_on is None or ends_on >= row.month):
                row.authorised_hours = (row.authorised_hours or Decimal("0")) + hours
    return sorted(rows.values(), key=lambda r: (r.month, r.service_user, r.service_kind))


def continuity_report(
    *, organisation: Organisation, start: dt.date, end: dt.date
) -> list[Continuity]:
    """Share of each user's done visits made by their usual carers: the plan's preferred
    carers, or else the ``USUAL_CARERS`` carers who came most often (on a tie, those who came
    first). Two queries; a third, for the few users whose plan or usual carers the counts
    cannot tell apart (visits at the same time), reads those users' visits one by one."""
    done = _professional(organisation, start, end).filter(status=VisitStatus.DONE)
    groups = (
        done.order_by()
        .values(*USER_FIELDS, "carer_id", plan_id=F("plan_service__plan_id"))
        .annotate(visits=Count("pk"), first=Min(STARTS), last=Max(STARTS))
    )
    by_user: dict[int, Continuity] = {}
    seen: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for v in groups:
        by_user.setdefault(v["service_user_id"], Continuity(v["service_user_id"], _name(v)))
        seen[v["service_user_id"]].append(v)
    plan_of: dict[int, int] = {}
    unclear: list[int] = []
    for user_id, item in by_user.items():
        plan, carers, clear = _plan_and_carers(seen[user_id])
        plan_of[user_id] = plan
        item.carers = carers
        item.visits = sum(carers.values())
        if not clear:
            unclear.append(user_id)
    if unclear:
        for item in (by_user[user_id] for user_id in unclear):
            item.visits, item.carers = 0, Counter()
        for user_id, carer_id, plan_id in done.filter(service_user_id__in=unclear).values_list(
            "service_user_id", "carer_id", "plan_service__plan_id"
        ):
            item = by_user[user_id]
            item.visits += 1
            item.carers[carer_id] += 1
            plan_of[user_id] = plan_id
    preferred: dict[int, set[int]] = defaultdict(set)
    through = CarePlan.preferred_carers.through.objects.filter(careplan_id__in=plan_of.values())
    for plan_id, carer_id in through.values_list("careplan_id", "carer_id"):
        preferred[plan_id].add(carer_id)
    for user_id, item in by_user.items():
        usual = preferred.get(plan_of[user_id]) or {
            c for c, _n in item.carers.most_common(USUAL_CARERS)
        }
        item.by_usual = sum(n for c, n in item.carers.items() if c in usual)
    return sorted(by_user.values(), key=lambda c: c.service_user)


def _plan_and_carers(groups: list[dict[str, Any]]) -> tuple[int, Counter[int], bool]:
    """One user's plan (that of the last visit), visits per carer in the order they first
    came, and whether the counts alone tell both: not when two plans have a visit at the
    last time, or when carers tied at the edge of the usual ones first came at one time."""
    last = max(g["last"] for g in groups)
    plans = {g["plan_id"] for g in groups if g["last"] == last}
    first: dict[int, int] = {}  # microseconds since 1970
    carers: Counter[int] = Counter()
    for g in groups:
        carer = g["carer_id"]
        first[carer] = min(first.get(carer, g["first"]), g["first"])
        carers[carer] += g["visits"]
    ordered = Counter({c: carers[c] for c in sorted(carers, key=first.__getitem__)})
    counts = sorted(ordered.values(), reverse=True)
    clear = len(plans) == 1
    if clear and len(counts) > USUAL_CARERS and counts[USUAL_CARERS - 1] == counts[USUAL_CARERS]:
        tie = counts[USUAL_CARERS]
        tied = sorted(first[c] for c, n in ordered.items() if n == tie)
        taken = USUAL_CARERS - sum(1 for n in counts if n > tie)
        clear = tied[taken - 1] != tied[taken]
    return min(plans), ordered, clear


def volunteer_hours(
    *, organisation: Organisation, start: dt.date, end: dt.date
) -> list[dict[str, object]]:
    """Volunteer hours per month and activity, from the volunteers' own log. One query."""
    rows = (
        VolunteerLog.objects.filter(carer__organisation=organisation, day__gte=start, day__lte=end)
        .annotate(month=TruncMonth("day"))
        .values("month", "activity")
        .annotate(hours=Sum("hours"))
        .order_by("month", "activity")
    )
    return [{**row, "activity_label": str(ServiceKind(row["activity"]).label)} for row in rows]
