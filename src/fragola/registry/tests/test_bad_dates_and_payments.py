"""Dates that make no sense and payments above the subscription are refused, field named."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fragola.core.italy.codes import ERR_BIRTH_IN_FUTURE, validate_person_fiscal_code
from fragola.registry import services
from fragola.registry.forms import (
    ERR_BEYOND_HORIZON,
    ERR_NUMBER_FOR_FUTURE_ADMISSION,
    FUTURE_HORIZON_DAYS,
    AdmitForm,
    ApplicationForm,
)
from fragola.registry.models import PersonKind, ShareMovement, ShareMovementKind
from fragola.testing.factories import MembershipFactory, natural_fiscal_code

pytestmark = pytest.mark.django_db


def _far() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=FUTURE_HORIZON_DAYS + 1)


def test_it_refuses_an_application_dated_beyond_the_horizon():
    form = ApplicationForm({"applied_on": _far().isoformat()})
    form.is_valid()
    assert form.errors["applied_on"] == [ERR_BEYOND_HORIZON % {"days": FUTURE_HORIZON_DAYS}]


def test_it_refuses_an_admission_dated_beyond_the_horizon():
    form = AdmitForm({"admitted_on": _far().isoformat()})
    assert not form.is_valid()
    assert form.errors["admitted_on"] == [ERR_BEYOND_HORIZON % {"days": FUTURE_HORIZON_DAYS}]


def test_it_refuses_a_member_number_for_an_admission_after_today():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    form = AdmitForm({"admitted_on": tomorrow.isoformat(), "member_number": "7"})
    assert not form.is_valid()
    assert form.errors["member_number"] == [str(ERR_NUMBER_FOR_FUTURE_ADMISSION)]
    assert AdmitForm({"admitted_on": tomorrow.isoformat()}).is_valid()


def test_it_refuses_a_birth_in_the_future_in_the_form_and_the_check():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    form = ApplicationForm({"birth_date": tomorrow.isoformat()})
    form.is_valid()
    assert form.errors["birth_date"] == [str(ERR_BIRTH_IN_FUTURE)]
    code = natural_fiscal_code(last_name="Rossi", first_name="Paola", birth_date=tomorrow, sex="F")
    with pytest.raises(ValidationError) as exc:
        validate_person_fiscal_code(
            kind=PersonKind.NATURAL, fiscal_code=code, birth_date=tomorrow, sex="F"
        )
    assert exc.value.message_dict["birth_date"] == [str(ERR_BIRTH_IN_FUTURE)]


def test_it_refuses_payments_above_the_capital_subscribed():
    member = MembershipFactory(shares=Decimal("25.00"))
    day = dt.date(2021, 1, 1)
    services.share_movement_record(
        membership=member, kind=ShareMovementKind.PAYMENT, amount=Decimal("20.00"), date=day
    )
    with pytest.raises(ValidationError) as exc:
        services.share_movement_record(
            membership=member, kind=ShareMovementKind.PAYMENT, amount=Decimal("5.01"), date=day
        )
    assert exc.value.message_dict["amount"] == [
        services.ERR_PAYMENT_ABOVE_SUBSCRIBED % {"subscribed": "25.00"}
    ]
    assert ShareMovement.objects.filter(membership=member).count() == 2


def test_it_refuses_a_payment_dated_before_the_application():
    member = MembershipFactory(shares=Decimal("25.00"))
    with pytest.raises(ValidationError) as exc:
        services.share_movement_record(
            membership=member,
            kind=ShareMovementKind.PAYMENT,
            amount=Decimal("25.00"),
            date=dt.date(1900, 1, 1),
        )
    assert exc.value.message_dict["date"] == [
        services.ERR_MOVEMENT_BEFORE_APPLICATION % {"applied": "2020-01-10"}
    ]
