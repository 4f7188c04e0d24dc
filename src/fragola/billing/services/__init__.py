"""Every write of billing: the issuer's data, customers, invoices, files sent and received.

Keyword-only, typed, atomic; bad input raises a ValidationError naming the field. VAT is never
typed: each line's rate or Natura comes from `fragola.billing.vat` with its reason and source.
Before an invoice is issued or sent, its XML must follow the official schema and pass the SdI's
checks (`fragola.billing.sdi_checks`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fragola.billing import fatturapa as fp
from fragola.billing import notifications as sdi
from fragola.billing import states, vat
from fragola.billing.documents import document_of
from fragola.billing.models import (
    Customer,
    CustomerKind,
    DocumentType,
    Invoice,
    InvoiceLine,
    IssuerProfile,
    NumberingSeries,
    ReceivedFile,
    SentFile,
)
from fragola.billing.sdi_checks import IssuedKey, check_file, issued_key
from fragola.procurement.models import Contract
from fragola.registry.models import Organisation

ERR_NO_PROFILE = _("Enter the co-op's billing data (issuer profile) first.")
ERR_PUBLIC_OFFICE_CODE = _("A public body's recipient code has 6 capital letters or digits.")
ERR_PRIVATE_OFFICE_CODE = _(
    "The recipient code has 7 capital letters or digits (0000000 if the customer has none)."
)
ERR_CUSTOMER_NAME = _("Give the customer's name, or a first and a last name.")
ERR_CUSTOMER_ID = _("Give the customer's fiscal code or VAT number.")
ERR_NO_LINES = _("An invoice needs at least one line.")
ERR_QUANTITY = _("Line %(line)s: the quantity must be above zero.")
ERR_PRICE = _("Line %(line)s: the unit price cannot be negative.")
ERR_CIG = _("An invoice to a public body needs the contract's CIG (DL 66/2014 art. 25).")
ERR_VAT_DATE = _("Fragola decides VAT for invoices dated from 1 January 2016 only.")
ERR_CORRECTS = _("A credit note must name the invoice of this co-op it corrects.")
ERR_NOT_DRAFT = _("Only a draft invoice can be issued.")
ERR_CHECKS = _("The invoice does not pass the SdI's checks: %(errors)s")
ERR_NOT_SENDABLE = _("This invoice cannot be sent in its present state.")
ERR_RESEND_LATE = _(
    "The 5 days to send this rejected invoice again with its number and date ended on %(day)s."
)
ERR_NOTIFICATION = _("This file is not an SdI notification: %(detail)s")
ERR_UNKNOWN_FILE = _("No invoice file called %(name)s was sent from Fragola.")
ERR_HASH = _("The notification is about another file called %(name)s (its hash differs).")
ERR_TRANSITION = _("The notification does not fit the invoice: it is %(state)s and got %(kind)s.")

NOT_SPLIT_BODY = "the public body is not among those subject to split payment (art. 17-ter)"
PAYMENT_DAYS = 30  # D.Lgs 231/2002 art. 4
HEALTH_PAYMENT_DAYS = 60  # D.Lgs 231/2002 art. 4 c. 5 (public health bodies)


@transaction.atomic
def issuer_profile_set(
    *,
    organisation: Organisation,
    kind: str,
    street: str,
    postcode: str,
    street_number: str = "",
    tax_regime: str = "RF01",
    rea_office: str = "",
    share_capital: Decimal | None = None,
    iban: str = "",
) -> IssuerProfile:
    values = {
        "kind": kind,
        "street": street,
        "postcode": postcode,
        "street_number": street_number,
        "tax_regime": tax_regime,
        "rea_office": rea_office,
        "share_capital": share_capital,
        "iban": iban.replace(" ", "").upper(),
    }
    profile = IssuerProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        profile = IssuerProfile(organisation=organisation)
    for name, value in values.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile


@dataclass(frozen=True)
class CustomerData:
    kind: str
    office_code: str
    street: str
    postcode: str
    comune: str
    province: str = ""
    street_number: str = ""
    name: str = ""
    first_name: str = ""
    last_name: str = ""
    fiscal_code: str = ""
    vat_number: str = ""
    pec: str = ""
    health_body: bool = False
    split_payment: bool = True


@transaction.atomic
def customer_add(*, organisation: Organisation, data: CustomerData) -> Customer:
    code = data.office_code.strip().upper()
    public = data.kind == CustomerKind.PUBLIC_BODY
    if public and not (len(code) == 6 and code.isalnum()):
        raise ValidationError({"office_code": ERR_PUBLIC_OFFICE_CODE})
    if not public and not (len(code) == 7 and code.isalnum()):
        raise ValidationError({"office_code": ERR_PRIVATE_OFFICE_CODE})
    if not data.name and not (data.first_name and data.last_name):
        raise ValidationError({"name": ERR_CUSTOMER_NAME})
    if not data.fiscal_code and not data.vat_number:
        raise ValidationError({"fiscal_code": ERR_CUSTOMER_ID})
    customer = Customer(
        organisation=organisation,
        **{**data.__dict__, "office_code": code, "fiscal_code": data.fiscal_code.upper()},
    )
    customer.full_clean()
    customer.save()
    return customer


@dataclass(frozen=True)
class LineData:
    """One line to bill and the facts its VAT is decided from."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    nature: vat.ServiceNature
    recipient: vat.Recipient
    channel: vat.Channel
    unit: str = ""


