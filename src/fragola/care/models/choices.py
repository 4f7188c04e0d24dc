"""Choices shared by the care models: the service catalogue, qualifications, statuses."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fragola.registry.models import OrganisationType

# Organisations that deliver home care.
CARE_TYPES: frozenset[str] = frozenset({OrganisationType.A, OrganisationType.AB})


class ServiceKind(models.TextChoices):
    PERSONAL_CARE = "personal_care", _("Personal care")
    NURSING = "nursing", _("Nursing")
    DOMESTIC = "domestic", _("Domestic help")
    COMPANIONSHIP = "companionship", _("Companionship")
    TRANSPORT = "transport", _("Transport")
    EDUCATIONAL = "educational", _("Educational support")


# L2.4: volunteers are complementary, never substitutive; only these services may be theirs.
VOLUNTEER_KINDS: frozenset[str] = frozenset({ServiceKind.COMPANIONSHIP, ServiceKind.TRANSPORT})


class Qualification(models.TextChoices):
    NONE = "none", _("None")
    OSS = "oss", _("Social-health operator (OSS)")
    NURSE = "nurse", _("Nurse")
    EDUCATOR = "educator", _("Educator")


class FunderKind(models.TextChoices):
    COMUNE = "comune", _("Comune (SAD)")
    HEALTH = "health", _("Health authority (ADI)")
    USER = "user", _("The user (private)")
    VOUCHER = "voucher", _("Voucher (service title)")


class ConsentPurpose(models.TextChoices):
    CARE = "care", _("Care delivery")
    HEALTH = "health", _("Health data (GDPR art. 9)")
    FAMILY_PORTAL = "family_portal", _("Family portal")
    PRESENCE = "presence", _("Proof of presence")


class CarerKind(models.TextChoices):
    WORKER = "worker", _("Worker")
    VOLUNTEER = "volunteer", _("Volunteer")


class AbsenceKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    SICKNESS = "sickness", _("Sickness")
    OTHER = "other", _("Other leave")


class TwoCarerMode(models.TextChoices):
    TOGETHER = "together", _("Together")
    SEQUENTIAL = "sequential", _("One after the other")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES: frozenset[str] = frozenset({VisitStatus.PLANNED, VisitStatus.ASSIGNED})
LIVE_STATUSES: frozenset[str] = frozenset(
    {VisitStatus.ASSIGNED, VisitStatus.IN_PROGRESS, VisitStatus.DONE}
)


class ExpenseStatus(models.TextChoices):
    CLAIMED = "claimed", _("Claimed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
