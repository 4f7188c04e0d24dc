"""Work for type B co-ops: contracts with clients, job sites, teams and timesheets; planned
hires and ends of contract that feed the 30 % forecast."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fragola.core.models import TimeStampedModel
from fragola.integration.models.conventions import Convention, ObjectKindChoice
from fragola.registry.models import Comune, Organisation
from fragola.workforce.models import Employment


class WorkContract(TimeStampedModel):
    """A contract with a client (e.g. green maintenance for a comune), by convention or not."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="work_contracts"
    )
    client = models.CharField(_("client"), max_length=200)
    object_kind = models.CharField(_("object"), max_length=24, choices=ObjectKindChoice.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    value_net_of_vat = models.DecimalField(
        _("value net of VAT (EUR)"), max_digits=12, decimal_places=2
    )
    started_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    convention = models.ForeignKey(
        Convention, on_delete=models.SET_NULL, null=True, blank=True, related_name="contracts"
    )

    class Meta:
        ordering: ClassVar = ["-started_on", "pk"]
        verbose_name = _("work contract")
        verbose_name_plural = _("work contracts")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(value_net_of_vat__gte=0), name="work_contract_value_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("started_on")),
                name="work_contract_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client} · {self.get_object_kind_display()}"


class JobSite(TimeStampedModel):
    contract = models.ForeignKey(WorkContract, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=200)
    comune = models.ForeignKey(
        Comune, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta:
        ordering: ClassVar = ["name", "pk"]
        verbose_name = _("job site")
        verbose_name_plural = _("job sites")

    def __str__(self) -> str:
        return self.name


class Team(TimeStampedModel):
    site = models.ForeignKey(JobSite, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering: ClassVar = ["name", "pk"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["site", "name"], name="team_name_unique_per_site"),
        ]

    def __str__(self) -> str:
        return self.name


class TeamAssignment(TimeStampedModel):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="assignments")
    employment = models.ForeignKey(Employment, on_delete=models.CASCADE, related_name="+")
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["started_on", "pk"]
        verbose_name = _("team assignment")
        verbose_name_plural = _("team assignments")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="team_assignment_ends_after_start",
            ),
        ]


class TimesheetEntry(TimeStampedModel):
    """Hours worked by one worker on one day (on one site, if known)."""

    employment = models.ForeignKey(Employment, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    site = models.ForeignKey(
        JobSite, on_delete=models.SET_NULL, null=True, blank=True, related_name="timesheets"
    )

    class Meta:
        ordering: ClassVar = ["day", "pk"]
        verbose_name = _("timesheet entry")
        verbose_name_plural = _("timesheet entries")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=24), name="timesheet_hours_in_a_day"
            ),
            models.UniqueConstraint(
                fields=["employment", "day", "site"], name="timesheet_unique_per_day_site"
            ),
        ]


class PlannedKind(models.TextChoices):
    HIRE = "hire", _("Planned hire")
    END = "end", _("Planned end of contract")


class PlannedChange(TimeStampedModel):
    """A hire or an end of contract the co-op expects: it moves the forecast, not the books."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="planned_changes"
    )
    kind = models.CharField(_("kind"), max_length=4, choices=PlannedKind.choices)
    on = models.DateField(_("date"))
    disadvantaged = models.BooleanField(_("disadvantaged worker"), default=False)
    employment = models.ForeignKey(
        Employment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering: ClassVar = ["on", "pk"]
        verbose_name = _("planned change")
        verbose_name_plural = _("planned changes")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(kind=PlannedKind.HIRE, employment__isnull=True)
                | Q(kind=PlannedKind.END, employment__isnull=False),
                name="planned_change_end_names_employment",
            ),
        ]
