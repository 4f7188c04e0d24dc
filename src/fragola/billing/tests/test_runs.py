"""Billing runs: a month of visits done, priced by the contract, one draft per contract, every
line tracing its visits; nothing billed twice; the month is the visits' local day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fragola.billing import runs
from fragola.billing.documents import document_of
from fragola.billing.fatturapa import totals
from fragola.billing.models import BilledHours, BilledVisit, Invoice, InvoiceState, TimeBasis
from fragola.billing.tests.setup import billable, profile, visit
from fragola.integration.models import TimesheetEntry
from fragola.procurement.models import ContractPrice, WorkContractLink
from fragola.testing.factories_apps import (
    EmploymentFactory,
    JobSiteFactory,
    WorkContractFactory,
)

pytestmark = pytest.mark.django_db

MAY = dt.date(2026, 5, 1)
TODAY = dt.date(2026, 6, 10)


@pytest.fixture
def alfa(world):
    profile(world.alfa)
    return world.alfa


def bill(org, month=MAY, today=TODAY, **kw):
    return runs.billing_run(organisation=org, month=month, today=today, **kw)


def billed_ids(invoice):
    return set(BilledVisit.objects.filter(line__invoice=invoice).values_list("visit_id", flat=True))


def test_a_month_of_done_visits_becomes_one_draft_with_hand_computed_sums(alfa):
    b = billable(alfa)
    done = [visit(b, dt.date(2026, 5, d)) for d in (4, 5, 6)]
    done.append(visit(b, dt.date(2026, 5, 7), minutes=45))
    visit(b, dt.date(2026, 5, 8), status="missed")  # no-show: not billed by default
    visit(b, dt.date(2026, 5, 11), status="cancelled")
    visit(b, dt.date(2026, 4, 30))  # another month
    visit(b, dt.date(2026, 6, 1))

    result = bill(alfa)

    [invoice] = result.created
    assert invoice.state == InvoiceState.DRAFT and invoice.date == dt.date(2026, 5, 31)
    contract = b.share.lot.contract
    assert (invoice.cig, invoice.contract_number, invoice.determina_number) == (
        contract.cig, contract.number, contract.commitment_number,
    )  # fmt: skip
    assert invoice.customer.office_code == "UFX9AB" and invoice.split_payment
    [line] = invoice.lines.all()
    assert (line.quantity, line.unit_price, line.rate) == (D("3.75"), D("23.40"), D("5.00"))
    assert "maggio 2026" in line.description and contract.cig in line.description
    sums = totals(document_of(invoice))
    assert (sums.taxable, sums.tax, sums.document) == (D("87.75"), D("4.39"), D("92.14"))
    assert sums.payable == D("87.75")  # split payment: the Comune pays the VAT to the Treasury
    assert billed_ids(invoice) == {v.pk for v in done}


def test_running_twice_bills_nothing_twice(alfa):
    b = billable(alfa)
    first = visit(b, dt.date(2026, 5, 4))
    draft = bill(alfa).created[0]
    again = bill(alfa).created  # the draft is rebuilt, not doubled
    assert Invoice.objects.filter(organisation=alfa).count() == 1
    assert billed_ids(again[0]) == {first.pk} and not Invoice.objects.filter(pk=draft.pk)
    issued = bill(alfa, issue=True).issued
    assert [i.state for i in issued] == [InvoiceState.ISSUED] and issued[0].number == "1/2026"
    assert bill(alfa).created == []  # issued: nothing left to bill
    late = visit(b, dt.date(2026, 5, 20))  # recorded as done after the invoice was issued
    [extra] = bill(alfa).created
    assert billed_ids(extra) == {late.pk}
    assert BilledVisit.objects.filter(visit=first).count() == 1


def test_the_contract_terms_decide_missed_second_carer_and_delivered_time(alfa):
    b = billable(alfa)
    runs.contract_terms_set(
        contract=b.share.lot.contract,
        time_basis=TimeBasis.DELIVERED,
        bill_missed=True,
        bill_second_carer=False,
    )
    done = visit(b, dt.date(2026, 5, 4))
    done.checked_in_at = done.starts_at + dt.timedelta(minutes=10)
    done.checked_out_at = done.ends_at - dt.timedelta(minutes=20)  # 30 minutes delivered
    done.save()
    visit(b, dt.date(2026, 5, 4), slot=2)  # the second carer: not billed under these terms
    missed = visit(b, dt.date(2026, 5, 5), status="missed", minutes=90)
    [invoice] = bill(alfa).created
    lines = {line.description.split(" - ")[0]: line for line in invoice.lines.all()}
    assert {k: v.quantity for k, v in lines.items()} == {
        "Assistenza alla persona (OSS)": D("0.50"),
        "Assistenza alla persona (OSS), visite mancate per assenza dell'utente": D("1.50"),
    }
    assert billed_ids(invoice) == {done.pk, missed.pk}


def test_by_default_the_second_carer_of_a_two_carer_visit_is_billed(alfa):
    b = billable(alfa)
    visit(b, dt.date(2026, 5, 4))
    visit(b, dt.date(2026, 5, 4), slot=2)
    [invoice] = bill(alfa).created
    assert invoice.lines.get().quantity == D("2.00")


def test_a_month_across_the_end_of_summer_time_counts_real_hours_and_local_days(alfa):
    b = billable(alfa)
    # Sunday 25 October 2026: clocks go back at 03:00; 01:30-03:30 local lasts 3 real hours.
    start = timezone.make_aware(dt.datetime(2026, 10, 25, 1, 30))
    night = visit(b, dt.date(2026, 10, 25), start=dt.time(1, 30))
    night.ends_at = timezone.make_aware(dt.datetime(2026, 10, 25, 3, 30))
    night.save()
    assert night.ends_at.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(hours=3)
    last = visit(b, dt.date(2026, 10, 31), start=dt.time(23))  # 22:00 UTC, still October
    first_nov = visit(b, dt.date(2026, 11, 1), start=dt.time(0, 30))  # 23:30 UTC on 31 Oct
    october = bill(alfa, month=dt.date(2026, 10, 1), today=dt.date(2026, 11, 15))
    [invoice] = october.created
    assert invoice.lines.get().quantity == D("4.00")
    assert billed_ids(invoice) == {night.pk, last.pk}
    november = bill(alfa, month=dt.date(2026, 11, 1), today=dt.date(2026, 11, 15))
    assert billed_ids(november.created[0]) == {first_nov.pk}
    assert november.created[0].date == dt.date(2026, 11, 15)  # the month is still running


def test_one_coop_never_bills_another_coops_visits(world, alfa):
    profile(world.beta)
    a = billable(alfa)
    b = billable(world.beta)
    mine = visit(a, dt.date(2026, 5, 4))
    theirs = visit(b, dt.date(2026, 5, 4))
    [invoice] = bill(alfa).created
    assert billed_ids(invoice) == {mine.pk}
    [other] = bill(world.beta).created
    assert billed_ids(other) == {theirs.pk} and other.organisation == world.beta


def test_type_b_hours_on_the_linked_job_sites_are_billed_at_the_lot_price(world):
    coop = world.gamma
    profile(coop)
    b = billable(coop)
    lot = b.share.lot
    ContractPrice.objects.create(
        lot=lot, service=lot.service, qualification="none", price_per_hour=D("20.00")
    )
    work = WorkContractFactory(organisation=coop)
    WorkContractLink.objects.create(share=b.share, work_contract=work)
    site = JobSiteFactory(contract=work)
    worker = EmploymentFactory(organisation=coop)
    for day, hours in ((4, "6.5"), (5, "7.25")):
        TimesheetEntry.objects.create(
            employment=worker, day=dt.date(2026, 5, day), hours=D(hours), site=site
        )
    [invoice] = bill(coop).created
    line = invoice.lines.get()
    assert (line.quantity, line.unit_price, line.rate) == (D("13.75"), D("20.00"), D("22.00"))
    assert BilledHours.objects.filter(line=line).count() == 2
    assert bill(coop).created[0].lines.get().quantity == D("13.75")  # rebuilt, not doubled


def test_what_cannot_be_billed_is_named(alfa):
    b = billable(alfa)
    visit(b, dt.date(2026, 5, 4))
    b.service.qualification = "nurse"
    b.service.save()
    with pytest.raises(ValidationError) as exc:
        bill(alfa)
    assert runs.ERR_NO_PRICE.split("%")[0] in str(exc.value.message_dict["contract"])
    with pytest.raises(ValidationError) as exc:
        bill(alfa, month=dt.date(2026, 7, 1))
    assert "month" in exc.value.message_dict
    assert not Invoice.objects.exists()


def test_a_body_without_an_ipa_office_code_is_named(alfa):
    b = billable(alfa)
    body = b.share.lot.contract.tender.body
    body.ipa_code = ""
    body.save()
    visit(b, dt.date(2026, 5, 4))
    with pytest.raises(ValidationError) as exc:
        bill(alfa)
    assert exc.value.message_dict["customer"] == [
        runs.ERR_NO_OFFICE_CODE % {"body": body.name, "contract": b.share.lot.contract.number}
    ]
