"""Service users (minimised personal data), their health data, consents and family."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fragola.care.models.choices import ConsentPurpose
from fragola.core.models import TimeStampedModel
from fragola.registry.models import Comune, Organisation


class ServiceUser(TimeStampedModel):
    """A person receiving home care. Only what the service needs: name, address, contact."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="service_users"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=255)
    comune = models.ForeignKey(
        Comune, on_delete=models.PROTECT, related_name="+", verbose_name=_("comune")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    area_radius_m = models.PositiveIntegerField(_("presence radius (m)"), default=300)
    started_on = models.DateField(_("in care since"))
    ended_on = models.DateField(_("care ended on"), null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["last_name", "first_name", "pk"]
        verbose_name = _("service user")
        verbose_name_plural = _("service users")
        indexes: ClassVar = [models.Index(fields=["organisation", "last_name"])]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="service_user_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=Decimal("-90"), latitude__lte=Decimal("90")),
                name="service_user_latitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.last_name} {self.first_name}"


class HealthRecord(TimeStampedModel):
    """GDPR art. 9 data. Read it only through ``care.selectors.health_record_read`` (logged)."""

    service_user = models.OneToOneField(
        ServiceUser, on_delete=models.CASCADE, related_name="health_record"
    )
    conditions = models.TextField(_("conditions"), blank=True)
    care_needs = models.TextField(_("care needs notes"), blank=True)
    # Every edit keeps the previous text and who changed it (an audit trail of art. 9 data).
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("health record")
        verbose_name_plural = _("health records")

    def __str__(self) -> str:
        return f"health record #{self.pk}"


class Consent(TimeStampedModel):
    service_user = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=16, choices=ConsentPurpose.choices)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("withdrawal recorded by"),
    )

    class Meta:
        ordering: ClassVar = ["given_on", "pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
            ),
            models.CheckConstraint(
                condition=Q(purpose__in=ConsentPurpose.values), name="consent_purpose_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on})"


class FamilyMember(TimeStampedModel):
    """A relative or informal carer; with a ``user`` and the ``family`` role, a portal login."""

    service_user = models.ForeignKey(
        ServiceUser, on_delete=models.CASCADE, related_name="family_members"
    )
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_informal_carer = models.BooleanField(_("informal carer"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="care_relatives",
    )

    class Meta:
        ordering: ClassVar = ["name", "pk"]
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["service_user", "user"], name="family_member_user_unique_per_service_user"
            )
        ]

    def __str__(self) -> str:
        return self.name


class FamilyMessage(TimeStampedModel):
    """A message from the family portal to the co-op's coordinators."""

    service_user = models.ForeignKey(
        ServiceUser, on_delete=models.CASCADE, related_name="family_messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        verbose_name = _("family message")
        verbose_name_plural = _("family messages")

    def __str__(self) -> str:
        return f"message #{self.pk}"
