"""Background work: keep the plans' visits generated ahead (durable rows, no broker)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from fragola.care.models import CarePlan, PlanStatus
from fragola.care.services import visits_generate


@task()
def visits_roll_forward_task(organisation_id: int, days: int = 28, today: str = "") -> int:
    """Keep every active plan of a co-op generated ``days`` ahead of ``today`` (ISO date; the
    local date in Europe/Rome when empty). Enqueued nightly by the schedule."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    plans = CarePlan.objects.filter(
        service_user__organisation_id=organisation_id, status=PlanStatus.ACTIVE
    ).select_related("service_user")
    return sum(
        visits_generate(plan=plan, start=day, end=day + dt.timedelta(days=days)) for plan in plans
    )


def visits_roll_forward_enqueue(*, today: dt.date) -> int:
    """One roll-forward task per co-op with an active plan; returns how many were enqueued."""
    org_ids = (
        CarePlan.objects.filter(status=PlanStatus.ACTIVE)
        .values_list("service_user__organisation_id", flat=True)
        .distinct()
        .order_by("service_user__organisation_id")
    )
    for org_id in org_ids:
        visits_roll_forward_task.enqueue(org_id, today=today.isoformat())
    return len(org_ids)
