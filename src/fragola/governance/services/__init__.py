"""Write operations on the board and the assemblies: keyword-only, atomic, validated."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fragola.governance.models import Assembly, AssemblyKind, BoardRole, BoardSeat
from fragola.registry.models import Organisation, Person

ERR_PERSON_OTHER_ORG = _("This person does not belong to the co-operative.")
ERR_ROLE = _("Unknown board role.")
ERR_END_BEFORE_START = _("The end date cannot precede the start date.")
ERR_SEAT_OVERLAP = _("This person already holds a seat in that period.")
ERR_SEAT_ENDED = _("This seat has already ended.")
ERR_ASSEMBLY_KIND = _("Unknown kind of assembly.")


@transaction.atomic
def board_seat_add(
    *,
    organisation: Organisation,
    person: Person,
    role: str,
    started_on: dt.date,
    ended_on: dt.date | None = None,
) -> BoardSeat:
    if person.organisation_id != organisation.pk:
        raise ValidationError({"person": ERR_PERSON_OTHER_ORG})
    if role not in BoardRole.values:
        raise ValidationError({"role": ERR_ROLE})
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": ERR_END_BEFORE_START})
    overlapping = BoardSeat.objects.filter(organisation=organisation, person=person).exclude(
        ended_on__lt=started_on
    )
    if ended_on is not None:
        overlapping = overlapping.filter(started_on__lte=ended_on)
    if overlapping.exists():
        raise ValidationError({"person": ERR_SEAT_OVERLAP})
    seat = BoardSeat(
        organisation=organisation,
        person=person,
        role=role,
        started_on=started_on,
        ended_on=ended_on,
    )
    seat.full_clean()
    seat.save()
    return seat


@transaction.atomic
def board_seat_end(*, seat: BoardSeat, ended_on: dt.date) -> BoardSeat:
    seat = BoardSeat.objects.select_for_update().get(pk=seat.pk)
    if seat.ended_on is not None:
        raise ValidationError({"ended_on": ERR_SEAT_ENDED})
    if ended_on < seat.started_on:
        raise ValidationError({"ended_on": ERR_END_BEFORE_START})
    seat.ended_on = ended_on
    seat.save(update_fields=["ended_on", "updated_at"])
    return seat


@transaction.atomic
def assembly_schedule(
    *, organisation: Organisation, held_on: dt.date, kind: str, agenda: str = ""
) -> Assembly:
    if kind not in AssemblyKind.values:
        raise ValidationError({"kind": ERR_ASSEMBLY_KIND})
    assembly = Assembly(organisation=organisation, held_on=held_on, kind=kind, agenda=agenda)
    assembly.full_clean()
    assembly.save()
    return assembly
