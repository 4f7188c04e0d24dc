"""Personal integration projects: a disadvantaged worker's path, its reviews and its end.

A project is GDPR art. 9 data (who refers the person reveals their condition): read it only
through ``fragola.integration.selectors``, which check the disadvantage permission and log reads.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fragola.core.models import TimeStampedModel
from fragola.registry.models import Organisation, Person
from fragola.workforce.models import Employment


class ReferringService(models.TextChoices):
    SERD = "serd", _("Addiction service (SerD)")
    CSM = "csm", _("Mental health centre (CSM)")
    UEPE = "uepe", _("External penal execution office (UEPE)")
    SOCIAL = "social", _("Social services of the comune")
    EMPLOYMENT = "employment", _("Employment centre")
    OTHER = "other", _("Other")


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    HIRED_OPEN_MARKET = "hired_open_market", _("Hired on the open market")
    CONTRACT_RENEWED = "contract_renewed", _("Contract renewed by the co-op")
    DROPPED_OUT = "dropped_out", _("Dropped out")


class IntegrationProject(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="integration_projects"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="integration_projects"
    )
    employment = models.ForeignKey(
        Employment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    referring_service = models.CharField(
        _("referring service"), max_length=12, choices=ReferringService.choices
    )
    referrer_name = models.CharField(_("contact at the referring service"), max_length=200)
    referrer_contact = models.CharField(_("contact's phone or e-mail"), max_length=200, blank=True)
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tutored_projects",
        verbose_name=_("tutor"),
    )
    goals = models.TextField(_("goals"))
    skills_plan = models.TextField(_("skills plan"), blank=True)
    weekly_hours = models.DecimalField(_("weekly hours"), max_digits=5, decimal_places=2)
    started_on = models.DateField(_("start date"))
    planned_end_on = models.DateField(_("planned end"), null=True, blank=True)
    had_outside_work = models.BooleanField(
        _("semi-liberty or outside work before release (prisoners)"), default=True
    )
    status = models.CharField(
        _("status"), max_length=8, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["-started_on", "pk"]
        verbose_name = _("integration project")
        verbose_name_plural = _("integration projects")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(status=ProjectStatus.ACTIVE, ended_on__isnull=True, outcome="")
                | Q(
                    status=ProjectStatus.CLOSED,
                    ended_on__isnull=False,
                    outcome__in=Outcome.values,
                ),
                name="integration_project_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="integration_project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(weekly_hours__gte=0, weekly_hours__lte=168),
                name="integration_project_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(referring_service__in=ReferringService.values),
                name="integration_project_service_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Integration project')} #{self.pk}"


class ProjectReview(TimeStampedModel):
    """A review with the referring service: when, who took part, what came out of it."""

    project = models.ForeignKey(
        IntegrationProject, on_delete=models.CASCADE, related_name="reviews"
    )
    scheduled_on = models.DateField(_("date"))
    held = models.BooleanField(_("held"), default=False)
    participants = models.CharField(_("who took part"), max_length=300, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["scheduled_on", "pk"]
        verbose_name = _("project review")
        verbose_name_plural = _("project reviews")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(held=False) | ~Q(outcome=""), name="project_review_held_has_outcome"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Review')} {self.scheduled_on}"
