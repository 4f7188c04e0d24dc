"""Coordinators approve or reject volunteers' expenses; nobody else can, and the volunteer
sees the outcome."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fragola.care import services
from fragola.care.models import Expense, ExpenseStatus

pytestmark = pytest.mark.django_db

PERSONAS = ["alice", "bob", "carla", "vera", "mario", "sara", "charlie", "fiona"]
MANAGERS = {"alice", "bob"}


@pytest.fixture
def expense(care) -> Expense:
    return services.expense_claim(
        carer=care.vera_volunteer,
        day=care.today - dt.timedelta(days=1),
        amount=Decimal("12.40"),
        description="Biglietti autobus",
        receipt=SimpleUploadedFile("scontrino.pdf", b"%PDF-1.4 bus", "application/pdf"),
    )


def test_a_coordinator_approves_a_claimed_expense_and_who_is_recorded(care, expense):
    services.expense_approve(expense=expense, by=care.world.bob)
    expense.refresh_from_db()
    assert expense.status == ExpenseStatus.APPROVED
    assert expense.description.startswith("Biglietti autobus")
    assert "Bob Persona" in expense.description
    assert expense.amount == Decimal("12.40")


def test_a_rejection_needs_a_reason_which_is_kept(care, expense):
    with pytest.raises(ValidationError) as exc:
        services.expense_reject(expense=expense, by=care.world.bob, reason="   ")
    assert "reason" in exc.value.message_dict
    assert Expense.objects.get(pk=expense.pk).status == ExpenseStatus.CLAIMED
    services.expense_reject(expense=expense, by=care.world.bob, reason="Scontrino illeggibile")
    expense.refresh_from_db()
    assert expense.status == ExpenseStatus.REJECTED
    assert "Scontrino illeggibile" in expense.description
    assert "Bob Persona" in expense.description


def test_a_decided_expense_cannot_be_decided_again(care, expense):
    services.expense_approve(expense=expense, by=care.world.bob)
    with pytest.raises(ValidationError):
        services.expense_reject(expense=expense, by=care.world.bob, reason="Ci ho ripensato")
    assert Expense.objects.get(pk=expense.pk).status == ExpenseStatus.APPROVED


def test_a_long_description_is_never_cut_to_fit_the_decision(care):
    long = "x" * 250
    claimed = services.expense_claim(
        carer=care.vera_volunteer,
        day=care.today,
        amount=Decimal("1.00"),
        description=long,
        receipt=SimpleUploadedFile("r.pdf", b"%PDF", "application/pdf"),
    )
    services.expense_reject(expense=claimed, by=care.world.bob, reason="Duplicata")
    claimed.refresh_from_db()
    assert claimed.status == ExpenseStatus.REJECTED
    assert claimed.description.startswith(long)
    assert len(claimed.description) <= 255


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_coops_coordinators_see_the_expenses_page(care, care_client, expense, persona):
    response = care_client(persona).get(reverse("care_expenses", args=[care.world.alfa.pk]))
    assert response.status_code == (200 if persona in MANAGERS else 404), persona
    if persona in MANAGERS:
        body = response.content.decode()
        assert "Biglietti autobus" in body
        assert "12.40" in body.replace(",", ".")
        assert reverse("care_expense_receipt", args=[care.world.alfa.pk, expense.pk]) in body


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_coordinators_approve(care, care_client, expense, persona):
    url = reverse("care_expense_approve", args=[care.world.alfa.pk, expense.pk])
    response = care_client(persona).post(url)
    status = Expense.objects.get(pk=expense.pk).status
    if persona in MANAGERS:
        assert (response.status_code, status) == (302, ExpenseStatus.APPROVED)
    else:
        assert (response.status_code, status) == (404, ExpenseStatus.CLAIMED), persona


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_coordinators_reject(care, care_client, expense, persona):
    url = reverse("care_expense_reject", args=[care.world.alfa.pk, expense.pk])
    response = care_client(persona).post(url, {"reason": "Scontrino illeggibile"})
    status = Expense.objects.get(pk=expense.pk).status
    if persona in MANAGERS:
        assert (response.status_code, status) == (302, ExpenseStatus.REJECTED)
    else:
        assert (response.status_code, status) == (404, ExpenseStatus.CLAIMED), persona


def test_another_coops_coordinator_gets_a_404_even_through_their_own_coop(
    care, care_client, expense
):
    url = reverse("care_expense_approve", args=[care.world.gamma.pk, expense.pk])
    assert care_client("charlie").post(url).status_code == 404
    assert Expense.objects.get(pk=expense.pk).status == ExpenseStatus.CLAIMED


def test_the_reject_page_refuses_an_empty_reason(care, care_client, expense):
    url = reverse("care_expense_reject", args=[care.world.alfa.pk, expense.pk])
    response = care_client("bob").post(url, {"reason": ""})
    assert response.status_code == 302
    assert Expense.objects.get(pk=expense.pk).status == ExpenseStatus.CLAIMED


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_receipt_is_served_to_coordinators_and_its_volunteer_only(
    care, care_client, expense, persona
):
    url = reverse("care_expense_receipt", args=[care.world.alfa.pk, expense.pk])
    response = care_client(persona).get(url)
    assert response.status_code == (200 if persona in {*MANAGERS, "vera"} else 404), persona
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 bus"


def test_the_volunteer_sees_the_status_and_the_reason(care, care_client, expense):
    services.expense_reject(expense=expense, by=care.world.bob, reason="Scontrino illeggibile")
    body = care_client("vera").get(reverse("care_volunteer", args=[care.world.alfa.pk]))
    text = body.content.decode()
    assert str(ExpenseStatus.REJECTED.label) in text
    assert "text-bg-danger" in text
    assert "Scontrino illeggibile" in text
