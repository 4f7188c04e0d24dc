"""Import a co-op's workers from CSV or XLSX, like every importer (``core.importing``).

Columns: fiscal_code, first_name, last_name, branch (A, B), contract (employee, member_worker,
fixed_term, apprentice, other), started_on, ended_on, weekly_hours, disadvantaged_category
(empty or an art. 4 category), certified_by, certified_on, certificate_expires_on.

All or nothing: every row is tried in one transaction, kept only if no row has an error; a dry
run reports exactly what the import would do. Errors carry the row number as the spreadsheet
shows it, the column and the reason in the user's language. A row matches an existing contract
by (person, started_on); the person by fiscal code (created if new, with first and last name).
Historic records are not what-if checked (they describe the past): the import keeps them and
reports the past breaches of the rules they show (``ImportResult.breaches``); the scan that
raises alerts runs afterwards. The history rows the import writes name the importing user, or
the command (``fragola import workers``) as their change reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.contrib.auth.models import User
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.core import vetting
from fragola.core.importing.breaches import non_null
from fragola.core.importing.cells import Cells, fold, parse_decimal
from fragola.core.importing.result import FileProblem, ImportResult, Outcome, RowError
from fragola.core.importing.runner import all_or_nothing, attempt
from fragola.core.importing.table import RawRow, Table, read_table
from fragola.registry import services as registry
from fragola.registry.models import Organisation, Person, PersonKind
from fragola.registry.selectors import book_past_breaches
from fragola.workforce import services
from fragola.workforce.models import (
    Branch,
    Contract,
    DisadvantageCategory,
    DisadvantageCertificate,
    Employment,
)

WORKER_COLUMNS: tuple[str, ...] = (
    "fiscal_code",
    "first_name",
    "last_name",
    "branch",
    "contract",
    "started_on",
    "ended_on",
    "weekly_hours",
    "disadvantaged_category",
    "certified_by",
    "certified_on",
    "certificate_expires_on",
)
WORKER_REQUIRED: tuple[str, ...] = ("fiscal_code", "branch", "contract", "started_on")
FIELD_COLUMNS = {
    "person": "fiscal_code",
    "category": "disadvantaged_category",
    "issued_on": "certified_on",
    "expires_on": "certificate_expires_on",
}

ERR_HOURS = _("Not a number of hours between 0 and 168.")
ERR_ENDED_BEFORE_STARTED = _("The last day worked cannot come before the start.")
ERR_CERTIFICATE_WITHOUT_CATEGORY = _("A certificate needs the disadvantaged category.")
ERR_CATEGORY_WITHOUT_DATE = _("Give the date of the certificate (certified_on).")
ERR_EXPIRES_BEFORE_CERTIFIED = _("The certificate cannot expire before it is issued.")
ERR_DUPLICATE_CONTRACT = _("This fiscal code and start date are already on row %(row)d.")

BRANCH_ALIASES = {fold(b): b for b in Branch.values} | {"ramo_a": "A", "ramo_b": "B"}
CONTRACT_ALIASES = {fold(c): c for c in Contract.values} | {
    "dipendente": Contract.EMPLOYEE,
    "socio_lavoratore": Contract.MEMBER_WORKER,
    "tempo_determinato": Contract.FIXED_TERM,
    "apprendista": Contract.APPRENTICE,
    "altro": Contract.OTHER,
}
CATEGORY_ALIASES = {fold(c): c for c in DisadvantageCategory.values}


@dataclass(frozen=True, kw_only=True)
class WorkerRow:
    number: int
    person: registry.PersonData
    employment: services.EmploymentData
    certificate: services.CertificateData | None


def _hours(cells: Cells) -> Decimal | None:
    value = cells.raw.get("weekly_hours")
    if not value:
        return None
    hours = parse_decimal(value)
    if hours is None or not Decimal(0) <= hours <= Decimal(168):
        cells.fail("weekly_hours", ERR_HOURS)
        return None
    return hours.quantize(Decimal("0.01"))


def _certificate(cells: Cells) -> services.CertificateData | None:
    category = cells.choice("disadvantaged_category", CATEGORY_ALIASES)
    certified_by = cells.text("certified_by", max_length=200)
    issued_on = cells.date("certified_on")
    expires_on = cells.date("certificate_expires_on")
    if not category:
        if (certified_by or issued_on or expires_on) and not cells.failed("disadvantaged_category"):
            cells.fail("disadvantaged_category", ERR_CERTIFICATE_WITHOUT_CATEGORY)
        return None
    if issued_on is None:
        if not cells.failed("certified_on"):
            cells.fail("certified_on", ERR_CATEGORY_WITHOUT_DATE)
        return None
    if expires_on is not None and expires_on < issued_on:
        cells.fail("certificate_expires_on", ERR_EXPIRES_BEFORE_CERTIFIED)
    return services.CertificateData(
        category=category, issued_on=issued_on, expires_on=expires_on, certified_by=certified_by
    )


def parse_worker(raw: RawRow) -> tuple[WorkerRow | None, list[RowError]]:
    cells = Cells(raw)
    person = registry.PersonData(
        kind=PersonKind.NATURAL,
        fiscal_code=cells.code("fiscal_code", required=True),
        first_name=cells.text("first_name", required=True, max_length=100),
        last_name=cells.text("last_name", required=True, max_length=100),
    )
    started_on = cells.date("started_on", required=True)
    ended_on = cells.date("ended_on")
    employment = services.EmploymentData(
        started_on=started_on or dt.date.min,
        ended_on=ended_on,
        branch=cells.choice("branch", BRANCH_ALIASES, required=True),
        contract=cells.choice("contract", CONTRACT_ALIASES, required=True),
        weekly_hours=_hours(cells),
    )
    if started_on and ended_on and ended_on < started_on:
        cells.fail("ended_on", ERR_ENDED_BEFORE_STARTED)
    certificate = _certificate(cells)
    if cells.errors:
        return None, cells.errors
    return WorkerRow(
        number=raw.number, person=person, employment=employment, certificate=certificate
    ), []


def duplicate_errors(rows: list[RawRow]) -> list[RowError]:
    seen: dict[tuple[str, str], int] = {}
    errors = []
    for raw in rows:
        key = ("".join(raw.get("fiscal_code").split()).upper(), raw.get("started_on"))
        if not key[0] or not key[1]:
            continue
        if key in seen:
            text = str(ERR_DUPLICATE_CONTRACT) % {"row": seen[key]}
            errors.append(RowError(raw.number, "started_on", text))
        else:
            seen[key] = raw.number
    return errors


def worker_row_write(*, organisation: Organisation, row: WorkerRow) -> Outcome:
    person = registry.person_upsert(organisation=organisation, data=row.person)
    existing = Employment.objects.filter(
        organisation=organisation, person=person, started_on=row.employment.started_on
    ).first()
    outcome = Outcome.UNCHANGED
    if existing is None:
        services.employment_start(
            organisation=organisation, person=person, data=row.employment, check=False
        )
        outcome = Outcome.CREATED
    elif _employment_changed(existing, row.employment):
        existing.ended_on = row.employment.ended_on
        existing.branch = row.employment.branch
        existing.contract = row.employment.contract
        existing.weekly_hours = row.employment.weekly_hours
        existing.full_clean()
        existing.save(
            update_fields=["ended_on", "branch", "contract", "weekly_hours", "updated_at"]
        )
        outcome = Outcome.UPDATED
    if row.certificate is not None and _certificate_is_new(person.pk, row.certificate):
        services.certificate_record(
            organisation=organisation, person=person, data=row.certificate, scan=False
        )
        outcome = Outcome.UPDATED if outcome is Outcome.UNCHANGED else outcome
    return outcome


def _employment_changed(existing: Employment, data: services.EmploymentData) -> bool:
    return (existing.ended_on, existing.branch, existing.contract, existing.weekly_hours) != (
        data.ended_on,
        data.branch,
        data.contract,
        data.weekly_hours,
    )


def _certificate_is_new(person_id: int, data: services.CertificateData) -> bool:
    return not DisadvantageCertificate.objects.filter(
        person_id=person_id, category=data.category, issued_on=data.issued_on
    ).exists()


def import_workers(
    *,
    organisation: Organisation,
    content: bytes,
    filename: str,
    dry_run: bool,
    user: User | None = None,
    source: str = "",
    today: dt.date | None = None,
) -> ImportResult:
    """Import the workers of ``organisation``: all rows or, if any is bad, none.

    ``user`` (web) or else ``source`` (the command's name) is recorded on the history rows.
    """
    result = ImportResult(dry_run=dry_run)
    try:
        table = read_table(content, filename, columns=WORKER_COLUMNS, required=WORKER_REQUIRED)
    except FileProblem as exc:
        result.errors.extend(exc.errors)
        return result
    rows = _parse_rows(table, result)
    marks = _history_marks()
    with all_or_nothing(result):
        for row in rows:
            outcome = attempt(
                result,
                row.number,
                partial(worker_row_write, organisation=organisation, row=row),
                columns=FIELD_COLUMNS,
                default_column="fiscal_code",
            )
            if outcome is not None:
                result.count(outcome)
        if result.ok and not dry_run:
            _history_sign(organisation, marks, user=user, source=source)
    if result.ok and not dry_run:
        day = today or timezone.localdate()
        result.breaches = book_past_breaches(organisation, today=day, events=_contract_days(rows))
        vetting.recheck(organisation.pk)
    return result


HISTORY_OF = (Person, Employment, DisadvantageCertificate)


def _history_marks() -> dict[type[Model], int]:
    """The last history row of each model before the import: the import's rows come after."""
    return {
        model: model.history.model.objects.aggregate(m=Max("history_id"))["m"] or 0
        for model in HISTORY_OF
    }


def _history_sign(
    organisation: Organisation, marks: dict[type[Model], int], *, user: User | None, source: str
) -> None:
    """Name who imported on the history rows the row services wrote (they know no user)."""
    for model, mark in marks.items():
        rows = model.history.model.objects.filter(  # type: ignore[attr-defined]
            history_id__gt=mark, organisation_id=organisation.pk
        )
        rows.update(history_user=user, history_change_reason=source[:100] or None)


def _contract_days(rows: list[WorkerRow]) -> set[dt.date]:
    """The days the imported contracts and certificates change the workforce."""
    one_day = dt.timedelta(days=1)
    days = {row.employment.started_on for row in rows}
    days |= {d + one_day for d in non_null(row.employment.ended_on for row in rows)}
    certificates = [row.certificate for row in rows if row.certificate is not None]
    days |= {c.issued_on for c in certificates}
    days |= {d + one_day for d in non_null(c.expires_on for c in certificates)}
    return days


def _parse_rows(table: Table, result: ImportResult) -> list[WorkerRow]:
    rows = []
    for raw in table.rows:
        row, errors = parse_worker(raw)
        result.errors.extend(errors)
        if row is not None:
            rows.append(row)
    result.errors.extend(duplicate_errors(table.rows))
    return rows
