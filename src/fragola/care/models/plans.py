"""Commissioning (who pays, for how many hours) and the care plan (PAI) with its services."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _

from fragola.care.models.carers import Carer
from fragola.care.models.choices import (
    FunderKind,
    PlanStatus,
    Qualification,
    ServiceKind,
    TwoCarerMode,
)
from fragola.care.models.people import ServiceUser
from fragola.core.models import TimeStampedModel


class Commission(TimeStampedModel):
    """Who pays for a user's care, under which contract or accreditation."""

    service_user = models.ForeignKey(
        ServiceUser, on_delete=models.CASCADE, related_name="commissions"
    )
    funder_kind = models.CharField(_("funder"), max_length=8, choices=FunderKind.choices)
    funder_name = models.CharField(_("funder name"), max_length=200)
    contract_reference = models.CharField(_("contract or accreditation"), max_length=200)
    cig = models.CharField(_("CIG"), max_length=10, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    co_payment_per_hour = models.DecimalField(
        _("user's co-payment per hour (EUR)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0.00"),
    )

    class Meta:
        ordering: ClassVar = ["starts_on", "pk"]
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(funder_kind__in=FunderKind.values), name="commission_funder_valid"
            ),
            models.CheckConstraint(
                condition=Q(co_payment_per_hour__gte=0), name="commission_co_payment_positive"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="commission_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder_name} · {self.contract_reference}"


class AuthorisedHours(models.Model):
    commission = models.ForeignKey(
        Commission, on_delete=models.CASCADE, related_name="authorised_hours"
    )
    service_kind = models.CharField(_("service"), max_length=16, choices=ServiceKind.choices)
    hours_per_month = models.DecimalField(_("hours per month"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("authorised hours")
        verbose_name_plural = _("authorised hours")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["commission", "service_kind"], name="authorised_hours_unique"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_month__gt=0), name="authorised_hours_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_kind_display()}: {self.hours_per_month} h"


class CarePlan(TimeStampedModel):
    """The PAI: assessment, goals, review date, services, preferred and refused carers."""

    service_user = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="plans")
    commission = models.ForeignKey(
        Commission, on_delete=models.SET_NULL, null=True, blank=True, related_name="plans"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    assessed_on = models.DateField(_("assessment date"))
    goals = models.TextField(_("goals"))
    review_on = models.DateField(_("next review"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    family_tasks = models.TextField(_("what the family does (not scheduled)"), blank=True)
    preferred_carers = models.ManyToManyField(
        Carer, blank=True, related_name="preferred_in", verbose_name=_("preferred carers")
    )
    refused_carers = models.ManyToManyField(
        Carer, blank=True, related_name="refused_in", verbose_name=_("carers the user refuses")
    )

    class Meta:
        ordering: ClassVar = ["-valid_from", "pk"]
        verbose_name = _("care plan (PAI)")
        verbose_name_plural = _("care plans (PAI)")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(review_on__gte=F("assessed_on")), name="plan_review_after_assessment"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="plan_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PlanStatus.values), name="plan_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"PAI {self.service_user} ({self.valid_from})"


class PlanService(models.Model):
    """One service of a plan: what, how long, when (weekdays + window), by whom."""

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="services")
    kind = models.CharField(_("service"), max_length=16, choices=ServiceKind.choices)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    # ISO weekdays as digits, Monday = 1: "12345" is Monday to Friday.
    weekdays = models.CharField(_("weekdays"), max_length=7)
    window_start = models.TimeField(_("from"))
    window_end = models.TimeField(_("to"))
    qualification = models.CharField(
        _("qualification needed"),
        max_length=8,
        choices=Qualification.choices,
        default=Qualification.NONE,
    )
    carers_needed = models.PositiveSmallIntegerField(_("carers per visit"), default=1)
    two_carer_mode = models.CharField(
        _("two carers"), max_length=10, choices=TwoCarerMode.choices, default=TwoCarerMode.TOGETHER
    )
    gap_minutes = models.PositiveSmallIntegerField(_("gap between the two carers"), default=0)
    for_volunteers = models.BooleanField(_("volunteer task (complementary)"), default=False)

    class Meta:
        ordering: ClassVar = ["window_start", "pk"]
        verbose_name = _("plan service")
        verbose_name_plural = _("plan services")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(window_end__gt=F("window_start")), name="plan_service_window_order"
            ),
            models.CheckConstraint(
                condition=Q(carers_needed__in=[1, 2]), name="plan_service_one_or_two_carers"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=720),
                name="plan_service_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(for_volunteers=False) | Q(kind__in=["companionship", "transport"]),
                name="plan_service_volunteers_complementary",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.weekdays} {self.window_start:%H:%M}"

    @property
    def weekday_numbers(self) -> frozenset[int]:
        return frozenset(int(d) for d in self.weekdays)

    @property
    def weekday_names(self) -> str:
        """ "Mon Tue Wed" in the active language (ISO 1 = Monday)."""
        return " ".join(str(WEEKDAYS_ABBR[int(d) - 1]) for d in sorted(self.weekdays))
