"""Carers: register workers and volunteers, their qualifications, availability and absences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fragola.care.models import Absence, Availability, Carer, CarerKind, CarerQualification
from fragola.registry.models import Comune, Person

ERR_VOLUNTEER_HOURS = _("Volunteers have no contract hours.")
ERR_ABSENCE_ORDER = _("An absence ends on or after its first day.")
ERR_SLOT_ORDER = _("Each slot ends after it starts, on a weekday from 1 to 7.")
ERR_CARER_KIND = _("Choose worker or volunteer.")
ERR_ALREADY_CARER = _("This person is already registered as a carer of this kind.")

Slot = tuple[int, dt.time, dt.time]


@transaction.atomic
def carer_register(
    *,
    person: Person,
    kind: str,
    user: User | None = None,
    weekly_hours: Decimal | None = None,
    home_comune: Comune | None = None,
    skills: str = "",
    activities: str = "",
    insurance_policy: str = "",
    insured_until: dt.date | None = None,
) -> Carer:
    if kind not in CarerKind.values:
        raise ValidationError({"kind": ERR_CARER_KIND})
    if kind == CarerKind.VOLUNTEER and weekly_hours is not None:
        raise ValidationError({"weekly_hours": ERR_VOLUNTEER_HOURS})
    if Carer.objects.filter(organisation_id=person.organisation_id, person=person, kind=kind):
        raise ValidationError({"person": ERR_ALREADY_CARER})
    return Carer.objects.create(
        organisation_id=person.organisation_id,
        person=person,
        user=user,
        kind=kind,
        weekly_hours=weekly_hours,
        home_comune=home_comune or person.comune,
        skills=skills,
        activities=activities,
        insurance_policy=insurance_policy,
        insured_until=insured_until,
    )


@transaction.atomic
def qualification_add(
    *,
    carer: Carer,
    kind: str,
    obtained_on: dt.date | None = None,
    expires_on: dt.date | None = None,
) -> CarerQualification:
    qualification, _created = CarerQualification.objects.update_or_create(
        carer=carer, kind=kind, defaults={"obtained_on": obtained_on, "expires_on": expires_on}
    )
    return qualification


@transaction.atomic
def absence_record(*, carer: Carer, kind: str, starts_on: dt.date, ends_on: dt.date) -> Absence:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": ERR_ABSENCE_ORDER})
    return Absence.objects.create(carer=carer, kind=kind, starts_on=starts_on, ends_on=ends_on)


@transaction.atomic
def availability_set(*, carer: Carer, slots: Iterable[Slot]) -> list[Availability]:
    """Replace the carer's weekly availability with ``slots`` (weekday, from, to)."""
    rows = [Availability(carer=carer, weekday=d, starts_at=s, ends_at=e) for d, s, e in slots]
    if any(not 1 <= r.weekday <= 7 or r.ends_at <= r.starts_at for r in rows):
        raise ValidationError({"availability": ERR_SLOT_ORDER})
    carer.availability.all().delete()
    return Availability.objects.bulk_create(rows)
