"""Service users, their health data, consents, family and commissioning."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.care.models import (
    AuthorisedHours,
    Commission,
    Consent,
    ConsentPurpose,
    FamilyMember,
    FamilyMessage,
    FunderKind,
    HealthRecord,
    ServiceUser,
)
from fragola.registry.models import Comune, Organisation, RoleName
from fragola.registry.services import role_give

ERR_CIG_FORMAT = _("A CIG has 10 letters or digits.")
ERR_CONSENT_WITHDRAWN = _("This consent was already withdrawn.")
ERR_WITHDRAWN_BEFORE_GIVEN = _("A consent cannot be withdrawn before it was given.")
ERR_EMPTY_MESSAGE = _("Write a message.")
ERR_NEGATIVE_CO_PAYMENT = _("The co-payment cannot be negative.")
ERR_LATITUDE = _("A latitude lies between -90 and 90 degrees.")
ERR_LONGITUDE = _("A longitude lies between -180 and 180 degrees.")
ERR_BIRTH_YEAR = _("The year of birth cannot be after this year.")
ERR_CARE_ENDS_BEFORE_START = _("Care cannot end before it started.")
ERR_HEALTH_BLANK = _(
    "Both fields are empty. To erase the health record, tick “erase the health record”: "
    "the erasure is recorded with your name."
)
ERR_CONSENT_PURPOSE = _("Choose a valid purpose.")
ERR_CONSENT_FUTURE = _("A consent cannot be recorded for a day after today.")
ERR_FAMILY_LOGIN_TAKEN = _("This login already belongs to a relative of this service user.")
ERR_FUNDER_KIND = _("Choose who pays.")
ERR_COMMISSION_ENDS_BEFORE_START = _("The commission cannot end before it starts.")
ERR_AUTHORISED_HOURS = _("Authorised hours must be more than zero.")


@transaction.atomic
def service_user_register(
    *,
    organisation: Organisation,
    first_name: str,
    last_name: str,
    address: str,
    comune: Comune,
    started_on: dt.date,
    birth_year: int | None = None,
    phone: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    area_radius_m: int = 300,
    conditions: str = "",
    care_needs: str = "",
    ended_on: dt.date | None = None,
    by: User | None = None,
) -> ServiceUser:
    """Register a user; without coordinates the address falls back to the comune's centre."""
    _check_service_user(
        latitude=latitude,
        longitude=longitude,
        birth_year=birth_year,
        started_on=started_on,
        ended_on=ended_on,
    )
    service_user = ServiceUser.objects.create(
        organisation=organisation,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        birth_year=birth_year,
        phone=phone,
        address=address,
        comune=comune,
        latitude=latitude if latitude is not None else comune.latitude,
        longitude=longitude if longitude is not None else comune.longitude,
        area_radius_m=area_radius_m,
        started_on=started_on,
        ended_on=ended_on,
    )
    if conditions or care_needs:
        record = HealthRecord(
            service_user=service_user, conditions=conditions, care_needs=care_needs
        )
        record._history_user = by  # type: ignore[attr-defined]
        record.save()
    return service_user


def _check_service_user(
    *,
    latitude: Decimal | None,
    longitude: Decimal | None,
    birth_year: int | None,
    started_on: dt.date,
    ended_on: dt.date | None,
) -> None:
    errors: dict[str, object] = {}
    if latitude is not None and not Decimal(-90) <= latitude <= Decimal(90):
        errors["latitude"] = ERR_LATITUDE
    if longitude is not None and not Decimal(-180) <= longitude <= Decimal(180):
        errors["longitude"] = ERR_LONGITUDE
    if birth_year is not None and birth_year > timezone.localdate().year:
        errors["birth_year"] = ERR_BIRTH_YEAR
    if ended_on is not None and ended_on < started_on:
        errors["ended_on"] = ERR_CARE_ENDS_BEFORE_START
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def health_record_update(
    *,
    service_user: ServiceUser,
    by: User,
    conditions: str,
    care_needs: str,
    erase: bool = False,
) -> HealthRecord:
    """Change the art. 9 notes; the history keeps every previous text and who changed it.

    Emptying both fields is an erasure: it must be asked for explicitly (``erase``), so a form
    sent empty by mistake never wipes the record without trace.
    """
    if erase:
        conditions = care_needs = ""
    elif not conditions.strip() and not care_needs.strip():
        raise ValidationError({"conditions": ERR_HEALTH_BLANK})
    record = HealthRecord.objects.select_for_update().filter(
        service_user=service_user
    ).first() or HealthRecord(service_user=service_user)
    record.conditions, record.care_needs = conditions, care_needs
    record._history_user = by  # type: ignore[attr-defined]
    record.save()
    return record