@dataclass(frozen=True)
class References:
    cig: str = ""
    cup: str = ""
    contract_number: str = ""
    contract_date: dt.date | None = None
    convention_number: str = ""
    convention_date: dt.date | None = None
    determina_number: str = ""
    determina_date: dt.date | None = None


@transaction.atomic
def invoice_draft(
    *,
    organisation: Organisation,
    customer: Customer,
    date: dt.date,
    lines: Sequence[LineData],
    references: References | None = None,
    corrects: Invoice | None = None,
    contract: Contract | None = None,
    period: dt.date | None = None,
) -> Invoice:
    """A draft invoice (or, with ``corrects``, a credit note) with its VAT decided per line.

    ``contract`` and ``period`` (the first day of a month) mark a billing run's invoice.
    """
    profile = _profile(organisation)
    refs = references or References()
    if not lines:
        raise ValidationError({"lines": ERR_NO_LINES})
    public = customer.kind == CustomerKind.PUBLIC_BODY
    if public and not refs.cig:
        raise ValidationError({"cig": ERR_CIG})
    if corrects is not None and (
        corrects.organisation_id != organisation.pk or not corrects.number
    ):
        raise ValidationError({"corrects": ERR_CORRECTS})
    decisions = [_decide(profile, line, date, position) for position, line in enumerate(lines, 1)]
    split = vat.decide_split_payment(
        public_body=public and customer.split_payment, invoice_date=date
    )
    if public and not customer.split_payment:
        split = vat.SplitPaymentDecision(False, NOT_SPLIT_BODY, "DPR 633/1972 art. 17-ter c. 1")
    untaxed = sum(
        (
            fp.money(d.quantity * d.unit_price)
            for d, v in zip(lines, decisions, strict=True)
            if v.natura
        ),
        Decimal(0),
    )
    stamp = vat.decide_stamp_duty(untaxed_total=untaxed, invoice_date=date)
    days = HEALTH_PAYMENT_DAYS if customer.health_body else PAYMENT_DAYS
    invoice = Invoice.objects.create(
        organisation=organisation,
        customer=customer,
        document_type=DocumentType.CREDIT_NOTE if corrects else DocumentType.INVOICE,
        date=date,
        year=date.year,
        corrects=corrects,
        split_payment=split.applies,
        split_payment_reason=split.reason[:255],
        stamp_duty=stamp.amount,
        due_date=date + dt.timedelta(days=days),
        contract=contract,
        period=period,
        **refs.__dict__,
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            position=position,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
            rate=decision.rate,
            natura=decision.natura,
            reference=decision.reference,
            vat_reason=decision.reason[:255],
            vat_source=decision.source[:255],
        )
        for position, (line, decision) in enumerate(zip(lines, decisions, strict=True), 1)
    )
    return invoice


def _profile(organisation: Organisation) -> IssuerProfile:
    profile = IssuerProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        raise ValidationError({"organisation": ERR_NO_PROFILE})
    return profile


def _decide(profile: IssuerProfile, line: LineData, day: dt.date, position: int) -> vat.VatDecision:
    if line.quantity <= 0:
        raise ValidationError({"lines": ERR_QUANTITY % {"line": position}})
    if line.unit_price < 0:
        raise ValidationError({"lines": ERR_PRICE % {"line": position}})
    facts = vat.LineFacts(
        vat.IssuerKind(profile.kind), line.nature, line.recipient, line.channel, day
    )
    try:
        decision = vat.decide_line(facts)
        if decision.natura:
            vat.check_natura(decision.natura, day)
    except vat.NoValueInForce:
        raise ValidationError({"date": ERR_VAT_DATE}) from None
    return decision


def _issued_keys(invoice: Invoice) -> set[IssuedKey]:
    # The numbers the SdI already knows from this co-op that year (delivered, in whatever state).
    org = invoice.organisation
    others = Invoice.objects.filter(organisation=org, year=invoice.year).exclude(pk=invoice.pk)
    done = [s.value for s in states.State if states.counts_for_tax(s)]
    numbers = others.filter(state__in=done).values_list("number", flat=True)
    vat_number = org.vat_number or org.fiscal_code
    return {issued_key(vat_number, number, invoice.year) for number in numbers}


