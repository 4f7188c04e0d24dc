"""Every write to the workforce goes through these services: typed, keyword-only, atomic.

A hire or an end of contract is checked before it is saved (what-if): if it would newly breach a
Law 381 rule (L4.2 above all) it is refused with the rule and its explanation, unless
``override_reason`` says why it goes ahead anyway (a ``ComplianceOverride`` records it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fragola.core.uploads import document_kind
from fragola.core.vetting import PlannedChange, recheck, vet_change
from fragola.registry.models import Organisation, Person
from fragola.workforce.models import (
    Branch,
    Contract,
    DisadvantageCategory,
    DisadvantageCertificate,
    Employment,
)

ERR_PERSON_OTHER_ORG = _("This person belongs to another organisation.")
ERR_END_BEFORE_START = _("The last day worked cannot come before the start.")
ERR_ALREADY_ENDED = _("This contract has already ended.")
ERR_EXPIRES_BEFORE_ISSUE = _("The expiry cannot come before the issue date.")
ERR_HOURS = _("Weekly hours must be between 0 and 168.")
ERR_BRANCH = _("Choose branch A or B.")
ERR_CONTRACT = _("Choose a valid contract.")
ERR_CATEGORY = _("Choose a valid art. 4 category.")
ERR_DOCUMENT_KIND = _("The document must be a scan or photo (JPEG, PNG, GIF, WebP, HEIC) or a PDF.")


@dataclass(frozen=True, kw_only=True)
class EmploymentData:
    started_on: dt.date
    branch: str
    contract: str
    ended_on: dt.date | None = None
    weekly_hours: Decimal | None = None
    is_member: bool | None = None


def _clean_employment(data: EmploymentData) -> None:
    errors: dict[str, list[str]] = {}
    if data.branch not in Branch.values:
        errors["branch"] = [str(ERR_BRANCH)]
    if data.contract not in Contract.values:
        errors["contract"] = [str(ERR_CONTRACT)]
    if data.ended_on is not None and data.ended_on < data.started_on:
        errors["ended_on"] = [str(ERR_END_BEFORE_START)]
    if data.weekly_hours is not None and not Decimal(0) <= data.weekly_hours <= Decimal(168):
        errors["weekly_hours"] = [str(ERR_HOURS)]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def employment_start(
    *,
    organisation: Organisation,
    person: Person,
    data: EmploymentData,
    actor: AbstractBaseUser | None = None,
    override_reason: str = "",
    check: bool = True,
) -> Employment:
    """Record a hire; ``check=False`` (no what-if, no scan) only for imports of past records."""
    if person.organisation_id != organisation.pk:
        raise ValidationError({"person": ERR_PERSON_OTHER_ORG})
    _clean_employment(data)
    if check:
        vet_change(
            PlannedChange(
                kind="hire",
                organisation_id=organisation.pk,
                on=data.started_on,
                subject_type="registry.person",
                subject_id=person.pk,
                person_id=person.pk,
                branch=data.branch,
                contract=data.contract,
                ended_on=data.ended_on,
                is_member=data.is_member,
            ),
            actor_id=_actor_id(actor),
            override_reason=override_reason,
            field="started_on",
        )
    employment = Employment.objects.create(
        organisation=organisation,
        person=person,
        started_on=data.started_on,
        ended_on=data.ended_on,
        branch=data.branch,
        contract=data.contract,
        weekly_hours=data.weekly_hours,
        is_member=data.is_member,
    )
    return employment


def _actor_id(actor: AbstractBaseUser | None) -> int | None:
    return actor.pk if actor is not None and actor.is_authenticated else None


@transaction.atomic
def employment_end(
    *,
    employment: Employment,
    ended_on: dt.date,
    actor: AbstractBaseUser | None = None,
    override_reason: str = "",
) -> Employment:
    """End a contract; ``ended_on`` is the last day worked."""
    employment = Employment.objects.select_for_update().get(pk=employment.pk)
    if employment.ended_on is not None and employment.ended_on <= ended_on:
        raise ValidationError({"ended_on": ERR_ALREADY_ENDED})
    if ended_on < employment.started_on:
        raise ValidationError({"ended_on": ERR_END_BEFORE_START})
    vet_change(
        PlannedChange(
            kind="end",
            organisation_id=employment.organisation_id,
            on=ended_on,
            subject_type="workforce.employment",
            subject_id=employment.pk,
            person_id=employment.person_id,
        ),
        actor_id=_actor_id(actor),
        override_reason=override_reason,
        field="ended_on",
    )
    employment.ended_on = ended_on
    employment.save(update_fields=["ended_on", "updated_at"])
    return employment


@dataclass(frozen=True, kw_only=True)
class CertificateData:
    category: str
    issued_on: dt.date
    expires_on: dt.date | None = None
    certified_by: str = ""
    document: File | None = None


@transaction.atomic
def certificate_record(
    *, organisation: Organisation, person: Person, data: CertificateData, scan: bool = True
) -> DisadvantageCertificate:
    if person.organisation_id != organisation.pk:
        raise ValidationError({"person": ERR_PERSON_OTHER_ORG})
    if data.category not in DisadvantageCategory.values:
        raise ValidationError({"category": ERR_CATEGORY})
    if data.expires_on is not None and data.expires_on < data.issued_on:
        raise ValidationError({"expires_on": ERR_EXPIRES_BEFORE_ISSUE})
    if data.document is not None and document_kind(data.document) is None:
        raise ValidationError({"document": ERR_DOCUMENT_KIND})
    certificate = DisadvantageCertificate(
        organisation=organisation,
        person=person,
        category=data.category,
        issued_on=data.issued_on,
        expires_on=data.expires_on,
        certified_by=data.certified_by.strip(),
    )
    if data.document is not None:
        certificate.document.save(data.document.name or "certificate", data.document, save=False)
    certificate.save()
    if scan:
        recheck(organisation.pk)
    return certificate
