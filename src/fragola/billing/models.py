"""Who bills whom, the invoices and every file exchanged with the SdI.

Invoices are written by `fragola.billing.services` only. Files sent and received are kept as
they were, with their SHA-256, and never overwritten: a resend is a new `SentFile`.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fragola.billing import states, vat
from fragola.core.models import TimeStampedModel
from fragola.registry.models import Organisation


class IssuerKind(models.TextChoices):
    SOCIAL_COOP = vat.IssuerKind.SOCIAL_COOP.value, _("Social co-operative")
    SOCIAL_COOP_CONSORTIUM = (
        vat.IssuerKind.SOCIAL_COOP_CONSORTIUM.value,
        _("Consortium of social co-operatives"),
    )
    OTHER = vat.IssuerKind.OTHER.value, _("Other")


class IssuerProfile(TimeStampedModel):
    """A co-op's fiscal data as an invoice issuer (CedentePrestatore)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="billing_profile"
    )
    kind = models.CharField(_("kind of issuer"), max_length=24, choices=IssuerKind.choices)
    tax_regime = models.CharField(_("tax regime"), max_length=4, default="RF01")
    rea_office = models.CharField(_("REA office (province)"), max_length=2, blank=True)
    share_capital = models.DecimalField(
        _("share capital"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    street = models.CharField(_("registered office address"), max_length=60)
    street_number = models.CharField(_("street number"), max_length=8, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5)
    next_file = models.PositiveIntegerField(_("next file progressive"), default=1)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("issuer profile")
        verbose_name_plural = _("issuer profiles")

    def __str__(self) -> str:
        return str(self.organisation)


class NumberingSeries(TimeStampedModel):
    """One numbering series per co-op and year: invoice numbers are ``<n>/<year>``."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="billing_series"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("numbering series")
        verbose_name_plural = _("numbering series")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="billing_series_one_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"


class CustomerKind(models.TextChoices):
    PUBLIC_BODY = "public_body", _("Public body")
    PERSON = "person", _("Family or service user")
    COMPANY = "company", _("Company or other organisation")
    MEMBER_COOP = "member_coop", _("Member co-operative")


class Customer(TimeStampedModel):
    """Who a co-op bills (CessionarioCommittente)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="billing_customers"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CustomerKind.choices)
    name = models.CharField(_("name"), max_length=80, blank=True)
    first_name = models.CharField(_("first name"), max_length=60, blank=True)
    last_name = models.CharField(_("last name"), max_length=60, blank=True)
    fiscal_code = models.CharField(_("fiscal code"), max_length=16, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=11, blank=True)
    office_code = models.CharField(_("recipient code"), max_length=7)
    pec = models.EmailField(_("certified e-mail (PEC)"), blank=True)
    health_body = models.BooleanField(_("health body (60 days to pay)"), default=False)
    split_payment = models.BooleanField(_("subject to split payment (public bodies)"), default=True)
    street = models.CharField(_("address"), max_length=60)
    street_number = models.CharField(_("street number"), max_length=8, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5)
    comune = models.CharField(_("comune"), max_length=60)
    province = models.CharField(_("province"), max_length=2, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["name", "last_name", "first_name", "pk"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(
                    Q(kind=CustomerKind.PUBLIC_BODY, office_code__regex=r"^[A-Z0-9]{6}$")
                    | (~Q(kind=CustomerKind.PUBLIC_BODY) & Q(office_code__regex=r"^[A-Z0-9]{7}$"))
                ),
                name="billing_customer_office_code_length",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"{self.first_name} {self.last_name}"


class InvoiceState(models.TextChoices):
    """`fragola.billing.states.State` with its labels (a test keeps the two the same)."""

    DRAFT = states.State.DRAFT.value, _("Draft")
    ISSUED = states.State.ISSUED.value, _("Issued, not sent")
    SENT = states.State.SENT.value, _("Sent to the SdI")
    REJECTED = states.State.REJECTED.value, _("Rejected by the SdI")
    DELIVERED = states.State.DELIVERED.value, _("Delivered")
    NOT_DELIVERED = states.State.NOT_DELIVERED.value, _("Not delivered (in the tax area)")
    ACCEPTED = states.State.ACCEPTED.value, _("Accepted")
    REFUSED = states.State.REFUSED.value, _("Refused")
    DEADLINE_PASSED = states.State.DEADLINE_PASSED.value, _("No outcome in 15 days")


class DocumentType(models.TextChoices):
    INVOICE = "TD01", _("Invoice")
    CREDIT_NOTE = "TD04", _("Credit note")


class Invoice(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="billing_invoices"
    )
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="invoices")
    document_type = models.CharField(
        _("document type"), max_length=4, choices=DocumentType.choices, default="TD01"
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=InvoiceState.choices,
        default=InvoiceState.DRAFT,
    )
    date = models.DateField(_("date"))
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.CharField(_("number"), max_length=20, blank=True)  # given on issue
    cig = models.CharField(_("CIG"), max_length=15, blank=True)
    cup = models.CharField(_("CUP"), max_length=15, blank=True)
    contract_number = models.CharField(_("contract number"), max_length=20, blank=True)
    contract_date = models.DateField(_("contract date"), null=True, blank=True)
    convention_number = models.CharField(_("convention number"), max_length=20, blank=True)
    convention_date = models.DateField(_("convention date"), null=True, blank=True)
    determina_number = models.CharField(_("determina number"), max_length=20, blank=True)
    determina_date = models.DateField(_("determina date"), null=True, blank=True)
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="credit_notes"
    )
    split_payment = models.BooleanField(_("split payment"), default=False)
    split_payment_reason = models.CharField(_("why"), max_length=255, blank=True)
    stamp_duty = models.DecimalField(_("stamp duty"), default=0, max_digits=12, decimal_places=2)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    rejected_on = models.DateField(_("rejected by the SdI on"), null=True, blank=True)
    # Set on the invoices of a billing run: the contract and the month (its first day) billed.
    contract = models.ForeignKey(
        "procurement.Contract",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
    )
    period = models.DateField(_("month billed"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["-date", "-pk"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "year", "number"],
                condition=~Q(number=""),
                name="billing_invoice_number_unique_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or '-'} ({self.date:%Y-%m-%d})"


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("line"))
    description = models.CharField(_("description"), max_length=1000)
    quantity = models.DecimalField(_("quantity"), max_digits=20, decimal_places=8)
    unit = models.CharField(_("unit"), max_length=10, blank=True)
    unit_price = models.DecimalField(_("unit price"), max_digits=19, decimal_places=8)
    rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=2)
    natura = models.CharField(_("Natura"), max_length=4, blank=True)
    reference = models.CharField(_("legal reference"), max_length=100, blank=True)
    vat_reason = models.CharField(_("why this VAT"), max_length=255)
    vat_source = models.CharField(_("source"), max_length=255)

    class Meta:
        ordering: ClassVar = ["invoice", "position"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(Q(rate=0) & ~Q(natura="")) | (Q(rate__gt=0) & Q(natura="")),
                name="billing_line_natura_iff_zero_rate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.description[:40]}"


class SentFile(models.Model):
    """An invoice file as it left (kept forever, never overwritten)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="sent_files")
    name = models.CharField(_("file name"), max_length=60, unique=True)
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        ordering: ClassVar = ["sent_at", "pk"]
        verbose_name = _("file sent")
        verbose_name_plural = _("files sent")

    def __str__(self) -> str:
        return self.name


class ReceivedFile(models.Model):
    """A notification from the SdI as it arrived; the same file twice is kept once."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="billing_received_files"
    )
    sent_file = models.ForeignKey(SentFile, on_delete=models.PROTECT, related_name="notifications")
    name = models.CharField(_("file name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=2)
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    received_at = models.DateTimeField(_("received at"))

    class Meta:
        ordering: ClassVar = ["received_at", "pk"]
        verbose_name = _("file received")
        verbose_name_plural = _("files received")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "sha256"], name="billing_received_file_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TimeBasis(models.TextChoices):
    PLANNED = "planned", _("Planned time of the visit")
    DELIVERED = "delivered", _("Time between check-in and check-out")


class ContractTerms(TimeStampedModel):
    """How a public contract is billed: the rules that decide billable time (docs/billing.md)."""

    contract = models.OneToOneField(
        "procurement.Contract", on_delete=models.CASCADE, related_name="billing_terms"
    )
    time_basis = models.CharField(
        _("billable time"), max_length=10, choices=TimeBasis.choices, default=TimeBasis.PLANNED
    )
    bill_missed = models.BooleanField(
        _("bill visits missed by the user (no-show) at their planned time"), default=False
    )
    bill_second_carer = models.BooleanField(
        _("bill the second carer of a two-carer visit"), default=True
    )
    recipient = models.CharField(
        _("recipients of the service (for VAT)"),
        max_length=24,
        choices=[(r.value, r.value) for r in vat.Recipient],
        default=vat.Recipient.ELDERLY.value,
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("contract billing terms")
        verbose_name_plural = _("contract billing terms")

    def __str__(self) -> str:
        return f"terms of {self.contract_id}"


class BilledVisit(models.Model):
    """A care visit counted by an invoice line: a visit is billed once (unique)."""

    line = models.ForeignKey(InvoiceLine, on_delete=models.CASCADE, related_name="billed_visits")
    visit = models.OneToOneField("care.Visit", on_delete=models.PROTECT, related_name="billed_as")
    minutes = models.PositiveIntegerField(_("billed minutes"))

    class Meta:
        verbose_name = _("billed visit")
        verbose_name_plural = _("billed visits")

    def __str__(self) -> str:
        return f"visit {self.visit_id} → line {self.line_id}"


class BilledHours(models.Model):
    """A type B timesheet entry counted by an invoice line: billed once (unique)."""

    line = models.ForeignKey(InvoiceLine, on_delete=models.CASCADE, related_name="billed_hours")
    entry = models.OneToOneField(
        "integration.TimesheetEntry", on_delete=models.PROTECT, related_name="billed_as"
    )

    class Meta:
        verbose_name = _("billed hours")
        verbose_name_plural = _("billed hours")

    def __str__(self) -> str:
        return f"entry {self.entry_id} → line {self.line_id}"
