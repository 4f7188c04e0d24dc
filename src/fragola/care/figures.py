"""Planned, delivered and billable hours; continuity of care; volunteer hours (kept apart).

Each report is one or two queries, aggregated in Python, whatever the number of visits.

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

from django.db.models import QuerySet, Sum
from django.db.models.functions import TruncMonth

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


def _minutes(start: dt.datetime | None, end: dt.datetime | None) -> int:
    if start is None or end is None:
        return 0
    return int((end - start).total_seconds() // 60)


def _professional(organisation: Organisation, start: dt.date, end: dt.date) -> QuerySet[Visit]:
    return (
        Visit.objects.filter(
            organisation=organisation, day__gte=start, day__lte=end, is_volunteer_task=False
        )
        .exclude(status=VisitStatus.CANCELLED)
        .exclude(carer__kind=CarerKind.VOLUNTEER)
    )


FIELDS = (
    "day",
    "status",
    "starts_at",
    "ends_at",
    "checked_in_at",
    "checked_out_at",
    "service_user_id",
    "service_user__last_name",
    "service_user__first_name",
    "plan_service__kind",
    "plan_service__plan__commission__funder_name",
)


def hours_report(
    *, organisation: Organisation, start: dt.date, end: dt.date, per_user: bool = True
) -> list[HoursRow]:
    """Hours per month, service, funder (and user unless ``per_user`` is False). One query."""
    rows: dict[tuple[object, ...], HoursRow] = {}
    for v in _professional(organisation, start, end).values(*FIELDS).iterator():
        month = v["day"].replace(day=1)
        funder = v["plan_service__plan__commission__funder_name"] or "—"
        user_id = v["service_user_id"] if per_user else None
        key = (month, v["plan_service__kind"], funder, user_id)
        row = rows.get(key)
        if row is None:
            name = f"{v['service_user__last_name']} {v['service_user__first_name']}"
            row = rows[key] = HoursRow(
                month, v["plan_service__kind"], funder, user_id, name if per_user else ""
            )
        planned = _minutes(v["starts_at"], v["ends_at"])
        row.planned_minutes += planned
        if v["status"] == VisitStatus.DONE:
            delivered = _minutes(v["checked_in_at"], v["checked_out_at"])
            row.delivered_minutes += delivered
            row.billable_minutes += min(delivered, planned)
            row.visits_done += 1
        elif v["status"] == VisitStatus.MISSED:
            row.visits_missed += 1
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
    *, organisation: Organisation, start: dt.date, end: dt.date
) -> list[AuthorisedRow]:
    """Per user, month and service: authorised (from the user's commissions in force that
    month, summed), planned and delivered hours. Two queries.

    A commission in force for part of a month authorises its full monthly hours for it."""
    rows: dict[tuple[int, dt.date, str], AuthorisedRow] = {}
    visits = _professional(organisation, start, end).values(
        "day",
        "status",
        "starts_at",
        "ends_at",
        "checked_in_at",
        "checked_out_at",
        "service_user_id",
        "service_user__last_name",
        "service_user__first_name",
        "plan_service__kind",
    )
    for v in visits.iterator():
        month = v["day"].replace(day=1)
        key = (v["service_user_id"], month, v["plan_service__kind"])
        row = rows.get(key)
        if row is None:
            name = f"{v['service_user__last_name']} {v['service_user__first_name']}"
            row = rows[key] = AuthorisedRow(month, v["service_user_id"], name, key[2])
        row.planned_minutes += _minutes(v["starts_at"], v["ends_at"])
        if v["status"] == VisitStatus.DONE:
            row.delivered_minutes += _minutes(v["checked_in_at"], v["checked_out_at"])
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
    carers, or else the ``USUAL_CARERS`` carers who came most often. Two queries."""
    done = _professional(organisation, start, end).filter(status=VisitStatus.DONE)
    by_user: dict[int, Continuity] = {}
    plan_of: dict[int, int] = {}
    for user_id, last, first, carer_id, plan_id in done.values_list(
        "service_user_id",
        "service_user__last_name",
        "service_user__first_name",
        "carer_id",
        "plan_service__plan_id",
    ).iterator():
        item = by_user.setdefault(user_id, Continuity(user_id, f"{last} {first}"))
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
