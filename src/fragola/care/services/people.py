"""Service users, their health data, consents, family and commissioning."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fragola.care.models import (
    AuthorisedHours,
    Commission,
    Consent,
    FamilyMember,
    FamilyMessage,
    HealthRecord,
    ServiceUser,
)
from fragola.registry.models import Comune, Organisation, Role, RoleName

ERR_CIG_FORMAT = _("A CIG has 10 letters or digits.")
ERR_CONSENT_WITHDRAWN = _("This consent was already withdrawn.")
ERR_WITHDRAWN_BEFORE_GIVEN = _("A consent cannot be withdrawn before it was given.")
ERR_EMPTY_MESSAGE = _("Write a message.")
ERR_NEGATIVE_CO_PAYMENT = _("The co-payment cannot be negative.")


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
) -> ServiceUser:
    """Register a user; without coordinates the address falls back to the comune's centre."""
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
    )
    if conditions or care_needs:
        HealthRecord.objects.create(
            service_user=service_user, conditions=conditions, care_needs=care_needs
        )
    return service_user


@transaction.atomic
def health_record_update(
    *, service_user: ServiceUser, conditions: str, care_needs: str
) -> HealthRecord:
    record, _created = HealthRecord.objects.update_or_create(
        service_user=service_user,
        defaults={"conditions": conditions, "care_needs": care_needs},
    )
    return record


@transaction.atomic
def consent_record(
    *, service_user: ServiceUser, purpose: str, given_on: dt.date, by: User
) -> Consent:
    return Consent.objects.create(
        service_user=service_user, purpose=purpose, given_on=given_on, recorded_by=by
    )


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_on: dt.date) -> Consent:
    if consent.withdrawn_on is not None:
        raise ValidationError({"withdrawn_on": ERR_CONSENT_WITHDRAWN})
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": ERR_WITHDRAWN_BEFORE_GIVEN})
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on", "updated_at"])
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
    if user is not None:
        Role.objects.get_or_create(
            user=user, organisation_id=service_user.organisation_id, name=RoleName.FAMILY
        )
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
    if co_payment_per_hour < 0:
        raise ValidationError({"co_payment_per_hour": ERR_NEGATIVE_CO_PAYMENT})
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
