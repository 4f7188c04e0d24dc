"""The consortium's back office: agreements, requests with service levels, shared costs.

Every row names its consortium and the member co-op it concerns: the consortium's staff see
their consortium's rows, a member co-op's administrators see the rows of their co-op only.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from fragola.backoffice.working_time import Kind, Team
from fragola.core.models import TimeStampedModel
from fragola.registry.models import Organisation, Person


class Service(models.TextChoices):
    PAYROLL = Team.PAYROLL.value, _("Payroll exchange")
    ACCOUNTING = Team.ACCOUNTING.value, _("Accounting and tax")
    LEGAL = Team.LEGAL.value, _("Legal and corporate")
    TRAINING = Team.TRAINING.value, _("Training")
    QUALITY = Team.QUALITY.value, _("Quality and certification")
    TENDERS = Team.TENDERS.value, _("Tender office")
    ICT = Team.ICT.value, _("ICT and privacy")


class RequestKind(models.TextChoices):
    NEW_HIRE = Kind.NEW_HIRE.value, _("New hire")
    CONTRACT_CHANGE = Kind.CONTRACT_CHANGE.value, _("Contract change")
    SICK_LEAVE = Kind.SICK_LEAVE.value, _("Sick leave")
    STATUTE_CHANGE = Kind.STATUTE_CHANGE.value, _("Statute change")
    TRAINING_NEED = Kind.TRAINING_NEED.value, _("Training need")
    NON_CONFORMITY = Kind.NON_CONFORMITY.value, _("Non-conformity")
    INVOICE_QUESTION = Kind.INVOICE_QUESTION.value, _("Invoice question")
    PRIVACY = Kind.PRIVACY.value, _("Privacy and ICT")
    TENDER = Kind.TENDER.value, _("Tender")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    RESOLVED = "resolved", _("Resolved")


class Agreement(TimeStampedModel):
    """A member co-op's agreement for one service, with its monthly fee and the GDPR art. 28
    data-processing agreement (the consortium processes the co-op's workers' data)."""

    consortium = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    coop = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    service = models.CharField(_("service"), max_length=12, choices=Service.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    monthly_fee = models.DecimalField(_("monthly fee (€)"), max_digits=10, decimal_places=2)
    startup_package = models.BooleanField(_("start-up package (reduced rate)"), default=False)
    dpa_signed_on = models.DateField(
        _("data-processing agreement signed on"), null=True, blank=True
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["coop__name", "service", "starts_on"]
        verbose_name = _("service agreement")
        verbose_name_plural = _("service agreements")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="backoffice_agreement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(monthly_fee__gte=0), name="backoffice_agreement_fee_not_negative"
            ),
            models.UniqueConstraint(
                fields=["coop", "service", "starts_on"], name="backoffice_agreement_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.coop} · {self.get_service_display()}"


class ServiceRequest(TimeStampedModel):
    """A member co-op's request to the consortium, with its service-level due times."""

    consortium = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    coop = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices)
    team = models.CharField(_("team"), max_length=12, choices=Service.choices)
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    response_due = models.DateTimeField(_("answer due by"))
    resolution_due = models.DateTimeField(_("resolution due by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1-5)"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["-opened_at", "-pk"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="backoffice_request_satisfaction_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(answered_at__gte=F("opened_at")),
                name="backoffice_request_answered_after_opened",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | Q(resolved_at__gte=F("opened_at")),
                name="backoffice_request_resolved_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class Breach(models.TextChoices):
    RESPONSE = "response", _("No answer within the service level")
    RESOLUTION = "resolution", _("Not resolved within the service level")


class Escalation(models.Model):
    """A missed service level, flagged when it happens: one row per request and breach, so a
    breach is escalated once however often the check runs."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="escalations"
    )
    breach = models.CharField(_("breach"), max_length=10, choices=Breach.choices)
    due_at = models.DateTimeField(_("was due at"))
    escalated_at = models.DateTimeField(_("escalated at"))

    class Meta:
        ordering: ClassVar = ["escalated_at", "pk"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["request", "breach"], name="backoffice_escalation_once_per_breach"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.get_breach_display()}"


class TimeEntry(models.Model):
    """Time the consortium's staff spent on a request (a driver of shared costs)."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="time")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    worked_on = models.DateField(_("day"))
    minutes = models.PositiveIntegerField(_("minutes"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering: ClassVar = ["worked_on", "pk"]
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(minutes__gt=0, minutes__lte=24 * 60),
                name="backoffice_time_entry_minutes_in_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worked_on} · {self.minutes} min"


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("Draft, to review")
    APPROVED = "approved", pgettext_lazy("allocation run", "Approved")


class AllocationRun(TimeStampedModel):
    """One month's shared costs split among the member co-ops. Approval freezes it and issues
    the charges; a later change is a new run that replaces it (the old one and its charges stay)."""

    consortium = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    period = models.DateField(_("month"))  # its first day
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.DRAFT
    )
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["-period", "-pk"]
        verbose_name = _("allocation run")
        verbose_name_plural = _("allocation runs")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(period__day=1), name="backoffice_run_period_first_of_month"
            ),
            models.CheckConstraint(
                condition=Q(status=RunStatus.DRAFT) | Q(approved_at__isnull=False),
                name="backoffice_run_approved_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consortium} · {self.period:%Y-%m}"


class CostPool(models.Model):
    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="pools")
    name = models.CharField(_("pool"), max_length=100)
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    driver = models.CharField(_("driver"), max_length=50)

    class Meta:
        ordering: ClassVar = ["pk"]
        verbose_name = _("cost pool")
        verbose_name_plural = _("cost pools")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["run", "name"], name="backoffice_pool_unique_name"),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="backoffice_pool_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.amount} €, {self.driver})"


class DriverValue(models.Model):
    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="values")
    coop = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    driver = models.CharField(_("driver"), max_length=50)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)

    class Meta:
        ordering: ClassVar = ["pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["run", "coop", "driver"], name="backoffice_driver_value_unique"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="backoffice_driver_value_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.coop} · {self.driver} = {self.value}"


