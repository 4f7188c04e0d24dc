"""Workers of a co-operative (employment records) and their disadvantage certificates.

An ``Employment`` is one contract of one registry ``Person`` with one organisation; a worker is
a person with at least one employment. Dates are inclusive: ``ended_on`` is the last day worked.
A ``DisadvantageCertificate`` is GDPR art. 9 data: read it only through
``fragola.workforce.selectors`` (which check ``Perm.READ_DISADVANTAGE`` and log each read).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fragola.core.models import TimeStampedModel
from fragola.registry.models import Organisation, Person
from fragola_law import DisadvantageCategory as Code


class Branch(models.TextChoices):
    A = "A", _("Branch A (social, health and educational services)")
    B = "B", _("Branch B (work integration)")


class Contract(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    MEMBER_WORKER = "member_worker", _("Member worker")
    FIXED_TERM = "fixed_term", _("Fixed-term")
    APPRENTICE = "apprentice", _("Apprentice")
    OTHER = "other", _("Other (with an INPS position)")


class DisadvantageCategory(models.TextChoices):
    """The categories a certificate may name: codes from the rules' one list, labels for people.

    L. 381/1991 art. 4(1) as amended by L. 193/2000, then D.Lgs 112/2017 art. 2(4)-(5) for
    work-integration social enterprises: for a type B co-op those never count toward the 30 % of
    Law 381 (L-WISE). ``workforce.tests`` checks that every certifiable code is here.
    """

    PHYSICAL = Code.PHYSICAL.value, _("Physical disability")
    MENTAL = Code.MENTAL.value, _("Mental disability")
    SENSORY = Code.SENSORY.value, _("Sensory disability")
    PSYCHIATRIC_FORMER = Code.PSYCHIATRIC_FORMER.value, _("Former psychiatric patient")
    PSYCHIATRIC_TREATMENT = Code.PSYCHIATRIC_TREATMENT.value, _("In psychiatric treatment")
    ADDICTION = Code.ADDICTION.value, _("Drug addiction")
    ALCOHOL = Code.ALCOHOL.value, _("Alcoholism")
    MINOR_FAMILY = Code.MINOR_FAMILY.value, _("Working-age minor in family difficulty")
    PRISONER = Code.PRISONER.value, _("Prisoner or internee")
    ALTERNATIVE_MEASURE = Code.ALTERNATIVE_MEASURE.value, _("Alternative measure to detention")
    WISE_VERY_DISADVANTAGED = (
        Code.WISE_VERY_DISADVANTAGED.value,
        _("Very disadvantaged worker (D.Lgs 112/2017)"),
    )
    WISE_DISADVANTAGED = (
        Code.WISE_DISADVANTAGED.value,
        _("Disadvantaged worker (D.Lgs 112/2017)"),
    )
    WISE_DISABLED = Code.WISE_DISABLED.value, _("Person with a disability (D.Lgs 112/2017)")
    WISE_REFUGEE = (
        Code.WISE_REFUGEE.value,
        _("Beneficiary of international protection (D.Lgs 112/2017)"),
    )
    WISE_HOMELESS = Code.WISE_HOMELESS.value, _("Homeless person in poverty (D.Lgs 112/2017)")


class Employment(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="employments"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="employments")
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("last day worked"), null=True, blank=True)
    branch = models.CharField(_("branch"), max_length=1, choices=Branch.choices, default=Branch.B)
    contract = models.CharField(_("contract"), max_length=16, choices=Contract.choices)
    weekly_hours = models.DecimalField(
        _("weekly hours"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # None: whether the worker is a member is read from the members' book.
    is_member = models.BooleanField(_("member of the co-operative"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["started_on", "pk"]
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        indexes: ClassVar = [models.Index(fields=["organisation", "started_on"])]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="employment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(branch__in=Branch.values), name="employment_branch_valid"
            ),
            models.CheckConstraint(
                condition=Q(contract__in=Contract.values), name="employment_contract_valid"
            ),
            models.CheckConstraint(
                condition=Q(weekly_hours__isnull=True)
                | Q(weekly_hours__gte=0, weekly_hours__lte=168),
                name="employment_weekly_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_contract_display()} · {self.started_on}"


def certificate_path(instance: DisadvantageCertificate, filename: str) -> str:
    return f"disadvantage/{instance.organisation_id}/{filename}"


class DisadvantageCertificate(TimeStampedModel):
    """The public body's certification of a worker's disadvantage (L. 381 art. 4(2))."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="disadvantage_certificates"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="disadvantage_certificates"
    )
    category = models.CharField(
        _("category (art. 4)"), max_length=24, choices=DisadvantageCategory.choices
    )
    certified_by = models.CharField(_("certifying body"), max_length=200, blank=True)
    issued_on = models.DateField(_("issue date"))
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)
    document = models.FileField(_("document"), upload_to=certificate_path, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["issued_on", "pk"]
        verbose_name = _("disadvantage certificate")
        verbose_name_plural = _("disadvantage certificates")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("issued_on")),
                name="certificate_expires_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(category__in=DisadvantageCategory.values),
                name="certificate_category_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Certificate')} #{self.pk}"
