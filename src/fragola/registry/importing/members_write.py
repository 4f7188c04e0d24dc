"""Write the members' book from a file: match, create or adjust, and sync the share capital."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from fragola.registry import services
from fragola.registry.importing import messages as msg
from fragola.registry.importing.columns import MEMBER_COLUMNS, MEMBER_REQUIRED
from fragola.registry.importing.members import (
    MEMBER_FIELD_COLUMNS,
    MemberRow,
    duplicate_errors,
    parse_member,
)
from fragola.registry.importing.result import FileProblem, ImportResult, Outcome
from fragola.registry.importing.runner import all_or_nothing, attempt
from fragola.registry.importing.table import Table, read_table
from fragola.registry.models import (
    Comune,
    Membership,
    Organisation,
    Person,
    ShareMovementKind,
)


def import_members(
    *,
    organisation: Organisation,
    content: bytes,
    filename: str,
    dry_run: bool,
    today: dt.date | None = None,
) -> ImportResult:
    """Import the members' book of ``organisation``: all rows or, if any is bad, none."""
    result = ImportResult(dry_run=dry_run)
    try:
        table = read_table(content, filename, columns=MEMBER_COLUMNS, required=MEMBER_REQUIRED)
    except FileProblem as exc:
        result.errors.extend(exc.errors)
        return result
    rows = _parse_rows(table, result)
    day = today or timezone.localdate()
    with all_or_nothing(result):
        for row in rows:
            outcome = attempt(
                result,
                row.number,
                functools.partial(member_row_write, organisation=organisation, row=row, today=day),
                columns=MEMBER_FIELD_COLUMNS,
                default_column="fiscal_code",
            )
            if outcome is not None:
                result.count(outcome)
    return result


def _parse_rows(table: Table, result: ImportResult) -> list[MemberRow]:
    codes = {raw.get("comune_istat").zfill(6) for raw in table.rows if raw.get("comune_istat")}
    comuni = {c.istat_code: c for c in Comune.objects.filter(istat_code__in=codes)}
    rows: list[MemberRow] = []
    for raw in table.rows:
        row, errors = parse_member(raw, comuni)
        result.errors.extend(errors)
        if row is not None:
            rows.append(row)
    duplicates = duplicate_errors(table.rows)
    result.errors.extend(duplicates)
    repeated = {error.row for error in duplicates}
    return [row for row in rows if row.number not in repeated]


def member_row_write(*, organisation: Organisation, row: MemberRow, today: dt.date) -> Outcome:
    membership = _find_membership(organisation, row)
    person, person_changed = _person_upsert(organisation, row)
    if membership is None:
        _membership_create(organisation, person, row)
        return Outcome.CREATED
    changed = _membership_update(membership, row)
    changed = _shares_sync(membership, row, day=today) or changed
    return Outcome.UPDATED if changed or person_changed else Outcome.UNCHANGED


def _find_membership(organisation: Organisation, row: MemberRow) -> Membership | None:
    """By member number; an applicant (no number yet) by fiscal code."""
    memberships = Membership.objects.filter(organisation=organisation).select_related("person")
    if row.member_number is not None:
        found = memberships.filter(member_number=row.member_number).first()
        if found is not None:
            if found.person.fiscal_code != row.fiscal_code:
                other = {"number": row.member_number, "other": found.person.fiscal_code}
                raise ValidationError({"member_number": str(msg.ERR_NUMBER_OTHER_PERSON) % other})
            return found
    return memberships.filter(
        person__fiscal_code=row.fiscal_code, member_number__isnull=True, rejected_on__isnull=True
    ).first()


def _person_upsert(organisation: Organisation, row: MemberRow) -> tuple[Person, bool]:
    existing = Person.objects.filter(organisation=organisation, fiscal_code=row.fiscal_code).first()
    data = row.person
    if existing is not None:
        data = dataclasses.replace(data, address=existing.address)  # not in the file: keep it
        if not _person_differs(existing, data):
            return existing, False
    return services.person_upsert(organisation=organisation, data=data), True


def _person_differs(person: Person, data: services.PersonData) -> bool:
    for field in data.__dataclass_fields__:
        value = getattr(data, field)
        if field == "comune":
            if person.comune_id != (value.pk if value else None):
                return True
        elif getattr(person, field) != value:
            return True
    return False


def _membership_create(organisation: Organisation, person: Person, row: MemberRow) -> None:
    membership = services.membership_apply(
        organisation=organisation, person=person, category=row.category, applied_on=row.applied_on
    )
    if row.admitted_on is not None:
        membership = services.membership_admit(
            membership=membership, admitted_on=row.admitted_on, member_number=row.member_number
        )
    if row.exited_on is not None:
        membership = services.membership_exit(
            membership=membership, exited_on=row.exited_on, reason=row.exit_reason
        )
    _shares_sync(membership, row, day=row.admitted_on or row.applied_on)


def _membership_update(membership: Membership, row: MemberRow) -> bool:
    """Correct what differs; admit or record the exit through the services when they are new."""
    corrections = _corrections(membership, row)
    if corrections:
        for field, value in corrections.items():
            setattr(membership, field, value)
        membership.save(update_fields=[*corrections, "updated_at"])
    admitting = membership.admitted_on is None and row.admitted_on is not None
    if membership.admitted_on is None and row.admitted_on is not None:
        membership = services.membership_admit(
            membership=membership, admitted_on=row.admitted_on, member_number=row.member_number
        )
    exiting = membership.exited_on is None and row.exited_on is not None
    if membership.exited_on is None and row.exited_on is not None:
        services.membership_exit(
            membership=membership, exited_on=row.exited_on, reason=row.exit_reason
        )
    return bool(corrections) or admitting or exiting


def _corrections(membership: Membership, row: MemberRow) -> dict[str, object]:
    if membership.admitted_on is not None and row.admitted_on is None:
        raise ValidationError({"admitted_on": msg.ERR_CANNOT_UNADMIT})
    if membership.exited_on is not None and row.exited_on is None:
        raise ValidationError({"exited_on": msg.ERR_CANNOT_REOPEN})
    wanted: dict[str, object] = {"category": row.category, "applied_on": row.applied_on}
    if membership.admitted_on is not None:
        wanted["admitted_on"] = row.admitted_on
    if membership.exited_on is not None:
        wanted.update(exited_on=row.exited_on, exit_reason=row.exit_reason)
    return {field: value for field, value in wanted.items() if getattr(membership, field) != value}


def _shares_sync(membership: Membership, row: MemberRow, *, day: dt.date) -> bool:
    """Record the movements that bring the totals to the file's: subscribed, and paid net."""
    capital = membership.capital_on()
    subscribed = capital[ShareMovementKind.SUBSCRIPTION]
    if row.subscribed < subscribed:
        current = {"current": f"{subscribed:.2f}"}
        raise ValidationError({"shares_subscribed_eur": str(msg.ERR_SUBSCRIBED_DOWN) % current})
    paid = capital[ShareMovementKind.PAYMENT] - capital[ShareMovementKind.REFUND]
    moves = [
        (ShareMovementKind.SUBSCRIPTION, row.subscribed - subscribed),
        (ShareMovementKind.PAYMENT, row.paid - paid),
        (ShareMovementKind.REFUND, paid - row.paid),
    ]
    for kind, amount in moves:
        if amount > Decimal("0"):
            services.share_movement_record(
                membership=membership, kind=kind, amount=amount, date=day, note=str(msg.IMPORT_NOTE)
            )
    return any(amount > 0 for _, amount in moves)
