"""Volunteers: tasks they take, hours apart from professional ones, expenses only with receipts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fragola.care import services
from fragola.care.models import Expense, VisitStatus, VolunteerLog
from fragola.care.services import volunteers as volunteer_services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_it_lets_an_insured_volunteer_take_an_open_task(care):
    visit = services.volunteer_task_take(
        visit=care.volunteer_task, volunteer=care.vera_volunteer, by=care.world.vera
    )
    assert (visit.status, visit.carer) == (VisitStatus.ASSIGNED, care.vera_volunteer)
    with pytest.raises(ValidationError) as exc:
        services.volunteer_task_take(visit=visit, volunteer=care.ugo, by=care.world.vera)
    assert volunteer_services.ERR_TASK_TAKEN in exc.value.message_dict["visit"]


def test_it_refuses_an_uninsured_volunteer_taking_a_task(care):
    with pytest.raises(ValidationError) as exc:
        services.volunteer_task_take(
            visit=care.volunteer_task, volunteer=care.ugo, by=care.world.vera
        )
    assert "L2.2" in " ".join(exc.value.messages)


def test_it_refuses_an_expense_without_a_receipt_citing_l2_3(care):
    with pytest.raises(ValidationError) as exc:
        services.expense_claim(
            carer=care.vera_volunteer,
            day=care.today,
            amount=Decimal("50.00"),
            description="Rimborso forfettario",
            receipt=None,
        )
    assert "L2.3" in " ".join(exc.value.message_dict["receipt"])
    assert not Expense.objects.exists()


def test_it_accepts_a_documented_expense(care):
    receipt = SimpleUploadedFile("scontrino.pdf", b"%PDF-1.4 receipt", "application/pdf")
    expense = services.expense_claim(
        carer=care.vera_volunteer,
        day=care.today,
        amount=Decimal("7.40"),
        description="Biglietto autobus",
        receipt=receipt,
    )
    assert expense.amount == Decimal("7.40")
    assert expense.receipt.name.endswith(".pdf")


def test_it_logs_a_volunteers_visit_as_volunteer_hours(care):
    visit = services.volunteer_task_take(
        visit=care.volunteer_task, volunteer=care.vera_volunteer, by=care.world.vera
    )
    services.visit_check_in(visit=visit, by=care.world.vera, at=visit.starts_at)
    services.visit_check_out(
        visit=visit, by=care.world.vera, at=visit.starts_at + dt.timedelta(minutes=90)
    )
    log = VolunteerLog.objects.get(visit=visit)
    assert log.hours == Decimal("1.50")


def test_it_refuses_to_log_volunteer_hours_for_a_worker(care):
    with pytest.raises(ValidationError):
        services.volunteer_hours_log(carer=care.walter, day=care.today, hours=Decimal("2"))


def test_it_refuses_volunteer_hours_for_professional_care(care):
    with pytest.raises(ValidationError) as exc:
        services.volunteer_hours_log(
            carer=care.vera_volunteer, day=care.today, hours=Decimal("2"), activity="nursing"
        )
    assert "L2.4" in " ".join(exc.value.message_dict["activity"])
