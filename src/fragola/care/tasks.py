"""Background work: generate a plan's visits for a period (durable rows, no broker)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from fragola.care.models import CarePlan, PlanStatus
from fragola.care.services import visits_generate


@task()
def visits_generate_task(plan_id: int, start: str, end: str) -> int:
    """Generate one plan's visits; returns how many were new."""
    plan = CarePlan.objects.select_related("service_user").get(pk=plan_id)
    return visits_generate(
        plan=plan, start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end)
    )


@task()
def visits_roll_forward_task(organisation_id: int, days: int = 28) -> int:
    """Keep every active plan of a co-op generated ``days`` ahead (e.g. nightly)."""
    today = dt.date.today()
    plans = CarePlan.objects.filter(
        service_user__organisation_id=organisation_id, status=PlanStatus.ACTIVE
    ).select_related("service_user")
    return sum(
        visits_generate(plan=plan, start=today, end=today + dt.timedelta(days=days))
        for plan in plans
    )