@transaction.atomic
def consent_record(
    *, service_user: ServiceUser, purpose: str, given_on: dt.date, by: User
) -> Consent:
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": ERR_CONSENT_PURPOSE})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": ERR_CONSENT_FUTURE})
    return Consent.objects.create(
        service_user=service_user, purpose=purpose, given_on=given_on, recorded_by=by
    )


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_on: dt.date, by: User) -> Consent:
    """Record the withdrawal and who recorded it (GDPR art. 7(3): the audit of consent)."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError({"withdrawn_on": ERR_CONSENT_WITHDRAWN})
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": ERR_WITHDRAWN_BEFORE_GIVEN})
    consent.withdrawn_on, consent.withdrawn_by = withdrawn_on, by
    consent.save(update_fields=["withdrawn_on", "withdrawn_by", "updated_at"])
    return consent


@transaction.atomic
def family_member_add(
    *,
    service_user: ServiceUser,
    name: str,
    relation: str = "",
    phone: str = "",
    is_informal_carer: bool = False,
    user: User | None = None,
) -> FamilyMember:
    """Add a relative; with a ``user`` they get the ``family`` role and see the portal."""
    if user is not None and FamilyMember.objects.filter(service_user=service_user, user=user):
        raise ValidationError({"username": ERR_FAMILY_LOGIN_TAKEN})
    if user is not None:
        role_give(user=user, organisation_id=service_user.organisation_id, name=RoleName.FAMILY)
    return FamilyMember.objects.create(
        service_user=service_user,
        name=name,
        relation=relation,
        phone=phone,
        is_informal_carer=is_informal_carer,
        user=user,
    )


@transaction.atomic
def family_message_send(*, service_user: ServiceUser, author: User, body: str) -> FamilyMessage:
    if not body.strip():
        raise ValidationError({"body": ERR_EMPTY_MESSAGE})
    return FamilyMessage.objects.create(service_user=service_user, author=author, body=body)


@transaction.atomic
def commission_create(
    *,
    service_user: ServiceUser,
    funder_kind: str,
    funder_name: str,
    contract_reference: str,
    starts_on: dt.date,
    hours: dict[str, Decimal],
    cig: str = "",
    ends_on: dt.date | None = None,
    co_payment_per_hour: Decimal = Decimal("0.00"),
) -> Commission:
    """Who pays, under which contract (CIG if any), and the hours authorised per service."""
    cig = cig.strip().upper()
    if cig and (len(cig) != 10 or not cig.isalnum()):
        raise ValidationError({"cig": ERR_CIG_FORMAT})
    _check_commission(
        funder_kind=funder_kind,
        starts_on=starts_on,
        ends_on=ends_on,
        co_payment_per_hour=co_payment_per_hour,
        hours=hours,
    )
    commission = Commission.objects.create(
        service_user=service_user,
        funder_kind=funder_kind,
        funder_name=funder_name,
        contract_reference=contract_reference,
        cig=cig,
        starts_on=starts_on,
        ends_on=ends_on,
        co_payment_per_hour=co_payment_per_hour,
    )
    AuthorisedHours.objects.bulk_create(
        AuthorisedHours(commission=commission, service_kind=kind, hours_per_month=value)
        for kind, value in hours.items()
    )
    return commission


def _check_commission(
    *,
    funder_kind: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    co_payment_per_hour: Decimal,
    hours: dict[str, Decimal],
) -> None:
    errors: dict[str, object] = {}
    if funder_kind not in FunderKind.values:
        errors["funder_kind"] = ERR_FUNDER_KIND
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = ERR_COMMISSION_ENDS_BEFORE_START
    if co_payment_per_hour < 0:
        errors["co_payment_per_hour"] = ERR_NEGATIVE_CO_PAYMENT
    if any(value <= 0 for value in hours.values()):
        errors["hours_per_month"] = ERR_AUTHORISED_HOURS
    if errors:
        raise ValidationError(errors)
