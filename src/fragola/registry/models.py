"""The registry: territory, organisations (co-ops and consortia), people and the members' book."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fragola.core.italy.codes import PersonKind as PersonKind
from fragola.core.models import TimeStampedModel


class Region(models.Model):
    istat_code = models.CharField(_("ISTAT code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Province(models.Model):
    istat_code = models.CharField(_("ISTAT code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    abbreviation = models.CharField(_("abbreviation"), max_length=2)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provinces")

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"


class Comune(models.Model):
    istat_code = models.CharField(_("ISTAT code"), max_length=6, unique=True)
    cadastral_code = models.CharField(_("cadastral code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=150, db_index=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="comuni")
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("comune")
        verbose_name_plural = _("comuni")

    def __str__(self) -> str:
        return f"{self.name} ({self.province.abbreviation})"


class OrganisationType(models.TextChoices):
    A = "A", _("Social co-operative, type A")
    B = "B", _("Social co-operative, type B")
    AB = "AB", _("Social co-operative, types A and B")
    CONSORTIUM = "consortium", _("Consortium")


class LegalForm(models.TextChoices):
    SRL = "srl", _("S.r.l. model")
    SPA = "spa", _("S.p.A. model")


class RegisterSection(models.TextChoices):
    A = "A", _("Section A")
    B = "B", _("Section B")
    C = "C", _("Section C (consortia)")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def for_pages(self) -> OrganisationQuerySet:
        """As organisation pages show them, with the registered office (``core.access`` asks)."""
        return self.select_related("comune__province")


class Organisation(TimeStampedModel):
    """A social co-operative or a consortium: the unit of tenancy."""

    type = models.CharField(_("type"), max_length=12, choices=OrganisationType.choices)
    name = models.CharField(_("legal name"), max_length=255)
    fiscal_code = models.CharField(_("fiscal code"), max_length=11, unique=True)
    vat_number = models.CharField(_("VAT number"), max_length=11, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=3, choices=LegalForm.choices)
    founded_on = models.DateField(_("founding date"))
    comune = models.ForeignKey(
        Comune, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered office")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    pec = models.EmailField(_("certified e-mail (PEC)"), blank=True)
    register_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regional register"),
    )
    register_section = models.CharField(
        _("register section"), max_length=1, choices=RegisterSection.choices, blank=True
    )
    register_number = models.CharField(_("register number"), max_length=30, blank=True)
    register_date = models.DateField(_("register enrolment date"), null=True, blank=True)
    rea_number = models.CharField(_("business register (REA) number"), max_length=20, blank=True)
    runts_number = models.CharField(_("RUNTS number"), max_length=30, blank=True)
    runts_date = models.DateField(_("RUNTS enrolment date"), null=True, blank=True)
    incubated_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incubated",
        verbose_name=_("incubated by"),
    )
    comuni_served = models.ManyToManyField(
        Comune, blank=True, related_name="served_by", verbose_name=_("comuni served")
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(type__in=OrganisationType.values), name="organisation_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(legal_form__in=LegalForm.values), name="organisation_legal_form_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_consortium(self) -> bool:
        return self.type == OrganisationType.CONSORTIUM


class ConsortiumMembership(TimeStampedModel):
    """A co-operative's membership of a consortium, with what it shares with the consortium."""

    consortium = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="member_links"
    )
    member = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="consortium_links"
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    shares_members_book = models.BooleanField(
        _("shares its members' book with the consortium"), default=True
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["joined_on"]
        verbose_name = _("consortium membership")
        verbose_name_plural = _("consortium memberships")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="consortium_membership_left_after_joined",
            ),
            models.CheckConstraint(
                condition=~Q(consortium=models.F("member")),
                name="consortium_membership_not_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ∈ {self.consortium}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on > day)


class Sex(models.TextChoices):
    F = "F", _("Female")
    M = "M", _("Male")


class Person(TimeStampedModel):
    """A natural or legal person known to one organisation (people are kept per tenant)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    kind = models.CharField(_("kind"), max_length=8, choices=PersonKind.choices)
    fiscal_code = models.CharField(_("fiscal code"), max_length=16)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    legal_name = models.CharField(_("legal name"), max_length=255, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    comune = models.ForeignKey(
        Comune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comune of residence"),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["last_name", "first_name", "legal_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "fiscal_code"], name="person_fiscal_code_unique_per_org"
            ),
            models.CheckConstraint(
                condition=Q(kind=PersonKind.LEGAL, legal_name__gt="")
                | Q(kind=PersonKind.NATURAL, first_name__gt="", last_name__gt=""),
                name="person_has_a_name",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind == PersonKind.LEGAL:
            return self.legal_name
        return f"{self.last_name} {self.first_name}"


class MemberCategory(models.TextChoices):
    WORKER = "lavoratore", _("Worker")
    VOLUNTEER = "volontario", _("Volunteer")
    USER = "fruitore", _("User")
    SUPPORTER = "sovventore", _("Supporter")
    LEGAL_PERSON = "persona_giuridica", _("Legal person")


class ExitReason(models.TextChoices):
    WITHDRAWAL = "withdrawal", _("Withdrawal")
    EXCLUSION = "exclusion", _("Exclusion")
    DEATH = "death", _("Death")
    DISSOLUTION = "dissolution", _("Dissolution (legal person)")


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ADMITTED = "admitted", _("Admitted")
    REJECTED = "rejected", _("Rejected")
    EXITED = "exited", _("Exited")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def in_book_on(self, day: dt.date) -> MembershipQuerySet:
        """The members on the book on ``day``: admitted by then and not yet gone."""
        return self.filter(admitted_on__lte=day).filter(
            Q(exited_on__isnull=True) | Q(exited_on__gt=day)
        )


class Membership(TimeStampedModel):
    """One line of the members' book (libro soci)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    member_number = models.PositiveIntegerField(_("member number"), null=True, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=MemberCategory.choices)
    applied_on = models.DateField(_("application date"))
    admitted_on = models.DateField(_("admission (board decision) date"), null=True, blank=True)
    rejected_on = models.DateField(_("rejection date"), null=True, blank=True)
    exited_on = models.DateField(_("exit date"), null=True, blank=True)
    exit_reason = models.CharField(
        _("exit reason"), max_length=12, choices=ExitReason.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["member_number", "applied_on"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "member_number"], name="membership_number_unique_per_org"
            ),
            models.CheckConstraint(
                condition=Q(category__in=MemberCategory.values), name="membership_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(admitted_on__isnull=True) | Q(admitted_on__gte=models.F("applied_on")),
                name="membership_admitted_after_applied",
            ),
            models.CheckConstraint(
                condition=Q(exited_on__isnull=True)
                | Q(admitted_on__isnull=False, exited_on__gte=models.F("admitted_on")),
                name="membership_exited_after_admitted",
            ),
            models.CheckConstraint(
                condition=Q(exited_on__isnull=True, exit_reason="")
                | Q(exited_on__isnull=False, exit_reason__in=ExitReason.values),
                name="membership_exit_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(admitted_on__isnull=True, member_number__isnull=True)
                | Q(admitted_on__isnull=False, member_number__isnull=False),
                name="membership_admitted_has_number",
            ),
        ]

    def __str__(self) -> str:
        number = self.member_number or "—"
        return f"{number} {self.person}"

    @property
    def status(self) -> MembershipStatus:
        if self.exited_on:
            return MembershipStatus.EXITED
        if self.admitted_on:
            return MembershipStatus.ADMITTED
        if self.rejected_on:
            return MembershipStatus.REJECTED
        return MembershipStatus.APPLIED

    def capital_on(self, day: dt.date | None = None) -> dict[str, Decimal]:
        movements = self.share_movements.all()
        if day is not None:
            movements = movements.filter(date__lte=day)
        totals = dict(movements.values_list("kind").annotate(total=Sum("amount")))
        return {kind: totals.get(kind, Decimal("0.00")) for kind in ShareMovementKind.values}


