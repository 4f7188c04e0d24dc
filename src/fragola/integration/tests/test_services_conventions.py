"""Conventions (L. 381/1991 art. 5): a convention the law does not allow is refused, saying why."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fragola.integration.models import Convention, ObjectKindChoice
from fragola.integration.services.conventions import (
    ERR_NO_THRESHOLD,
    ERR_NOT_ELIGIBLE,
    ConventionData,
    convention_check,
    convention_record,
)
from fragola.registry.models import OrganisationType
from fragola.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _data(**changes: object) -> ConventionData:
    values: dict[str, object] = {
        "public_body": "Comune di Bergamo",
        "object_kind": ObjectKindChoice.GREEN_MAINTENANCE,
        "value_net_of_vat": Decimal("30000"),
        "checked_on": dt.date(2025, 6, 1),
        "job_plan_summary": "Two trainees on the parks team",
    }
    return ConventionData(**(values | changes))


def test_it_refuses_a_convention_with_a_type_a_co_op_listing_the_failed_criteria():
    coop_a = OrganisationFactory(type=OrganisationType.A)
    with pytest.raises(ValidationError) as exc:
        convention_record(organisation=coop_a, data=_data())
    first, *reasons = exc.value.message_dict["__all__"]
    assert first == str(ERR_NOT_ELIGIBLE)
    assert reasons
    assert not Convention.objects.filter(organisation=coop_a).exists()


def test_it_checks_no_date_before_any_threshold_was_in_force():
    coop_b = OrganisationFactory(type=OrganisationType.B)
    with pytest.raises(ValidationError) as exc:
        convention_check(organisation=coop_b, data=_data(checked_on=dt.date(1950, 1, 1)))
    assert exc.value.message_dict["checked_on"] == [str(ERR_NO_THRESHOLD)]
