"""The demo consortium serves its co-ops: a year of requests, some late; two approved runs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum
from django.utils import timezone

from fragola.backoffice.models import (
    Agreement,
    AllocationRun,
    Charge,
    ChargeLine,
    Escalation,
    RunStatus,
    ServiceRequest,
)
from fragola.backoffice.services.demo import POOLS, backoffice_demo_load

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [None, dt.date(2028, 2, 29), dt.date(2027, 1, 1)])
def test_the_demo_loads_once_on_any_day(world, today):
    today = today or timezone.localdate()
    organisations = [world.alfa, world.beta, world.gamma, world.consortium]
    made = backoffice_demo_load(organisations=organisations, today=today)
    assert made > 40
    assert set(ServiceRequest.objects.values_list("coop", flat=True)) == {
        world.alfa.pk,
        world.beta.pk,
    }
    assert Escalation.objects.filter(breach="response").exists()
    runs = AllocationRun.objects.filter(consortium=world.consortium, status=RunStatus.APPROVED)
    assert runs.count() == 2
    for run in runs:
        lines = ChargeLine.objects.filter(charge__run=run).aggregate(total=Sum("amount"))
        assert lines["total"] == sum(pool.amount for pool in POOLS)
    assert Agreement.objects.filter(coop=world.gamma).count() == 0
    assert backoffice_demo_load(organisations=organisations, today=today) == 0
    assert Charge.objects.count() == 4
