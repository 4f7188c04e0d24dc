"""Planning runs (a proposal from the solver), their assignments, settings and carers' feeds."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fragola.care.models import Carer, Visit
from fragola.core.models import TimeStampedModel
from fragola.registry.models import Organisation


class PlanningSettings(models.Model):
    """A co-op's objective weights and defaults; a co-op without a row gets these defaults."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="planning_settings"
    )
    travel_weight = models.FloatField(_("weight of a minute of travel"), default=1.0)
    tardiness_weight = models.FloatField(_("weight of a minute late"), default=3.0)
    overtime_weight = models.FloatField(_("weight of a minute of overtime"), default=5.0)
    preference_weight = models.FloatField(_("weight of a visit by a non-usual carer"), default=30.0)
    continuity_weight = models.FloatField(_("weight of an extra carer per user"), default=20.0)
    volunteer_task_left_out = models.FloatField(
        _("cost of a volunteer task left without a volunteer"), default=120.0
    )
    fairness_weight = models.FloatField(_("weight of unequal workloads (per minute)"), default=0.0)
    default_shift_start = models.TimeField(_("default shift start"), default=dt.time(7, 0))
    default_shift_end = models.TimeField(_("default shift end"), default=dt.time(20, 0))
    max_daily_hours = models.PositiveSmallIntegerField(_("max working hours a day"), default=8)
    volunteer_daily_hours = models.PositiveSmallIntegerField(
        _("max volunteer hours a day"), default=4
    )
    time_limit_seconds = models.PositiveSmallIntegerField(_("time to plan (s)"), default=60)
    repair_notice_hours = models.PositiveSmallIntegerField(
        _("visits starting within these hours are not moved by a repair"), default=2
    )

    class Meta:
        verbose_name = _("planning settings")
        verbose_name_plural = _("planning settings")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(default_shift_end__gt=F("default_shift_start")),
                name="planning_settings_shift_order",
            ),
            models.CheckConstraint(
                condition=Q(travel_weight__gte=0, tardiness_weight__gte=0, overtime_weight__gte=0)
                & Q(preference_weight__gte=0, continuity_weight__gte=0, fairness_weight__gte=0)
                & Q(volunteer_task_left_out__gte=0),
                name="planning_settings_weights_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"planning settings of {self.organisation_id}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Proposal ready")
    FAILED = "failed", _("Failed")
    ACCEPTED = "accepted", _("Published")
    REJECTED = "rejected", _("Rejected")
    # A newer plan or repair of an overlapping period was published: this one is out of date.
    SUPERSEDED = "superseded", _("Superseded")


class RunKind(models.TextChoices):
    PLAN = "plan", pgettext_lazy("kind of planning run", "Plan")
    REPAIR = "repair", _("Repair after an absence")


FINISHED = frozenset(
    {
        RunStatus.DONE,
        RunStatus.FAILED,
        RunStatus.ACCEPTED,
        RunStatus.REJECTED,
        RunStatus.SUPERSEDED,
    }
)


class PlanningRun(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="planning_runs"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=RunKind.choices, default=RunKind.PLAN)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to (inclusive)"))
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # Last sign of life of the worker running it (see services.reap).
    heartbeat_at = models.DateTimeField(_("last heard from"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Who published the plan (or accepted the repair), and when.
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    time_limit = models.PositiveSmallIntegerField(_("time limit (s)"), default=60)
    objective = models.FloatField(_("cost"), null=True, blank=True)
    breakdown = models.JSONField(_("cost by component"), default=dict, blank=True)
    visit_count = models.PositiveIntegerField(_("visits"), default=0)
    # Repairs: the carer who is absent and the day.
    absent_carer = models.ForeignKey(
        Carer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Superseded runs: the published run that made this proposal out of date.
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("superseded by"),
    )

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]
        verbose_name = _("planning run")
        verbose_name_plural = _("planning runs")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="planning_run_period_order"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="planning_run_progress_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="planning_run_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RunKind.values), name="planning_run_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start} - {self.period_end}"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


class PlannedAssignment(models.Model):
    """One visit (one carer slot) of a proposal: who, when, how late, or why it is left out."""

    run = models.ForeignKey(PlanningRun, on_delete=models.CASCADE, related_name="assignments")
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="+")
    carer = models.ForeignKey(
        Carer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    starts_at = models.DateTimeField(_("proposed start"), null=True, blank=True)
    late_minutes = models.PositiveIntegerField(_("minutes late"), default=0)
    left_out = models.BooleanField(_("left out"), default=False)
    reason = models.TextField(_("why"), blank=True)
    # Left out because it fell in a gap of its carer's availability (the board warns).
    unavailable = models.BooleanField(_("outside the carer's availability"), default=False)
    # Repairs: what the published plan said before.
    previous_carer = models.ForeignKey(
        Carer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    previous_starts_at = models.DateTimeField(_("start before"), null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["starts_at", "visit__slot", "pk"]
        verbose_name = _("planned assignment")
        verbose_name_plural = _("planned assignments")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["run", "visit"], name="planned_assignment_unique"),
            models.CheckConstraint(
                condition=Q(left_out=True) | Q(carer__isnull=False, starts_at__isnull=False),
                name="planned_assignment_has_carer_or_left_out",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visit_id} → {self.carer_id}"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CarerFeed(models.Model):
    """The secret address of a carer's calendar feed (``/ical/<token>.ics``)."""

    carer = models.OneToOneField(Carer, on_delete=models.CASCADE, related_name="feed")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"feed of {self.carer_id}"
