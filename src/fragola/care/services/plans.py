"""Care plans (PAI), their services, and the visits generated from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fragola.care.domain import occurrences, parse_weekdays
from fragola.care.models import (
    VOLUNTEER_KINDS,
    CarePlan,
    Carer,
    Commission,
    PlanService,
    PlanStatus,
    ServiceUser,
    TwoCarerMode,
    Visit,
)

ERR_REVIEW_BEFORE_ASSESSMENT = _("The review cannot come before the assessment.")
ERR_WEEKDAYS = _("Choose at least one weekday (1 = Monday … 7 = Sunday).")
ERR_WINDOW_TOO_SHORT = _("The time window is shorter than the visit.")
ERR_VOLUNTEERS_SUBSTITUTIVE = _(
    "Volunteers may only take complementary services (companionship, transport): they never "
    "replace professional care (L. 381/1991 art. 2(5), rule L2.4)."
)
ERR_PREFERRED_AND_REFUSED = _("A carer cannot be both preferred and refused.")
ERR_PERIOD = _("The end of the period comes before its start.")
ERR_PERIOD_TOO_LONG = _("Generate at most 366 days of visits at a time.")
ERR_PLAN_NOT_ACTIVE = _("Only an active plan generates visits.")
ERR_PLAN_ENDS_BEFORE_START = _("The plan cannot end before it starts.")
ERR_PLAN_OTHER_USER = _("This commission is for another service user.")
ERR_DURATION = _("A visit lasts between 5 and 720 minutes.")
ERR_CARERS_NEEDED = _("A visit needs one or two carers.")
MIN_DURATION, MAX_DURATION = 5, 720
MAX_GENERATION_DAYS = 366


@transaction.atomic
def care_plan_create(
    *,
    service_user: ServiceUser,
    assessed_on: dt.date,
    goals: str,
    review_on: dt.date,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    family_tasks: str = "",
    commission: Commission | None = None,
) -> CarePlan:
    errors: dict[str, object] = {}
    if review_on < assessed_on:
        errors["review_on"] = ERR_REVIEW_BEFORE_ASSESSMENT
    if valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = ERR_PLAN_ENDS_BEFORE_START
    if commission is not None and commission.service_user_id != service_user.pk:
        errors["commission"] = ERR_PLAN_OTHER_USER
    if errors:
        raise ValidationError(errors)
    return CarePlan.objects.create(
        service_user=service_user,
        assessed_on=assessed_on,
        goals=goals,
        review_on=review_on,
        valid_from=valid_from,
        valid_to=valid_to,
        family_tasks=family_tasks,
        commission=commission,
    )


def _window_fits(start: dt.time, end: dt.time, minutes: int) -> bool:
    day = dt.date(2000, 1, 3)
    span = dt.datetime.combine(day, end) - dt.datetime.combine(day, start)
    return span >= dt.timedelta(minutes=minutes)


@transaction.atomic
def plan_service_add(
    *,
    plan: CarePlan,
    kind: str,
    duration_minutes: int,
    weekdays: str,
    window_start: dt.time,
    window_end: dt.time,
    qualification: str = "none",
    carers_needed: int = 1,
    two_carer_mode: str = TwoCarerMode.TOGETHER,
    gap_minutes: int = 0,
    for_volunteers: bool = False,
) -> PlanService:
    try:
        days = parse_weekdays(weekdays)
    except ValueError as exc:
        raise ValidationError({"weekdays": ERR_WEEKDAYS}) from exc
    if not MIN_DURATION <= duration_minutes <= MAX_DURATION:
        raise ValidationError({"duration_minutes": ERR_DURATION})
    if carers_needed not in (1, 2):
        raise ValidationError({"carers_needed": ERR_CARERS_NEEDED})
    if not _window_fits(window_start, window_end, duration_minutes):
        raise ValidationError({"window_end": ERR_WINDOW_TOO_SHORT})
    if for_volunteers and kind not in VOLUNTEER_KINDS:
        raise ValidationError({"for_volunteers": ERR_VOLUNTEERS_SUBSTITUTIVE})
    return PlanService.objects.create(
        plan=plan,
        kind=kind,
        duration_minutes=duration_minutes,
        weekdays="".join(str(d) for d in sorted(days)),
        window_start=window_start,
        window_end=window_end,
        qualification=qualification,
        carers_needed=carers_needed,
        two_carer_mode=two_carer_mode,
        gap_minutes=gap_minutes,
        for_volunteers=for_volunteers,
    )


@transaction.atomic
def plan_carers_set(
    *, plan: CarePlan, preferred: Iterable[Carer], refused: Iterable[Carer]
) -> CarePlan:
    preferred, refused = list(preferred), list(refused)
    if {c.pk for c in preferred} & {c.pk for c in refused}:
        raise ValidationError({"refused_carers": ERR_PREFERRED_AND_REFUSED})
    plan.preferred_carers.set(preferred)
    plan.refused_carers.set(refused)
    return plan


def _plan_period(plan: CarePlan, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    start = max(start, plan.valid_from)
    if plan.valid_to is not None:
        end = min(end, plan.valid_to)
    return start, end


@transaction.atomic
def visits_generate(*, plan: CarePlan, start: dt.date, end: dt.date) -> int:
    """Create the plan's visits in ``[start, end]``; returns how many were new.

    Idempotent: a visit is one (plan service, day, carer slot), so running it again creates
    only what is missing and never touches visits already assigned, done or cancelled.
    Times are at the window's wall-clock start in Europe/Rome, across DST changes.
    """
    if end < start:
        raise ValidationError({"end": ERR_PERIOD})
    if (end - start).days >= MAX_GENERATION_DAYS:
        raise ValidationError({"end": ERR_PERIOD_TOO_LONG})
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError({"plan": ERR_PLAN_NOT_ACTIVE})
    start, end = _plan_period(plan, start, end)
    service_user = plan.service_user
    new: list[Visit] = []
    for service in plan.services.all():
        existing = set(
            Visit.objects.filter(plan_service=service, day__gte=start, day__lte=end).values_list(
                "day", "slot"
            )
        )
        gap = service.gap_minutes if service.two_carer_mode == TwoCarerMode.SEQUENTIAL else None
        for occ in occurrences(
            weekdays=service.weekday_numbers,
            window_start=service.window_start,
            duration_minutes=service.duration_minutes,
            start=start,
            end=end,
            carers_needed=service.carers_needed,
            sequential_gap_minutes=gap,
        ):
            if (occ.day, occ.slot) in existing:
                continue
            new.append(
                Visit(
                    organisation_id=service_user.organisation_id,
                    service_user=service_user,
                    plan_service=service,
                    day=occ.day,
                    slot=occ.slot,
                    starts_at=occ.starts_at,
                    ends_at=occ.ends_at,
                    is_volunteer_task=service.for_volunteers,
                )
            )
    Visit.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    return len(new)
