"""Billing runs: a co-op's month of visits done and type B hours worked, priced by its public
contracts, as one draft invoice per contract (docs/billing.md, "Billing runs").

Every line stores what it counts (`BilledVisit`, `BilledHours`, each unique): a visit or a
timesheet entry is billed once, so running a month again bills only what is new. A month's
drafts are rebuilt on each run (their visits are counted again with the new ones); issued
invoices are never touched.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fragola.billing import vat
from fragola.billing.models import (
    BilledHours,
    BilledVisit,
    ContractTerms,
    Customer,
    CustomerKind,
    Invoice,
    InvoiceState,
    TimeBasis,
)
from fragola.billing.services import LineData, References, invoice_draft, invoice_issue
from fragola.care.models import Qualification, ServiceKind, Visit, VisitStatus
from fragola.care.selectors import visits_of_commissions
from fragola.integration.models import TimesheetEntry
from fragola.integration.selectors import timesheet_entries_of
from fragola.procurement.models import (
    CommissionLink,
    Contract,
    ContractPrice,
    ContractShare,
    WorkContractLink,
)
from fragola.registry.models import Organisation

ERR_MONTH_FUTURE = _("The month %(month)s has not started yet: nothing can be billed.")
ERR_NO_PRICE = _(
    "Contract %(contract)s, lot %(lot)s has no price for %(service)s by %(qualification)s."
)
ERR_NO_OFFICE_CODE = _(
    "The public body %(body)s of contract %(contract)s has no IPA office code: enter it first."
)
ERR_NO_CUSTOMER = _(
    "Add %(body)s (fiscal code %(code)s) to the co-op's customers, with its address, first."
)
ERR_REFERENCE_LONG = _(
    "Contract %(contract)s: the contract and determina numbers have at most 20 characters "
    "on an invoice."
)

HOUR = Decimal(60)
CENT_HOUR = Decimal("0.01")
MONTHS_IT = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip
# Invoice descriptions are in Italian: they are read by the Italian body that pays them.
SERVICES_IT: dict[str, str] = {
    ServiceKind.PERSONAL_CARE: "Assistenza alla persona",
    ServiceKind.NURSING: "Prestazioni infermieristiche",
    ServiceKind.DOMESTIC: "Aiuto domestico",
    ServiceKind.COMPANIONSHIP: "Compagnia e sostegno",
    ServiceKind.TRANSPORT: "Trasporto",
    ServiceKind.EDUCATIONAL: "Sostegno educativo",
}
QUALIFICATIONS_IT: dict[str, str] = {
    Qualification.NONE: "",
    Qualification.OSS: "OSS",
    Qualification.NURSE: "infermiere",
    Qualification.EDUCATOR: "educatore",
}
# art. 10 n. 18 for nursing; every other care service is n. 27-ter
NATURE_OF: dict[str, vat.ServiceNature] = {ServiceKind.NURSING: vat.ServiceNature.HEALTH}


def first_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def last_of(month: dt.date) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


@dataclass
class RunResult:
    month: dt.date
    created: list[Invoice] = field(default_factory=list)
    issued: list[Invoice] = field(default_factory=list)
    visits: int = 0
    entries: int = 0


@dataclass
class _Group:
    """One invoice line in the making: what it counts and its quantity."""

    description: str
    unit_price: Decimal
    nature: vat.ServiceNature
    visits: list[tuple[Visit, int]] = field(default_factory=list)
    entries: list[TimesheetEntry] = field(default_factory=list)
    minutes: int = 0
    hours: Decimal = Decimal(0)

    @property
    def quantity(self) -> Decimal:
        total = self.hours + Decimal(self.minutes) / HOUR
        return total.quantize(CENT_HOUR, rounding=ROUND_HALF_UP)


def terms_of(contract: Contract) -> ContractTerms:
    """The contract's billing terms (the documented defaults until someone changes them)."""
    terms, _created = ContractTerms.objects.get_or_create(contract=contract)
    return terms


@transaction.atomic
def contract_terms_set(
    *,
    contract: Contract,
    time_basis: str = TimeBasis.PLANNED,
    bill_missed: bool = False,
    bill_second_carer: bool = True,
    recipient: str = vat.Recipient.ELDERLY,
) -> ContractTerms:
    terms = terms_of(contract)
    terms.time_basis = time_basis
    terms.bill_missed = bill_missed
    terms.bill_second_carer = bill_second_carer
    terms.recipient = recipient
    terms.full_clean()
    terms.save()
    return terms