def _check(invoice: Invoice, data: bytes) -> None:
    findings = check_file(data, issued=_issued_keys(invoice))
    if findings:
        errors = "; ".join(f.text(gettext) for f in findings)
        raise ValidationError({"number": ERR_CHECKS % {"errors": errors}})


@transaction.atomic
def invoice_issue(*, invoice: Invoice) -> Invoice:
    """Number a draft in its year's series, after its XML passes the schema and the SdI's checks."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.state != states.State.DRAFT:
        raise ValidationError({"state": ERR_NOT_DRAFT})
    series, _created = NumberingSeries.objects.select_for_update().get_or_create(
        organisation=invoice.organisation, year=invoice.year
    )
    series.last_number += 1
    series.save(update_fields=["last_number", "updated_at"])
    invoice.number = f"{series.last_number}/{invoice.year}"
    _check(invoice, fp.to_xml(document_of(invoice)))
    invoice.state = states.next_state(states.State.DRAFT, states.Event.ISSUE).value
    invoice.save(update_fields=["number", "state", "updated_at"])
    return invoice


@transaction.atomic
def invoice_send(*, invoice: Invoice, at: dt.datetime) -> SentFile:
    """Write the invoice's file, check it, keep it, and mark the invoice sent.

    A rejected invoice (NS) goes again with the same number and date, within 5 days.
    """
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    state = states.State(invoice.state)
    if states.Event.SEND not in states.allowed_events(state):
        raise ValidationError({"state": ERR_NOT_SENDABLE})
    rejected_on = invoice.rejected_on
    if (
        state is states.State.REJECTED
        and rejected_on
        and not states.can_resend(rejected_on, timezone.localdate(at))
    ):
        deadline = states.resend_deadline(rejected_on)
        raise ValidationError({"state": ERR_RESEND_LATE % {"day": deadline.isoformat()}})
    profile = IssuerProfile.objects.select_for_update().get(organisation=invoice.organisation)
    document = document_of(invoice, progressive=profile.next_file)
    data = fp.to_xml(document)
    _check(invoice, data)
    profile.next_file += 1
    profile.save(update_fields=["next_file", "updated_at"])
    sent = SentFile.objects.create(
        invoice=invoice,
        name=fp.file_name(document),
        content=data,
        sha256=sdi.sha256(data),
        sent_at=at,
    )
    invoice.state = states.next_state(state, states.Event.SEND).value
    invoice.save(update_fields=["state", "updated_at"])
    return sent


@transaction.atomic
def notification_import(
    *,
    name: str,
    data: bytes,
    received_at: dt.datetime,
    organisation: Organisation | None = None,
) -> ReceivedFile:
    """Keep an SdI notification and move its invoice on; the same file twice is kept once."""
    try:
        notice = sdi.parse_notification(data)
    except sdi.NotificationError as exc:
        raise ValidationError({"file": ERR_NOTIFICATION % {"detail": str(exc)}}) from None
    sent = SentFile.objects.select_related("invoice").filter(name=notice.invoice_file).first()
    if sent is None or (
        organisation is not None and sent.invoice.organisation_id != organisation.pk
    ):
        raise ValidationError({"file": ERR_UNKNOWN_FILE % {"name": notice.invoice_file}})
    if notice.file_hash and notice.file_hash.lower() != sent.sha256:
        raise ValidationError({"file": ERR_HASH % {"name": notice.invoice_file}})
    digest = sdi.sha256(data)
    org = sent.invoice.organisation
    existing = ReceivedFile.objects.filter(organisation=org, sha256=digest).first()
    if existing is not None:
        return existing
    invoice = Invoice.objects.select_for_update().get(pk=sent.invoice_id)
    _apply(invoice, notice, received_at)
    return ReceivedFile.objects.create(
        organisation=org,
        sent_file=sent,
        name=name[:100],
        kind=notice.kind.value,
        content=data,
        sha256=digest,
        received_at=received_at,
    )


def _apply(invoice: Invoice, notice: sdi.Notification, received_at: dt.datetime) -> None:
    state = states.State(invoice.state)
    try:
        new = states.next_state(state, notice.event)
    except states.InvalidTransition:
        raise ValidationError(
            {"file": ERR_TRANSITION % {"state": state.value, "kind": notice.event.value}}
        ) from None
    fields = ["state", "updated_at"]
    invoice.state = new.value
    if new is states.State.REJECTED:
        invoice.rejected_on = timezone.localdate(notice.received_at or received_at)
        fields.append("rejected_on")
    invoice.save(update_fields=fields)
