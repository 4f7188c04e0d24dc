"""Write co-operatives and consortia from a file, then link the co-ops to their consortia.

Organisations come first, links second, so a consortium may appear anywhere in the file.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from fragola.core.importing.result import FileProblem, ImportResult, Outcome
from fragola.core.importing.runner import all_or_nothing, attempt
from fragola.core.importing.table import Table, duplicate_column_errors, read_table
from fragola.registry import services
from fragola.registry.importing import messages as msg
from fragola.registry.importing.columns import COOP_COLUMNS, COOP_REQUIRED
from fragola.registry.importing.coops import (
    COOP_FIELD_COLUMNS,
    COOP_FILE_FIELDS,
    CoopRow,
    Lookups,
    parse_coop,
)
from fragola.registry.models import ConsortiumMembership, Organisation, OrganisationType


@dataclass(frozen=True, kw_only=True)
class CoopScope:
    """What the importing user may touch. The command line (``None`` everywhere) may do anything.

    ``consortium``: the only consortium co-ops may be linked to; ``may_change``: whether an
    organisation already in Fragola may be changed (an unchanged row is always fine).
    """

    consortium: Organisation | None = None
    may_change: Callable[[Organisation], bool] | None = None


def import_coops(
    *, content: bytes, filename: str, dry_run: bool, scope: CoopScope | None = None
) -> ImportResult:
    scope = scope or CoopScope()
    result = ImportResult(dry_run=dry_run)
    try:
        table = read_table(content, filename, columns=COOP_COLUMNS, required=COOP_REQUIRED)
    except FileProblem as exc:
        result.errors.extend(exc.errors)
        return result
    rows = _parse_rows(table, result, scope)
    with all_or_nothing(result):
        outcomes = _write_organisations(rows, result, scope)
        _write_links(rows, outcomes, result)
        for outcome in outcomes.values():
            result.count(outcome)
    return result


def _parse_rows(table: Table, result: ImportResult, scope: CoopScope) -> list[CoopRow]:
    lookups = Lookups.load(table.rows)
    rows: list[CoopRow] = []
    for raw in table.rows:
        row, errors = parse_coop(raw, lookups, consortium=scope.consortium)
        result.errors.extend(errors)
        if row is not None:
            rows.append(row)
    duplicates = duplicate_column_errors(table.rows, "fiscal_code", msg.ERR_DUPLICATE_FISCAL_CODE)
    result.errors.extend(duplicates)
    repeated = {error.row for error in duplicates}
    return [row for row in rows if row.number not in repeated]


def _write_organisations(
    rows: list[CoopRow], result: ImportResult, scope: CoopScope
) -> dict[int, Outcome]:
    outcomes: dict[int, Outcome] = {}
    for row in rows:
        outcome = attempt(
            result,
            row.number,
            functools.partial(organisation_row_write, row=row, scope=scope),
            columns=COOP_FIELD_COLUMNS,
            default_column="fiscal_code",
        )
        if outcome is not None:
            outcomes[row.number] = outcome
    return outcomes


def organisation_row_write(*, row: CoopRow, scope: CoopScope) -> Outcome:
    existing = Organisation.objects.filter(fiscal_code=row.fiscal_code).first()
    if existing is None:
        services.organisation_create(data=row.data)
        return Outcome.CREATED
    data = _merged(existing, row.data)
    if not _differs(existing, data):
        return Outcome.UNCHANGED
    if scope.may_change is not None and not scope.may_change(existing):
        raise ValidationError({"fiscal_code": msg.ERR_ORG_NOT_YOURS})
    services.organisation_update(organisation=existing, data=data)
    return Outcome.UPDATED


def _merged(
    organisation: Organisation, data: services.OrganisationData
) -> services.OrganisationData:
    """The file's values over what Fragola already knows of the organisation."""
    current = {
        field: getattr(organisation, field)
        for field in services.OrganisationData.__dataclass_fields__
    }
    return dataclasses.replace(
        services.OrganisationData(**current),
        **{field: getattr(data, field) for field in COOP_FILE_FIELDS},
    )


def _differs(organisation: Organisation, data: services.OrganisationData) -> bool:
    return any(getattr(organisation, field) != getattr(data, field) for field in COOP_FILE_FIELDS)


def _write_links(rows: list[CoopRow], outcomes: dict[int, Outcome], result: ImportResult) -> None:
    for row in rows:
        if not row.consortium_fiscal_code or row.number not in outcomes:
            continue
        changed = attempt(
            result,
            row.number,
            functools.partial(consortium_link_write, row=row),
            columns=COOP_FIELD_COLUMNS,
            default_column="consortium_fiscal_code",
        )
        if changed and outcomes[row.number] == Outcome.UNCHANGED:
            outcomes[row.number] = Outcome.UPDATED


def consortium_link_write(*, row: CoopRow) -> bool:
    """Link the co-op to its consortium, or correct the joining date; True if anything changed."""
    assert row.joined_on is not None  # the row validator requires it with a consortium
    consortium = Organisation.objects.filter(fiscal_code=row.consortium_fiscal_code).first()
    if consortium is None:
        raise ValidationError({"consortium_fiscal_code": msg.ERR_CONSORTIUM_UNKNOWN})
    if consortium.type != OrganisationType.CONSORTIUM:
        raise ValidationError({"consortium_fiscal_code": msg.ERR_CONSORTIUM_NOT_A_CONSORTIUM})
    member = Organisation.objects.get(fiscal_code=row.fiscal_code)
    link = ConsortiumMembership.objects.filter(
        consortium=consortium, member=member, left_on__isnull=True
    ).first()
    if link is None:
        services.consortium_member_add(
            consortium=consortium, member=member, joined_on=row.joined_on
        )
        return True
    if link.joined_on == row.joined_on:
        return False
    link.joined_on = row.joined_on
    link.save(update_fields=["joined_on", "updated_at"])
    return True