def invoice_date_for(month: dt.date, today: dt.date) -> dt.date:
    """The month's last day, or today while the month is still running."""
    if month > first_of(today):
        raise ValidationError({"month": ERR_MONTH_FUTURE % {"month": f"{month:%Y-%m}"}})
    return min(last_of(month), today)


@transaction.atomic
def billing_run(
    *, organisation: Organisation, month: dt.date, today: dt.date, issue: bool = False
) -> RunResult:
    """Bill what the co-op has not billed yet for ``month``: one draft per contract.

    With ``issue`` the month's drafts are issued (numbered, after the schema and SdI checks).
    Nothing is saved if any contract cannot be billed.
    """
    month = first_of(month)
    day = invoice_date_for(month, today)
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()  # one run at once
    result = RunResult(month=month)
    drafts = Invoice.objects.filter(
        organisation=organisation, period=month, state=InvoiceState.DRAFT, contract__isnull=False
    )
    for draft in drafts:  # rebuilt below with whatever is new
        draft.delete()
    shares = list(
        ContractShare.objects.filter(coop=organisation)
        .select_related("lot__contract__tender__body")
        .order_by("lot__contract__signed_on", "lot__contract_id", "lot__number")
    )
    by_contract: dict[int, list[ContractShare]] = defaultdict(list)
    for share in shares:
        by_contract[share.lot.contract_id].append(share)
    for contract_shares in by_contract.values():
        invoice = _bill_contract(organisation, contract_shares, month, day, result)
        if invoice is not None:
            result.created.append(invoice)
    if issue:
        pending = Invoice.objects.filter(
            organisation=organisation,
            period=month,
            state=InvoiceState.DRAFT,
            contract__isnull=False,
        ).order_by("pk")
        result.issued = [invoice_issue(invoice=invoice) for invoice in pending]
    return result


def _bill_contract(
    organisation: Organisation,
    shares: list[ContractShare],
    month: dt.date,
    day: dt.date,
    result: RunResult,
) -> Invoice | None:
    contract = shares[0].lot.contract
    terms = terms_of(contract)
    prices = {
        (p.lot_id, p.service, p.qualification): p.price_per_hour
        for p in ContractPrice.objects.filter(lot__in=[s.lot_id for s in shares])
    }
    groups: dict[tuple[object, ...], _Group] = {}
    for share in shares:
        _add_visits(organisation, share, terms, prices, month, groups)
        _add_hours(share, prices, month, groups)
    if not groups:
        return None
    customer = _customer(organisation, contract)
    ordered = [groups[key] for key in sorted(groups, key=str)]
    invoice = invoice_draft(
        organisation=organisation,
        customer=customer,
        date=day,
        lines=[
            LineData(
                description=group.description,
                quantity=group.quantity,
                unit_price=group.unit_price,
                nature=group.nature,
                recipient=vat.Recipient(terms.recipient)
                if group.nature is not vat.ServiceNature.OTHER
                else vat.Recipient.NOT_LISTED,
                channel=vat.Channel.CONTRACT,
                unit="ore",
            )
            for group in ordered
        ],
        references=_references(contract),
        contract=contract,
        period=month,
    )
    lines = list(invoice.lines.order_by("position"))
    BilledVisit.objects.bulk_create(
        BilledVisit(line=line, visit=visit, minutes=minutes)
        for line, group in zip(lines, ordered, strict=True)
        for visit, minutes in group.visits
    )
    BilledHours.objects.bulk_create(
        BilledHours(line=line, entry=entry)
        for line, group in zip(lines, ordered, strict=True)
        for entry in group.entries
    )
    result.visits += sum(len(g.visits) for g in ordered)
    result.entries += sum(len(g.entries) for g in ordered)
    return invoice


def _price(
    prices: dict[tuple[int, str, str], Decimal], share: ContractShare, service: str, qual: str
) -> Decimal:
    price = prices.get((share.lot_id, service, qual))
    if price is None:
        contract = share.lot.contract
        raise ValidationError(
            {
                "contract": ERR_NO_PRICE
                % {
                    "contract": contract.number,
                    "lot": share.lot.number,
                    "service": service,
                    "qualification": qual,
                }
            }
        )
    return price


