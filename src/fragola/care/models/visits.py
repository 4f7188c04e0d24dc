"""Visits generated from plans, and what volunteers log: hours and expenses."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fragola.care.models.carers import Carer
from fragola.care.models.choices import ExpenseStatus, ServiceKind, VisitStatus
from fragola.care.models.people import ServiceUser
from fragola.care.models.plans import PlanService
from fragola.core.models import TimeStampedModel
from fragola.registry.models import Organisation


class Visit(TimeStampedModel):
    """One visit of one carer (``slot`` 2 is the second carer of a two-carer visit)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="visits")
    service_user = models.ForeignKey(ServiceUser, on_delete=models.PROTECT, related_name="visits")
    plan_service = models.ForeignKey(PlanService, on_delete=models.PROTECT, related_name="visits")
    day = models.DateField(_("day"))
    slot = models.PositiveSmallIntegerField(_("carer slot"), default=1)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    is_volunteer_task = models.BooleanField(_("volunteer task"), default=False)
    carer = models.ForeignKey(
        Carer, on_delete=models.PROTECT, null=True, blank=True, related_name="visits"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    status_reason = models.CharField(_("why"), max_length=255, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    # Proof of presence: only inside/outside the user's area, never the position itself.
    in_area_at_check_in = models.BooleanField(_("inside the area at check-in"), null=True)
    in_area_at_check_out = models.BooleanField(_("inside the area at check-out"), null=True)
    notes = models.TextField(_("notes"), blank=True)
    tasks_done = models.TextField(_("tasks done"), blank=True)
    handover_notes = models.TextField(_("handover for the next carer"), blank=True)

    class Meta:
        ordering: ClassVar = ["starts_at", "slot", "pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes: ClassVar = [
            models.Index(fields=["organisation", "starts_at"]),
            # Pages and figures read a co-op's or a carer's days: without these, a co-op's
            # every visit of the year (90,000 in the largest) is read to find one day's.
            models.Index(fields=["organisation", "day"]),
            models.Index(fields=["carer", "day"]),
            # The open volunteer tasks of a co-op: a few among its visits.
            models.Index(
                fields=["organisation", "day"],
                condition=Q(is_volunteer_task=True),
                name="care_visit_volunteer_task_idx",
            ),
            models.Index(fields=["carer", "starts_at"]),
            models.Index(fields=["service_user", "starts_at"]),
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["plan_service", "day", "slot"], name="visit_unique_per_service_day_slot"
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="visit_order"),
            models.CheckConstraint(
                condition=Q(status__in=VisitStatus.values), name="visit_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True)
                | Q(checked_in_at__isnull=False, checked_out_at__gte=F("checked_in_at")),
                name="visit_check_out_after_check_in",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["assigned", "in_progress", "done"])
                | Q(carer__isnull=False),
                name="visit_assigned_has_carer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_user} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def planned_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def delivered_minutes(self) -> int:
        if self.status != VisitStatus.DONE or not self.checked_in_at or not self.checked_out_at:
            return 0
        return int((self.checked_out_at - self.checked_in_at).total_seconds() // 60)


class VolunteerLog(TimeStampedModel):
    """Hours a volunteer gave: kept apart from professional hours (L2.4)."""

    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="volunteer_logs")
    day = models.DateField(_("day"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    activity = models.CharField(_("activity"), max_length=16, choices=ServiceKind.choices)
    visit = models.OneToOneField(
        Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="volunteer_log"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering: ClassVar = ["-day", "pk"]
        verbose_name = _("volunteer hours")
        verbose_name_plural = _("volunteer hours")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=24), name="volunteer_log_hours_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.carer} {self.day} {self.hours} h"


def receipt_path(instance: Expense, filename: str) -> str:
    return f"care/receipts/{instance.carer.organisation_id}/{filename}"


class Expense(TimeStampedModel):
    """A volunteer's documented expense (L2.3: only with a receipt, never a flat payment)."""

    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="expenses")
    day = models.DateField(_("day"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=8, decimal_places=2)
    description = models.CharField(_("description"), max_length=255)
    receipt = models.FileField(_("receipt"), upload_to=receipt_path)
    status = models.CharField(
        _("status"), max_length=10, choices=ExpenseStatus.choices, default=ExpenseStatus.CLAIMED
    )

    class Meta:
        ordering: ClassVar = ["-day", "pk"]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal("0")), name="expense_amount_positive"
            ),
            models.CheckConstraint(condition=~Q(receipt=""), name="expense_has_receipt"),
        ]

    def __str__(self) -> str:
        return f"{self.carer} {self.day} {self.amount} €"
