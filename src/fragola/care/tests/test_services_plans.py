"""Care plans' services called directly with the factories."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fragola.care.models import CarePlan, Visit
from fragola.care.models.choices import PlanStatus
from fragola.care.services.plans import (
    ERR_PERIOD_TOO_LONG,
    ERR_PLAN_NOT_ACTIVE,
    ERR_PREFERRED_AND_REFUSED,
    care_plan_create,
    plan_carers_set,
    visits_generate,
)
from fragola.testing.factories_apps import CarerFactory, ServiceUserFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 3, 4)


def _plan() -> CarePlan:
    return care_plan_create(
        service_user=ServiceUserFactory(), assessed_on=DAY, goals="Igiene quotidiana",
        review_on=DAY + dt.timedelta(days=180), valid_from=DAY,
    )  # fmt: skip


def test_a_carer_is_preferred_or_refused_not_both() -> None:
    plan = _plan()
    carer = CarerFactory(organisation=plan.service_user.organisation)
    with pytest.raises(ValidationError) as error:
        plan_carers_set(plan=plan, preferred=[carer], refused=[carer])
    assert error.value.message_dict == {"refused_carers": [str(ERR_PREFERRED_AND_REFUSED)]}
    assert not plan.preferred_carers.exists() and not plan.refused_carers.exists()


def test_visits_come_from_an_active_plan_a_year_at_most() -> None:
    plan = _plan()
    plan.status = PlanStatus.ACTIVE
    plan.save()
    with pytest.raises(ValidationError) as error:
        visits_generate(plan=plan, start=DAY, end=DAY + dt.timedelta(days=400))
    assert error.value.message_dict == {"end": [str(ERR_PERIOD_TOO_LONG)]}
    plan.status = PlanStatus.DRAFT
    plan.save()
    with pytest.raises(ValidationError) as error:
        visits_generate(plan=plan, start=DAY, end=DAY + dt.timedelta(days=6))
    assert error.value.message_dict == {"plan": [str(ERR_PLAN_NOT_ACTIVE)]}
    assert not Visit.objects.exists()
