"""Conventions with public bodies (L. 381 art. 5): the guided check and the selection record."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fragola.core.models import TimeStampedModel
from fragola.registry.models import Comune, Organisation


class ObjectKindChoice(models.TextChoices):
    """Mirrors ``fragola_law.conventions.ObjectKind``."""

    GREEN_MAINTENANCE = "green_maintenance", _("Green maintenance")
    CLEANING = "cleaning", _("Cleaning")
    WASTE = "waste", _("Waste collection")
    BUILDING_MAINTENANCE = "building_maintenance", _("Building maintenance")
    LOGISTICS = "logistics", _("Logistics and removals")
    CATERING = "catering", _("Catering")
    OTHER_SERVICES = "other_services", _("Other services")
    GOODS = "goods", _("Supply of goods")
    SOCIAL_HEALTH = "social_health", _("Social-health services")
    EDUCATIONAL = "educational", _("Educational services")


def job_plan_path(instance: Convention, filename: str) -> str:
    return f"conventions/{instance.organisation_id}/{filename}"


class Convention(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="conventions"
    )
    public_body = models.CharField(_("public body"), max_length=200)
    comune = models.ForeignKey(
        Comune, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_kind = models.CharField(_("object"), max_length=24, choices=ObjectKindChoice.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    value_net_of_vat = models.DecimalField(
        _("value net of VAT (EUR)"), max_digits=12, decimal_places=2
    )
    checked_on = models.DateField(_("date of the check"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    job_plan = models.FileField(_("job-creation plan"), upload_to=job_plan_path, blank=True)
    job_plan_summary = models.TextField(_("job-creation plan (summary)"), blank=True)
    notice_reference = models.CharField(_("notice (reference or link)"), max_length=300, blank=True)
    invitees = models.TextField(_("invited operators, one a line"), blank=True)
    scoring = models.TextField(_("scoring (operator: score, one a line)"), blank=True)
    eligible = models.BooleanField(_("eligible when checked"), default=False)
    criteria = models.JSONField(_("criteria when checked"), default=list, blank=True)

    class Meta:
        ordering: ClassVar = ["-checked_on", "pk"]
        verbose_name = _("convention")
        verbose_name_plural = _("conventions")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(value_net_of_vat__gt=0), name="convention_value_positive"
            ),
            models.CheckConstraint(
                condition=Q(object_kind__in=ObjectKindChoice.values),
                name="convention_object_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.public_body} · {self.get_object_kind_display()}"

    @property
    def selection_recorded(self) -> bool:
        return bool(
            self.notice_reference.strip() and self.invitees.strip() and self.scoring.strip()
        )