def _add_visits(
    organisation: Organisation,
    share: ContractShare,
    terms: ContractTerms,
    prices: dict[tuple[int, str, str], Decimal],
    month: dt.date,
    groups: dict[tuple[object, ...], _Group],
) -> None:
    commission_ids = list(
        CommissionLink.objects.filter(share=share).values_list("commission_id", flat=True)
    )
    if not commission_ids:
        return
    statuses = [VisitStatus.DONE, *([VisitStatus.MISSED] if terms.bill_missed else [])]
    visits = visits_of_commissions(
        commission_ids=commission_ids, start=month, end=last_of(month), statuses=statuses
    ).filter(organisation=organisation, billed_as__isnull=True)
    label = f"{MONTHS_IT[month.month - 1]} {month.year}"
    for visit in visits:
        if visit.slot > 1 and not terms.bill_second_carer:
            continue
        service = visit.plan_service.kind
        qual = visit.plan_service.qualification
        missed = visit.status == VisitStatus.MISSED
        key = ("visit", share.lot_id, service, qual, missed)
        group = groups.get(key)
        if group is None:
            who = QUALIFICATIONS_IT.get(qual, qual)
            text = SERVICES_IT.get(service, service) + (f" ({who})" if who else "")
            extra = ", visite mancate per assenza dell'utente" if missed else ""
            group = groups[key] = _Group(
                description=f"{text}{extra} - {label} - CIG {share.lot.contract.cig}",
                unit_price=_price(prices, share, service, qual),
                nature=NATURE_OF.get(service, vat.ServiceNature.SOCIAL_CARE),
            )
        minutes = _minutes(visit, terms)
        group.visits.append((visit, minutes))
        group.minutes += minutes


def _minutes(visit: Visit, terms: ContractTerms) -> int:
    """Billable minutes: planned (aware datetimes, so a DST night counts its real length), or
    from check-in to check-out for a done visit when the contract bills delivered time."""
    if (
        terms.time_basis == TimeBasis.DELIVERED
        and visit.status == VisitStatus.DONE
        and visit.checked_in_at
        and visit.checked_out_at
    ):
        return visit.delivered_minutes
    return visit.planned_minutes


def _add_hours(
    share: ContractShare,
    prices: dict[tuple[int, str, str], Decimal],
    month: dt.date,
    groups: dict[tuple[object, ...], _Group],
) -> None:
    work_ids = list(
        WorkContractLink.objects.filter(share=share).values_list("work_contract_id", flat=True)
    )
    if not work_ids:
        return
    entries = timesheet_entries_of(
        work_contract_ids=work_ids, start=month, end=last_of(month)
    ).filter(billed_as__isnull=True)
    lot = share.lot
    for entry in entries:
        key = ("hours", lot.pk)
        group = groups.get(key)
        if group is None:
            label = f"{MONTHS_IT[month.month - 1]} {month.year}"
            group = groups[key] = _Group(
                description=f"{lot.title} - ore lavorate - {label} - CIG {lot.contract.cig}",
                unit_price=_price(prices, share, lot.service, Qualification.NONE),
                nature=vat.ServiceNature.OTHER,
            )
        group.entries.append(entry)
        group.hours += entry.hours


def _customer(organisation: Organisation, contract: Contract) -> Customer:
    body = contract.tender.body
    if not body.ipa_code:
        raise ValidationError(
            {"customer": ERR_NO_OFFICE_CODE % {"body": body.name, "contract": contract.number}}
        )
    customer = (
        Customer.objects.filter(
            organisation=organisation, kind=CustomerKind.PUBLIC_BODY, fiscal_code=body.fiscal_code
        )
        .order_by("pk")
        .first()
    )
    if customer is None:
        raise ValidationError(
            {"customer": ERR_NO_CUSTOMER % {"body": body.name, "code": body.fiscal_code}}
        )
    changed = []
    if customer.office_code != body.ipa_code.upper():
        customer.office_code = body.ipa_code.upper()
        changed.append("office_code")
    if customer.split_payment != body.split_payment:
        customer.split_payment = body.split_payment
        changed.append("split_payment")
    if changed:  # the body's IPA code and split-payment status are the reference data
        customer.save(update_fields=[*changed, "updated_at"])
    return customer


def _references(contract: Contract) -> References:
    if len(contract.number) > 20 or len(contract.commitment_number) > 20:
        raise ValidationError({"contract": ERR_REFERENCE_LONG % {"contract": contract.number}})
    return References(
        cig=contract.cig,
        cup=contract.cup,
        contract_number=contract.number,
        contract_date=contract.signed_on,
        determina_number=contract.commitment_number,
        determina_date=contract.commitment_date,
    )


def month_invoices(organisation: Organisation, month: dt.date) -> Iterable[Invoice]:
    """Every invoice of the month: the runs' (by the month billed) and others dated in it."""
    month = first_of(month)
    by_period = Invoice.objects.filter(organisation=organisation, period=month)
    dated = Invoice.objects.filter(
        organisation=organisation, period__isnull=True, date__gte=month, date__lte=last_of(month)
    )
    return (
        (by_period | dated)
        .select_related("customer", "contract")
        .prefetch_related("lines", "sent_files")
        .order_by("date", "pk")
    )