class ShareMovementKind(models.TextChoices):
    SUBSCRIPTION = "subscription", _("Subscription")
    PAYMENT = "payment", _("Payment")
    REFUND = "refund", _("Refund")


class ShareMovement(TimeStampedModel):
    """A dated movement of a member's share capital: subscribed, paid or refunded."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="share_movements"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=ShareMovementKind.choices)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["date", "id"]
        verbose_name = _("share capital movement")
        verbose_name_plural = _("share capital movements")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="share_movement_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=ShareMovementKind.values), name="share_movement_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} € ({self.date})"


class RoleName(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Service coordinator")
    CARER = "carer", _("Carer")
    VOLUNTEER = "volunteer", _("Volunteer")
    TUTOR = "tutor", _("Job-integration tutor")
    MEMBER = "member", _("Member")
    FAMILY = "family", _("Family member of a service user")
    STAFF = "staff", _("Consortium staff")


class Role(TimeStampedModel):
    """A user's role in one organisation: the only source of access to tenant data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fragola_roles"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(_("role"), max_length=12, choices=RoleName.choices)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user", "organisation", "name"], name="role_unique_per_user_org"
            ),
            models.CheckConstraint(condition=Q(name__in=RoleName.values), name="role_name_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_name_display()} · {self.organisation}"


# The status row of imports lives with the importer; registered here so that Django finds it.
from fragola.registry.importing.models import ImportJob as ImportJob  # noqa: E402
