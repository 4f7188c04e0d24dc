"""Carers: paid workers and volunteers, linked to registry people, with what limits them."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fragola.care.models.choices import AbsenceKind, CarerKind, Qualification
from fragola.core.models import TimeStampedModel
from fragola.registry.models import Comune, Organisation, Person


class Carer(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="carers")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="carer_profiles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carer_profiles",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CarerKind.choices)
    weekly_hours = models.DecimalField(
        _("contract hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    home_comune = models.ForeignKey(
        Comune, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    skills = models.CharField(_("skills"), max_length=255, blank=True)
    # Volunteers: the services they chose (comma-separated ServiceKind values).
    activities = models.CharField(_("chosen activities"), max_length=255, blank=True)
    insurance_policy = models.CharField(_("accident insurance policy"), max_length=100, blank=True)
    insured_until = models.DateField(_("insured until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering: ClassVar = ["person__last_name", "person__first_name", "pk"]
        verbose_name = _("carer")
        verbose_name_plural = _("carers")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "person", "kind"], name="carer_unique_per_person_kind"
            ),
            models.CheckConstraint(condition=Q(kind__in=CarerKind.values), name="carer_kind_valid"),
            models.CheckConstraint(
                condition=Q(kind="worker") | Q(weekly_hours__isnull=True),
                name="carer_volunteer_has_no_contract_hours",
            ),
        ]

    def __str__(self) -> str:
        return self.person.display_name

    @property
    def is_volunteer(self) -> bool:
        return self.kind == CarerKind.VOLUNTEER

    def insured_on(self, day: dt.date) -> bool:
        return self.insured_until is not None and self.insured_until >= day


class CarerQualification(models.Model):
    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="qualifications")
    kind = models.CharField(_("qualification"), max_length=8, choices=Qualification.choices)
    obtained_on = models.DateField(_("obtained on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["carer", "kind"], name="carer_qualification_unique")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def valid_on(self, day: dt.date) -> bool:
        return self.expires_on is None or self.expires_on >= day


class Availability(models.Model):
    """A weekly slot when the carer can work (workers) or help (volunteers)."""

    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("weekday (1 = Monday)"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))

    class Meta:
        ordering: ClassVar = ["weekday", "starts_at"]
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(weekday__gte=1, weekday__lte=7), name="availability_weekday_range"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="availability_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


class Absence(models.Model):
    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="absences")
    kind = models.CharField(_("kind"), max_length=10, choices=AbsenceKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to (inclusive)"))

    class Meta:
        ordering: ClassVar = ["starts_on"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="absence_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on} - {self.ends_on}"
