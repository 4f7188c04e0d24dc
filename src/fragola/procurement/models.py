"""Public contracts: the public bodies, the tenders a consortium follows (D.Lgs 36/2023), the
co-ops it names to execute them, and the contracts they become.

Every constraint here is also checked by a service (``services/``), which names the field.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fragola.care.models import Commission, Qualification, ServiceKind
from fragola.core.models import TimeStampedModel
from fragola.integration.models import WorkContract
from fragola.registry.models import Comune, Organisation


class PublicBodyKind(models.TextChoices):
    COMUNE = "comune", _("Comune")
    AMBITO = "ambito", _("Social district (ambito)")
    HEALTH = "health", _("Health authority (ASL/ATS)")
    SCHOOL = "school", _("School")
    REGION = "region", _("Region")
    OTHER = "other", _("Other public body")


class PublicBody(TimeStampedModel):
    """A contracting authority: shared reference data, like the comuni."""

    kind = models.CharField(_("kind"), max_length=8, choices=PublicBodyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    fiscal_code = models.CharField(_("fiscal code"), max_length=11, unique=True)
    ipa_code = models.CharField(_("IPA office code"), max_length=6, blank=True)
    split_payment = models.BooleanField(_("split payment"), default=True)
    comune = models.ForeignKey(
        Comune, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    pec = models.EmailField(_("certified e-mail (PEC)"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["name", "pk"]
        verbose_name = _("public body")
        verbose_name_plural = _("public bodies")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(kind__in=PublicBodyKind.values), name="public_body_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Procedure(models.TextChoices):
    OPEN = "open", _("Open procedure")
    NEGOTIATED = "negotiated", _("Negotiated procedure")
    RESERVED = "reserved", _("Reserved contract (art. 61)")
    FRAMEWORK = "framework", _("Framework agreement")
    ACCREDITATION = "accreditation", _("Accreditation")


class Criterion(models.TextChoices):
    BEST_VALUE = "best_value", _("Best price-quality ratio")
    LOWEST_PRICE = "lowest_price", _("Lowest price")


class TenderState(models.TextChoices):
    WATCHING = "watching", _("Watching")
    GO_NO_GO = "go_no_go", _("Go / no-go")
    PREPARING = "preparing", _("Preparing the bid")
    SUBMITTED = "submitted", _("Submitted")
    AWARDED = "awarded", _("Awarded")
    LOST = "lost", _("Lost")
    DECLINED = "declined", _("Not bidding")
    CONTRACT = "contract", _("Contract")


# Where a tender may go from each state (``services.tender_move`` enforces it).
TRANSITIONS: dict[str, frozenset[str]] = {
    TenderState.WATCHING: frozenset({TenderState.GO_NO_GO, TenderState.DECLINED}),
    TenderState.GO_NO_GO: frozenset({TenderState.PREPARING, TenderState.DECLINED}),
    TenderState.PREPARING: frozenset({TenderState.SUBMITTED, TenderState.DECLINED}),
    TenderState.SUBMITTED: frozenset({TenderState.AWARDED, TenderState.LOST}),
    TenderState.AWARDED: frozenset({TenderState.CONTRACT}),
    TenderState.LOST: frozenset(),
    TenderState.DECLINED: frozenset(),
    TenderState.CONTRACT: frozenset(),
}
# The states in which the consortium is, or has been, a bidder.
BIDDING_STATES = frozenset(
    {
        TenderState.PREPARING,
        TenderState.SUBMITTED,
        TenderState.AWARDED,
        TenderState.CONTRACT,
    }
)


class Tender(TimeStampedModel):
    """A call for tenders a consortium follows, from first sight to the contract."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="tenders")
    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="tenders")
    title = models.CharField(_("title"), max_length=300)
    cig = models.CharField(_("CIG"), max_length=10, blank=True)
    cup = models.CharField(_("CUP"), max_length=15, blank=True)
    cpv = models.CharField(_("CPV"), max_length=10, blank=True)
    procedure = models.CharField(_("procedure"), max_length=16, choices=Procedure.choices)
    social_services = models.BooleanField(_("social services"), default=True)
    labour_intensive = models.BooleanField(_("labour-intensive"), default=True)
    criterion = models.CharField(
        _("award criterion"), max_length=16, choices=Criterion.choices, default=Criterion.BEST_VALUE
    )
    quality_points = models.DecimalField(_("quality points"), max_digits=5, decimal_places=2)
    price_points = models.DecimalField(_("price points"), max_digits=5, decimal_places=2)
    base_amount = models.DecimalField(_("base amount (EUR)"), max_digits=14, decimal_places=2)
    labour_cost = models.DecimalField(
        _("declared labour cost (EUR)"), max_digits=14, decimal_places=2, default=0
    )
    ccnl = models.CharField(_("collective agreement (CCNL)"), max_length=200, blank=True)
    clarifications_due = models.DateTimeField(_("clarifications due"), null=True, blank=True)
    submission_due = models.DateTimeField(_("submission due"), null=True, blank=True)
    opening_at = models.DateTimeField(_("opening of bids"), null=True, blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    documents_url = models.URLField(_("documents"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=TenderState.choices, default=TenderState.WATCHING
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    awarded_amount = models.DecimalField(
        _("awarded amount (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["submission_due", "pk"]
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "cig"],
                condition=~Q(cig=""),
                name="tender_cig_unique_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(procedure__in=Procedure.values), name="tender_procedure_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=TenderState.values), name="tender_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(base_amount__gte=0) & Q(labour_cost__gte=0),
                name="tender_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(labour_cost__lte=F("base_amount")),
                name="tender_labour_cost_within_base",
            ),
            models.CheckConstraint(
                condition=Q(quality_points__gte=0)
                & Q(price_points__gte=0)
                & Q(quality_points__lte=100)
                & Q(price_points__lte=100),
                name="tender_points_range",
            ),
            models.CheckConstraint(
                condition=~Q(social_services=True, criterion=Criterion.LOWEST_PRICE),
                name="tender_social_services_not_lowest_price",
            ),
            models.CheckConstraint(
                condition=~Q(labour_intensive=True, price_points__gt=30),
                name="tender_labour_intensive_price_cap",
            ),
            models.CheckConstraint(
                condition=Q(clarifications_due__isnull=True)
                | Q(submission_due__isnull=True)
                | Q(clarifications_due__lte=F("submission_due")),
                name="tender_clarifications_before_submission",
            ),
            models.CheckConstraint(
                condition=Q(opening_at__isnull=True)
                | Q(submission_due__isnull=True)
                | Q(opening_at__gte=F("submission_due")),
                name="tender_opening_after_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cig or '—'} · {self.title}"

    @property
    def is_reserved(self) -> bool:
        return self.procedure == Procedure.RESERVED


class TenderLot(TimeStampedModel):
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField(_("lot"))
    title = models.CharField(_("title"), max_length=200)
    service = models.CharField(_("service"), max_length=16, choices=ServiceKind.choices)
    comuni = models.ManyToManyField(Comune, blank=True, related_name="+", verbose_name=_("comuni"))
    hours = models.DecimalField(_("hours"), max_digits=10, decimal_places=2)
    base_amount = models.DecimalField(_("base amount (EUR)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering: ClassVar = ["number", "pk"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["tender", "number"], name="tender_lot_number_unique"),
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(base_amount__gte=0), name="tender_lot_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Executor(TimeStampedModel):
    """A member co-op the consortium names to execute the tender if it wins (art. 65/67)."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="executors")
    coop = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="executions")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["coop__name", "pk"]
        verbose_name = _("executing co-op")
        verbose_name_plural = _("executing co-ops")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["tender", "coop"], name="executor_unique_per_tender"),
        ]

    def __str__(self) -> str:
        return f"{self.coop} → {self.tender_id}"


class Contract(TimeStampedModel):
    """The contract an award becomes: the one that care, job sites and billing refer to."""

    tender = models.OneToOneField(Tender, on_delete=models.PROTECT, related_name="contract")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="public_contracts"
    )
    cig = models.CharField(_("CIG"), max_length=10)
    cup = models.CharField(_("CUP"), max_length=15, blank=True)
    number = models.CharField(_("contract number"), max_length=50)
    signed_on = models.DateField(_("contract date"))
    commitment_number = models.CharField(_("commitment decision number"), max_length=50)
    commitment_date = models.DateField(_("commitment decision date"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["-starts_on", "pk"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="contract_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="contract_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="contract_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.number} · CIG {self.cig}"


class ContractLot(TimeStampedModel):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField(_("lot"))
    title = models.CharField(_("title"), max_length=200)
    service = models.CharField(_("service"), max_length=16, choices=ServiceKind.choices)
    hours_per_month = models.DecimalField(_("hours per month"), max_digits=10, decimal_places=2)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        ordering: ClassVar = ["number", "pk"]
        verbose_name = _("contract lot")
        verbose_name_plural = _("contract lots")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["contract", "number"], name="contract_lot_unique"),
            models.CheckConstraint(
                condition=Q(hours_per_month__gte=0) & Q(amount__gte=0),
                name="contract_lot_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ContractPrice(models.Model):
    """The hourly price of a service by the carer's qualification, in one lot."""

    lot = models.ForeignKey(ContractLot, on_delete=models.CASCADE, related_name="prices")
    service = models.CharField(_("service"), max_length=16, choices=ServiceKind.choices)
    qualification = models.CharField(
        _("qualification"), max_length=12, choices=Qualification.choices
    )
    price_per_hour = models.DecimalField(_("price per hour (EUR)"), max_digits=8, decimal_places=2)

    class Meta:
        ordering: ClassVar = ["service", "qualification", "pk"]
        verbose_name = _("contract price")
        verbose_name_plural = _("contract prices")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["lot", "service", "qualification"], name="contract_price_unique"
            ),
            models.CheckConstraint(
                condition=Q(price_per_hour__gt=0), name="contract_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service}/{self.qualification}: {self.price_per_hour}"


class ContractShare(TimeStampedModel):
    """A member co-op's part of a lot: its share and its hours per month."""

    lot = models.ForeignKey(ContractLot, on_delete=models.CASCADE, related_name="shares")
    coop = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contract_shares")
    percent = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)
    hours_per_month = models.DecimalField(_("hours per month"), max_digits=10, decimal_places=2)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["lot__number", "coop__name", "pk"]
        verbose_name = _("executing co-op's share")
        verbose_name_plural = _("executing co-ops' shares")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["lot", "coop"], name="contract_share_unique"),
            models.CheckConstraint(
                condition=Q(percent__gt=0) & Q(percent__lte=100), name="contract_share_range"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_month__gte=0), name="contract_share_hours_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.coop} · {self.lot}"


class CommissionLink(models.Model):
    """A care commission delivered under a co-op's share of a contract lot: care keeps the
    commission, this says which public contract it is (one contract, no second copy)."""

    share = models.ForeignKey(ContractShare, on_delete=models.CASCADE, related_name="commissions")
    commission = models.OneToOneField(
        Commission, on_delete=models.CASCADE, related_name="public_contract_link"
    )

    class Meta:
        verbose_name = _("commission under a contract")
        verbose_name_plural = _("commissions under contracts")

    def __str__(self) -> str:
        return f"{self.commission_id} → {self.share_id}"


class WorkContractLink(models.Model):
    """A type B work contract (its job sites) executing a co-op's share of a contract lot."""

    share = models.ForeignKey(
        ContractShare, on_delete=models.CASCADE, related_name="work_contracts"
    )
    work_contract = models.OneToOneField(
        WorkContract, on_delete=models.CASCADE, related_name="public_contract_link"
    )

    class Meta:
        verbose_name = _("work contract under a contract")
        verbose_name_plural = _("work contracts under contracts")

    def __str__(self) -> str:
        return f"{self.work_contract_id} → {self.share_id}"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class TenderFeed(models.Model):
    """The secret address of a consortium's tender deadlines (``/ical/tenders/<token>.ics``)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="tender_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tender calendar feed")
        verbose_name_plural = _("tender calendar feeds")

    def __str__(self) -> str:
        return f"feed of {self.organisation_id}"
