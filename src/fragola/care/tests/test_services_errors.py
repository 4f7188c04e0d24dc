"""Every refusal of the care services reaches the user with its own field and message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.dates import WEEKDAYS

from fragola.care import services
from fragola.care.forms import ERR_UNKNOWN_COMUNE, ServiceUserForm
from fragola.care.models import AbsenceKind, Qualification, ServiceKind, Visit, VisitStatus
from fragola.care.services.people import ERR_LONGITUDE
from fragola.care.services.plans import ERR_PERIOD, ERR_PLAN_OTHER_USER, ERR_WEEKDAYS
from fragola.care.services.visits import (
    ERR_ABSENT,
    ERR_ALREADY_IN_VISIT,
    ERR_CARER_INACTIVE,
    ERR_NOT_ASSIGNABLE,
    ERR_NOT_CANCELLABLE,
    ERR_NOT_CHECKABLE_IN,
    ERR_OTHER_ORGANISATION,
    ERR_QUALIFICATION,
    ERR_REASON_REQUIRED,
    ERR_UNAVAILABLE,
    ERR_VOLUNTEER_NOT_COMPLEMENTARY,
    ERR_VOLUNTEER_UNINSURED,
)
from fragola.care.services.volunteers import (
    ERR_ACTIVITY_NOT_COMPLEMENTARY,
    ERR_EXPENSE_DECIDED,
    ERR_NOT_A_TASK,
    ERR_NOT_A_VOLUNTEER,
    ERR_REJECT_REASON,
)
from fragola.care.tests.personas import carer_for
from fragola.core.api import ERR_NOT_ISO_TIME
from fragola.testing.factories import comune

pytestmark = pytest.mark.django_db


def _messages(exc: pytest.ExceptionInfo[ValidationError], field: str) -> list[str]:
    return exc.value.message_dict[field]


def _tomorrow(care) -> Visit:
    return Visit.objects.get(plan_service=care.personal_care, day=care.today + dt.timedelta(days=1))


# Assignment


def test_it_refuses_a_carer_of_another_co_op(care):
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=care.gamma_visit, carer=care.walter, by=care.world.bob)
    assert _messages(exc, "carer") == [str(ERR_OTHER_ORGANISATION)]


def test_it_refuses_a_carer_who_left(care):
    care.walter.active = False
    care.walter.save(update_fields=["active"])
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=_tomorrow(care), carer=care.walter, by=care.world.bob)
    assert _messages(exc, "carer") == [str(ERR_CARER_INACTIVE)]


def test_it_refuses_to_assign_a_cancelled_visit(care):
    visit = services.visit_cancel(visit=_tomorrow(care), by=care.world.bob, reason="Ricovero")
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=visit, carer=care.walter, by=care.world.bob)
    assert _messages(exc, "carer") == [str(ERR_NOT_ASSIGNABLE)]


def test_it_names_the_missing_qualification(care):
    unqualified = carer_for(care.world.alfa, "worker")
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=_tomorrow(care), carer=unqualified, by=care.world.bob)
    expected = ERR_QUALIFICATION % {"qualification": Qualification.OSS.label}
    assert _messages(exc, "carer") == [str(expected)]


def test_it_names_the_kind_of_absence(care):
    day = care.today + dt.timedelta(days=1)
    sick = AbsenceKind.SICKNESS
    services.absence_record(carer=care.walter, kind=sick, starts_on=day, ends_on=day)
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=_tomorrow(care), carer=care.walter, by=care.world.bob)
    expected = ERR_ABSENT % {"absence": AbsenceKind.SICKNESS.label}
    assert _messages(exc, "carer") == [str(expected)]


def test_it_says_when_the_carer_is_available_that_day_instead(care):
    visit = _tomorrow(care)
    weekday = visit.day.isoweekday()
    services.availability_set(carer=care.walter, slots=[(weekday, dt.time(12, 0), dt.time(14, 0))])
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=visit, carer=care.walter, by=care.world.bob)
    expected = ERR_UNAVAILABLE % {
        "carer": care.walter.person.display_name,
        "weekday": WEEKDAYS[weekday - 1],
        "visit_hours": "08:00-09:00",
        "hours": "12:00-14:00",
    }
    assert _messages(exc, "carer") == [str(expected)]


def test_it_refuses_an_uninsured_volunteer(care):
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=care.volunteer_task, carer=care.ugo, by=care.world.bob)
    assert _messages(exc, "carer") == [str(ERR_VOLUNTEER_UNINSURED)]


def test_it_refuses_professional_care_to_a_volunteer(care):
    with pytest.raises(ValidationError) as exc:
        services.visit_assign(visit=_tomorrow(care), carer=care.vera_volunteer, by=care.world.bob)
    assert _messages(exc, "carer") == [str(ERR_VOLUNTEER_NOT_COMPLEMENTARY)]


# Check-in, cancel, miss


def test_it_refuses_to_check_in_a_visit_nobody_was_assigned(care):
    with pytest.raises(ValidationError) as exc:
        services.visit_check_in(visit=_tomorrow(care), by=care.world.bob)
    assert _messages(exc, "status") == [str(ERR_NOT_CHECKABLE_IN)]


def test_it_refuses_a_check_in_while_the_carer_is_still_at_another_user(care):
    later = Visit.objects.get(plan_service=care.companionship, day=care.today)
    services.visit_assign(visit=later, carer=care.carla_carer, by=care.world.bob, force=True)
    services.visit_check_in(visit=care.visit_today, by=care.world.carla)
    with pytest.raises(ValidationError) as exc:
        services.visit_check_in(visit=later, by=care.world.carla)
    expected = ERR_ALREADY_IN_VISIT % {
        "carer": care.carla_carer.person.display_name,
        "user": care.maria.display_name,
    }
    assert _messages(exc, "carer") == [str(expected)]
    assert Visit.objects.get(pk=later.pk).status == VisitStatus.ASSIGNED


def test_it_refuses_to_cancel_a_visit_already_done(care):
    services.visit_check_in(visit=care.visit_today, by=care.world.carla)
    services.visit_check_out(visit=care.visit_today, by=care.world.carla)
    with pytest.raises(ValidationError) as exc:
        services.visit_cancel(visit=care.visit_today, by=care.world.bob, reason="Errore")
    assert _messages(exc, "status") == [str(ERR_NOT_CANCELLABLE)]


def test_it_asks_why_a_visit_was_missed(care):
    with pytest.raises(ValidationError) as exc:
        services.visit_mark_missed(visit=care.visit_today, by=care.world.bob, reason="  ")
    assert _messages(exc, "reason") == [str(ERR_REASON_REQUIRED)]
    assert Visit.objects.get(pk=care.visit_today.pk).status == VisitStatus.ASSIGNED


# Volunteers


def test_it_refuses_volunteer_hours_from_a_worker(care):
    with pytest.raises(ValidationError) as exc:
        services.volunteer_hours_log(carer=care.walter, day=care.today, hours=Decimal("2"))
    assert _messages(exc, "carer") == [str(ERR_NOT_A_VOLUNTEER)]


def test_it_refuses_volunteer_hours_of_professional_care(care):
    with pytest.raises(ValidationError) as exc:
        services.volunteer_hours_log(
            carer=care.vera_volunteer,
            day=care.today,
            hours=Decimal("2"),
            activity=ServiceKind.PERSONAL_CARE,
        )
    assert _messages(exc, "activity") == [str(ERR_ACTIVITY_NOT_COMPLEMENTARY)]


def test_it_refuses_a_volunteer_taking_a_visit_that_is_no_task(care):
    with pytest.raises(ValidationError) as exc:
        services.volunteer_task_take(
            visit=_tomorrow(care), volunteer=care.vera_volunteer, by=care.world.vera
        )
    assert _messages(exc, "visit") == [str(ERR_NOT_A_TASK)]


@pytest.fixture
def expense(care):
    return services.expense_claim(
        carer=care.vera_volunteer,
        day=care.today - dt.timedelta(days=1),
        amount=Decimal("8.00"),
        description="Parcheggio",
        receipt=SimpleUploadedFile("ricevuta.pdf", b"%PDF-1.4 parking", "application/pdf"),
    )


def test_it_asks_why_an_expense_is_rejected(care, expense):
    with pytest.raises(ValidationError) as exc:
        services.expense_reject(expense=expense, by=care.world.bob, reason=" \n ")
    assert _messages(exc, "reason") == [str(ERR_REJECT_REASON)]


def test_it_refuses_to_decide_an_expense_twice(care, expense):
    services.expense_approve(expense=expense, by=care.world.bob)
    with pytest.raises(ValidationError) as exc:
        services.expense_reject(expense=expense, by=care.world.alice, reason="Doppia")
    assert _messages(exc, "status") == [str(ERR_EXPENSE_DECIDED)]


# Plans and service users


def test_it_refuses_a_service_without_weekdays(care):
    with pytest.raises(ValidationError) as exc:
        services.plan_service_add(
            plan=care.plan,
            kind=ServiceKind.COMPANIONSHIP,
            duration_minutes=30,
            weekdays="",
            window_start=dt.time(9, 0),
            window_end=dt.time(10, 0),
        )
    assert _messages(exc, "weekdays") == [str(ERR_WEEKDAYS)]


def test_it_refuses_to_generate_visits_over_a_period_ending_before_it_starts(care):
    with pytest.raises(ValidationError) as exc:
        services.visits_generate(
            plan=care.plan, start=care.today, end=care.today - dt.timedelta(days=1)
        )
    assert _messages(exc, "end") == [str(ERR_PERIOD)]


def test_it_refuses_a_plan_under_another_users_commission(care):
    commission = services.commission_create(
        service_user=care.giovanni,
        funder_kind="comune",
        funder_name="Comune di Bergamo",
        contract_reference="SAD 2026",
        starts_on=dt.date(2026, 1, 1),
        hours={"personal_care": Decimal("20")},
    )
    with pytest.raises(ValidationError) as exc:
        services.care_plan_create(
            service_user=care.maria,
            assessed_on=dt.date(2026, 1, 1),
            goals="Autonomia",
            review_on=dt.date(2026, 6, 1),
            valid_from=dt.date(2026, 1, 1),
            commission=commission,
        )
    assert _messages(exc, "commission") == [str(ERR_PLAN_OTHER_USER)]


def test_it_refuses_a_longitude_off_the_globe(care):
    with pytest.raises(ValidationError) as exc:
        services.service_user_register(
            organisation=care.world.alfa,
            first_name="Anna",
            last_name="Verdi",
            address="Via Roma 2",
            comune=comune(),
            started_on=dt.date(2025, 1, 1),
            latitude=Decimal("45.7"),
            longitude=Decimal("190"),
        )
    assert _messages(exc, "longitude") == [str(ERR_LONGITUDE)]


def test_the_service_user_form_refuses_an_unknown_comune(care):
    form = ServiceUserForm(
        data={
            "first_name": "Anna",
            "last_name": "Verdi",
            "address": "Via Roma 2",
            "comune": "Atlantide",
            "area_radius_m": 300,
            "started_on": "2025-01-01",
        }
    )
    assert not form.is_valid()
    assert form.errors["comune"] == [str(ERR_UNKNOWN_COMUNE)]


def test_the_api_wants_a_time_of_day_as_hh_mm(care, care_client):
    url = f"/api/v1/care/organisations/{care.world.alfa.pk}/volunteer/availability"
    body = {"slots": [{"weekday": 1, "starts_at": "8", "ends_at": "12:00"}]}
    response = care_client("vera").put(
        url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"].endswith("starts_at")
    with translation.override("en"):
        assert error["message"] == str(ERR_NOT_ISO_TIME)
