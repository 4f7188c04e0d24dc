"""Every write to the registry goes through these services: typed, keyword-only, atomic."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.core.access import forget_permissions
from fragola.core.italy.codes import (
    validate_organisation_fiscal_code,
    validate_person_fiscal_code,
    validate_vat_number,
)
from fragola.core.vetting import PlannedChange, vet_change
from fragola.registry.models import (
    Comune,
    ConsortiumMembership,
    ExitReason,
    MemberCategory,
    Membership,
    Organisation,
    OrganisationType,
    Person,
    PersonKind,
    Region,
    Role,
    RoleName,
    ShareMovement,
    ShareMovementKind,
)
from fragola.registry.validators import validate_organisation_name

ERR_ALREADY_ADMITTED = _("This member has already been admitted.")
ERR_NOT_ADMITTED = _("Only an admitted member can leave the book.")
ERR_ALREADY_EXITED = _("This member has already left the book.")
ERR_ADMIT_BEFORE_APPLY = _("The admission cannot come before the application.")
ERR_EXIT_BEFORE_ADMIT = _("The exit cannot come before the admission.")
ERR_NUMBER_TAKEN = _("This member number is already in use in this co-operative.")
ERR_REFUND_TOO_LARGE = _("The refund exceeds the capital paid.")
ERR_AMOUNT_NOT_POSITIVE = _("The amount must be greater than zero.")
ERR_NOT_A_CONSORTIUM = _("Only a consortium can have member co-operatives.")
ERR_ALREADY_IN_CONSORTIUM = _("This co-operative is already a member of the consortium.")
ERR_CONSORTIUM_ITSELF = _("A consortium cannot be a member of itself.")
ERR_CATEGORY = _("Choose a valid member category.")
ERR_LEGAL_PERSON_CATEGORY = _("A legal person joins in the legal person category.")
ERR_NATURAL_PERSON_CATEGORY = _("The legal person category is for legal persons.")
ERR_PERSON_IN_BOOK = _("This person already has an open membership in this co-operative.")
ERR_PAYMENT_ABOVE_SUBSCRIBED = _(
    "The payments would exceed the capital subscribed (%(subscribed)s EUR): record the "
    "subscription first."
)
ERR_MOVEMENT_BEFORE_APPLICATION = _(
    "A share capital movement cannot come before the application (%(applied)s)."
)
ERR_MOVEMENT_KIND = _("Choose subscription, payment or refund.")
# How far ahead an application or an admission may be dated: a board may decide at the end of
# the month with effect from the first of the next, never further.
FUTURE_HORIZON_DAYS = 31
ERR_BEYOND_HORIZON = _("This date is more than %(days)s days after today.")
ERR_NUMBER_FOR_FUTURE_ADMISSION = _(
    "A member number is given on the day of admission: leave it empty for an admission "
    "dated after today."
)


@dataclass(frozen=True, kw_only=True)
class OrganisationData:
    type: str
    name: str
    fiscal_code: str
    legal_form: str
    founded_on: dt.date
    comune: Comune
    vat_number: str = ""
    address: str = ""
    email: str = ""
    pec: str = ""
    register_region: Region | None = None
    register_section: str = ""
    register_number: str = ""
    register_date: dt.date | None = None
    rea_number: str = ""
    runts_number: str = ""
    runts_date: dt.date | None = None
    incubated_by: Organisation | None = None


def _clean_organisation(data: OrganisationData, *, instance: Organisation | None) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    values = {field: getattr(data, field) for field in data.__dataclass_fields__}
    for check in (
        lambda: validate_organisation_name(type=data.type, name=data.name),
        lambda: values.update(fiscal_code=validate_organisation_fiscal_code(data.fiscal_code)),
        lambda: data.vat_number and values.update(vat_number=validate_vat_number(data.vat_number)),
    ):
        try:
            check()
        except ValidationError as exc:
            errors.update(exc.message_dict)
    duplicates = Organisation.objects.filter(fiscal_code=values["fiscal_code"])
    if instance is not None:
        duplicates = duplicates.exclude(pk=instance.pk)
    if "fiscal_code" not in errors and duplicates.exists():
        errors["fiscal_code"] = [_("An organisation with this fiscal code already exists.")]
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def organisation_create(*, data: OrganisationData) -> Organisation:
    values = _clean_organisation(data, instance=None)
    organisation = Organisation(**values)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, data: OrganisationData) -> Organisation:
    values = _clean_organisation(data, instance=organisation)
    for field, value in values.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def consortium_member_add(
    *, consortium: Organisation, member: Organisation, joined_on: dt.date, shares_book: bool = True
) -> ConsortiumMembership:
    if consortium.type != OrganisationType.CONSORTIUM:
        raise ValidationError({"consortium": ERR_NOT_A_CONSORTIUM})
    if member.pk == consortium.pk:
        raise ValidationError({"member": ERR_CONSORTIUM_ITSELF})
    open_links = ConsortiumMembership.objects.filter(
        consortium=consortium, member=member, left_on__isnull=True
    )
    if open_links.exists():
        raise ValidationError({"member": ERR_ALREADY_IN_CONSORTIUM})
    return ConsortiumMembership.objects.create(
        consortium=consortium, member=member, joined_on=joined_on, shares_members_book=shares_book
    )


@dataclass(frozen=True, kw_only=True)
class PersonData:
    kind: str
    fiscal_code: str
    first_name: str = ""
    last_name: str = ""
    legal_name: str = ""
    birth_date: dt.date | None = None
    sex: str = ""
    comune: Comune | None = None
    address: str = ""
    email: str = ""
    phone: str = ""


def _clean_person(data: PersonData) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    values = {field: getattr(data, field) for field in data.__dataclass_fields__}
    try:
        values["fiscal_code"] = validate_person_fiscal_code(
            kind=data.kind, fiscal_code=data.fiscal_code, birth_date=data.birth_date, sex=data.sex
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if data.kind == PersonKind.NATURAL:
        for field in ("first_name", "last_name"):
            if not values[field].strip():
                errors[field] = [_("This field is required.")]
    elif not data.legal_name.strip():
        errors["legal_name"] = [_("This field is required.")]
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def person_upsert(*, organisation: Organisation, data: PersonData) -> Person:
    """Create the person, or update the one this organisation already knows by fiscal code."""
    values = _clean_person(data)
    person = Person.objects.filter(
        organisation=organisation, fiscal_code=values["fiscal_code"]
    ).first()
    if person is None:
        person = Person(organisation=organisation)
    changed = [field for field, value in values.items() if getattr(person, field, None) != value]
    for field in changed:
        setattr(person, field, values[field])
    person.full_clean(exclude=["organisation", "user"], validate_unique=False)
    if person.pk is None:
        person.save()
    elif changed:
        person.save(update_fields=[*changed, "updated_at"])
    return person


def _check_category(person: Person, category: str) -> None:
    if category not in MemberCategory.values:
        raise ValidationError({"category": ERR_CATEGORY})
    is_legal = person.kind == PersonKind.LEGAL
    if is_legal and category != MemberCategory.LEGAL_PERSON:
        raise ValidationError({"category": ERR_LEGAL_PERSON_CATEGORY})
    if not is_legal and category == MemberCategory.LEGAL_PERSON:
        raise ValidationError({"category": ERR_NATURAL_PERSON_CATEGORY})


def beyond_horizon(day: dt.date) -> bool:
    """Whether a decision date lies further ahead than any board would date it."""
    return day > timezone.localdate() + dt.timedelta(days=FUTURE_HORIZON_DAYS)


def _check_horizon(day: dt.date, *, field: str) -> None:
    if beyond_horizon(day):
        raise ValidationError({field: ERR_BEYOND_HORIZON % {"days": FUTURE_HORIZON_DAYS}})


@transaction.atomic
def membership_apply(
    *,
    organisation: Organisation,
    person: Person,
    category: str,
    applied_on: dt.date,
    shares_subscribed: Decimal = Decimal("0"),
    notes: str = "",
) -> Membership:
    """Record an application to join: it enters the book only when the board admits it."""
    _check_horizon(applied_on, field="applied_on")
    _check_category(person, category)
    open_memberships = Membership.objects.filter(
        organisation=organisation, person=person, exited_on__isnull=True, rejected_on__isnull=True
    )
    if open_memberships.exists():
        raise ValidationError({"fiscal_code": ERR_PERSON_IN_BOOK})
    membership = Membership.objects.create(
        organisation=organisation,
        person=person,
        category=category,
        applied_on=applied_on,
        notes=notes,
    )
    if shares_subscribed > 0:
        share_movement_record(
            membership=membership,
            kind=ShareMovementKind.SUBSCRIPTION,
            amount=shares_subscribed,
            date=applied_on,
        )
    return membership


def _actor_id(actor: User | None) -> int | None:
    return actor.pk if actor is not None and actor.is_authenticated else None


def _lock_book(organisation_id: int) -> None:
    """Hold the co-op's row: one admission or exit at a time per book (numbers, vetting, save).

    PostgreSQL waits on the row lock; SQLite's transactions already start with the write lock.
    """
    list(Organisation.objects.select_for_update().filter(pk=organisation_id).values_list("pk"))


def next_member_number(organisation: Organisation) -> int:
    highest = Membership.objects.filter(organisation=organisation).aggregate(
        highest=Max("member_number")
    )["highest"]
    return (highest or 0) + 1


@transaction.atomic
def membership_admit(
    *,
    membership: Membership,
    admitted_on: dt.date,
    member_number: int | None = None,
    actor: User | None = None,
    override_reason: str = "",
) -> Membership:
    """The board admits the applicant: the member enters the book with a number.

    Registered checks (Law 381 compliance) may object; the admission is then refused with their
    reasons, unless ``override_reason`` says why it goes ahead anyway (recorded with ``actor``).
    """
    _check_horizon(admitted_on, field="admitted_on")
    if member_number is not None and admitted_on > timezone.localdate():
        raise ValidationError({"member_number": ERR_NUMBER_FOR_FUTURE_ADMISSION})
    _lock_book(membership.organisation_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.admitted_on is not None:
        raise ValidationError({"admitted_on": ERR_ALREADY_ADMITTED})
    if admitted_on < membership.applied_on:
        raise ValidationError({"admitted_on": ERR_ADMIT_BEFORE_APPLY})
    number = member_number or next_member_number(membership.organisation)
    taken = Membership.objects.filter(
        organisation_id=membership.organisation_id, member_number=number
    ).exists()
    if taken:
        raise ValidationError({"member_number": ERR_NUMBER_TAKEN})
    vet_change(
        PlannedChange(
            kind="admit",
            organisation_id=membership.organisation_id,
            on=admitted_on,
            subject_type="registry.membership",
            subject_id=membership.pk,
            member_category=membership.category,
        ),
        actor_id=_actor_id(actor),
        override_reason=override_reason,
        field="admitted_on",
    )
    membership.admitted_on = admitted_on
    membership.member_number = number
    membership.rejected_on = None
    try:
        # A number taken by a writer that does not lock the book (a raw import) still ends
        # as a field error, never a server error; the savepoint keeps the transaction usable.
        with transaction.atomic():
            membership.save(
                update_fields=["admitted_on", "member_number", "rejected_on", "updated_at"]
            )
    except IntegrityError as error:
        if "member_number" not in str(error) and "membership_number_unique" not in str(error):
            raise
        raise ValidationError({"member_number": ERR_NUMBER_TAKEN}) from error
    return membership


@transaction.atomic
def membership_exit(
    *,
    membership: Membership,
    exited_on: dt.date,
    reason: str,
    notes: str = "",
    actor: User | None = None,
    override_reason: str = "",
) -> Membership:
    """The member leaves the book: withdrawal, exclusion or death."""
    _lock_book(membership.organisation_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.admitted_on is None:
        raise ValidationError({"exited_on": ERR_NOT_ADMITTED})
    if membership.exited_on is not None:
        raise ValidationError({"exited_on": ERR_ALREADY_EXITED})
    if exited_on < membership.admitted_on:
        raise ValidationError({"exited_on": ERR_EXIT_BEFORE_ADMIT})
    if reason not in ExitReason.values:
        raise ValidationError({"exit_reason": _("Choose a valid exit reason.")})
    vet_change(
        PlannedChange(
            kind="exit",
            organisation_id=membership.organisation_id,
            on=exited_on,
            subject_type="registry.membership",
            subject_id=membership.pk,
        ),
        actor_id=_actor_id(actor),
        override_reason=override_reason,
        field="exited_on",
    )
    membership.exited_on = exited_on
    membership.exit_reason = reason
    if notes:
        membership.notes = "\n".join(filter(None, [membership.notes, notes]))
    membership.save(update_fields=["exited_on", "exit_reason", "notes", "updated_at"])
    return membership


@transaction.atomic
def share_movement_record(
    *, membership: Membership, kind: str, amount: Decimal, date: dt.date, note: str = ""
) -> ShareMovement:
    if kind not in ShareMovementKind.values:
        raise ValidationError({"kind": ERR_MOVEMENT_KIND})
    if amount <= 0:
        raise ValidationError({"amount": ERR_AMOUNT_NOT_POSITIVE})
    if date < membership.applied_on:
        applied = {"applied": membership.applied_on.isoformat()}
        raise ValidationError({"date": ERR_MOVEMENT_BEFORE_APPLICATION % applied})
    if kind == ShareMovementKind.REFUND:
        capital = membership.capital_on(date)
        paid = capital[ShareMovementKind.PAYMENT] - capital[ShareMovementKind.REFUND]
        if amount > paid:
            raise ValidationError({"amount": ERR_REFUND_TOO_LARGE})
    if kind == ShareMovementKind.PAYMENT:
        # Against every subscription on record, whatever its date: a payment never exceeds
        # what the member undertook to pay.
        capital = membership.capital_on()
        subscribed = capital[ShareMovementKind.SUBSCRIPTION]
        paid = capital[ShareMovementKind.PAYMENT] - capital[ShareMovementKind.REFUND]
        if paid + amount > subscribed:
            limit = {"subscribed": f"{subscribed:.2f}"}
            raise ValidationError({"amount": ERR_PAYMENT_ABOVE_SUBSCRIBED % limit})
    return ShareMovement.objects.create(
        membership=membership, kind=kind, amount=amount, date=date, note=note
    )


ERR_ROLE_NAME = _("Choose a valid role.")


@transaction.atomic
def role_give(*, user: User, organisation_id: int, name: str) -> Role:
    """The one writer of ``Role`` rows: ``user`` holds ``name`` here (once) from now on."""
    if name not in RoleName.values:
        raise ValidationError({"role": ERR_ROLE_NAME})
    role, _created = Role.objects.get_or_create(
        user=user, organisation_id=organisation_id, name=name
    )
    forget_permissions(user)
    return role