class Charge(TimeStampedModel):
    """A recharge invoice to a member co-op for its share of an approved run (22 % VAT: a
    consortium's services to its members, AdE circ. 23/E/2009). ``total = net + vat`` is kept by
    the approval that computes them (no database check: SQLite compares decimals as floats)."""

    run = models.ForeignKey(AllocationRun, on_delete=models.PROTECT, related_name="charges")
    consortium = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    coop = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("number"), max_length=20)
    issued_on = models.DateField(_("issued on"))
    net = models.DecimalField(_("taxable amount (€)"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    vat = models.DecimalField(_("VAT (€)"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total (€)"), max_digits=12, decimal_places=2)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["-issued_on", "-pk"]
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["run", "coop"], name="backoffice_charge_one_per_coop"),
            models.UniqueConstraint(
                fields=["consortium", "number"], name="backoffice_charge_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class ChargeLine(models.Model):
    """One pool's share in a charge: the allocation line."""

    charge = models.ForeignKey(Charge, on_delete=models.CASCADE, related_name="lines")
    pool = models.ForeignKey(CostPool, on_delete=models.PROTECT, related_name="lines")
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)

    class Meta:
        ordering: ClassVar = ["pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["charge", "pool"], name="backoffice_line_one_per_pool"),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="backoffice_line_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pool.name}: {self.amount} €"


class PayRecord(TimeStampedModel):
    """A worker's gross pay and labour cost for a month (or a year: ``month`` empty), as the
    payroll provider reports them back (the social report's pay ratio and the tender cost model
    read them). Fragola runs no payroll: L. 12/1979 reserves it to labour consultants."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    gross_pay = models.DecimalField(_("gross pay (€)"), max_digits=12, decimal_places=2)
    labour_cost = models.DecimalField(_("labour cost (€)"), max_digits=12, decimal_places=2)
    contract_percent = models.DecimalField(
        _("contract (% of full time)"), max_digits=5, decimal_places=2
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["year", "month", "pk"]
        verbose_name = _("pay record")
        verbose_name_plural = _("pay records")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["person", "year", "month"],
                condition=Q(month__isnull=False),
                name="backoffice_pay_one_per_month",
            ),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(month__isnull=True),
                name="backoffice_pay_one_per_year",
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                name="backoffice_pay_month_1_to_12",
            ),
            models.CheckConstraint(
                condition=Q(gross_pay__gte=0, labour_cost__gte=0),
                name="backoffice_pay_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(contract_percent__gt=0, contract_percent__lte=100),
                name="backoffice_pay_contract_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.year}-{self.month or 'year'}"
