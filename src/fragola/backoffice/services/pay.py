"""Pay figures back from the payroll provider: one worker's month (or year), and the file import.

``fragola import pay --coop FISCAL_CODE FILE``: columns ``fiscal_code, year, month`` (empty for a
yearly total) ``, gross_pay_eur, labour_cost_eur, contract_percent``. All or nothing, like every
import (``core.importing``): a row matches the co-op's person by fiscal code and updates the
figures already recorded for that worker and period.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fragola.backoffice.models import PayRecord
from fragola.core.importing import messages as msg
from fragola.core.importing.cells import Cells, parse_decimal
from fragola.core.importing.result import FileProblem, ImportResult, Outcome
from fragola.core.importing.runner import all_or_nothing, attempt
from fragola.core.importing.table import read_table
from fragola.registry.models import Organisation, Person

PAY_COLUMNS = (
    "fiscal_code", "year", "month", "gross_pay_eur", "labour_cost_eur", "contract_percent",
)  # fmt: skip
PAY_REQUIRED = ("fiscal_code", "year", "gross_pay_eur", "labour_cost_eur", "contract_percent")
FIELD_COLUMNS = {
    "person": "fiscal_code",
    "gross_pay": "gross_pay_eur",
    "labour_cost": "labour_cost_eur",
}

ERR_PAY_NO_PERSON = _("No person of this co-operative has this fiscal code.")
ERR_PAY_YEAR = _("Not a year: write e.g. 2025.")
ERR_PAY_MONTH = _("Not a month: write 1 to 12, or leave it empty for the whole year.")
ERR_PAY_NEGATIVE = _("The amount cannot be negative.")
ERR_PAY_PERCENT = _("The contract is a percentage of full time, above 0 and at most 100.")
ERR_PAY_REPEATED = _("This worker and period are already on row %(row)d.")


@dataclass(frozen=True)
class PayData:
    year: int
    month: int | None
    gross_pay: Decimal
    labour_cost: Decimal
    contract_percent: Decimal


def _check(data: PayData) -> None:
    errors: dict[str, object] = {}
    if not 1900 <= data.year <= 2200:
        errors["year"] = ERR_PAY_YEAR
    if data.month is not None and not 1 <= data.month <= 12:
        errors["month"] = ERR_PAY_MONTH
    if data.gross_pay < 0:
        errors["gross_pay"] = ERR_PAY_NEGATIVE
    if data.labour_cost < 0:
        errors["labour_cost"] = ERR_PAY_NEGATIVE
    if not 0 < data.contract_percent <= 100:
        errors["contract_percent"] = ERR_PAY_PERCENT
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def pay_record(
    *, organisation: Organisation, person: Person, data: PayData
) -> tuple[PayRecord, Outcome]:
    """Record (or update) a worker's pay for a month or a year."""
    if person.organisation_id != organisation.pk:
        raise ValidationError({"person": ERR_PAY_NO_PERSON})
    _check(data)
    values = {
        "gross_pay": data.gross_pay,
        "labour_cost": data.labour_cost,
        "contract_percent": data.contract_percent,
    }
    found = PayRecord.objects.filter(person=person, year=data.year, month=data.month).first()
    if found is None:
        created = PayRecord.objects.create(
            organisation=organisation, person=person, year=data.year, month=data.month, **values
        )
        return created, Outcome.CREATED
    if all(getattr(found, name) == value for name, value in values.items()):
        return found, Outcome.UNCHANGED
    for name, value in values.items():
        setattr(found, name, value)
    found.save(update_fields=[*values, "updated_at"])
    return found, Outcome.UPDATED


def _whole(cells: Cells, column: str, message: object, low: int, high: int) -> int | None:
    text = cells.raw.get(column)
    if not text:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        cells.fail(column, str(message))
        return None
    return int(text)


def _percent(cells: Cells) -> Decimal:
    value = parse_decimal(cells.raw.get("contract_percent"))
    if value is None or not 0 < value <= 100:
        cells.fail("contract_percent", ERR_PAY_PERCENT)
        return Decimal(100)
    return value


def _parse(cells: Cells) -> PayData:
    year = _whole(cells, "year", ERR_PAY_YEAR, 1900, 2200)
    if year is None and not cells.failed("year"):
        cells.fail("year", ERR_PAY_YEAR)
    month = _whole(cells, "month", ERR_PAY_MONTH, 1, 12)
    for column in ("gross_pay_eur", "labour_cost_eur"):
        if not cells.raw.get(column):
            cells.fail(column, msg.ERR_REQUIRED)
    return PayData(
        year=year or 0,
        month=month,
        gross_pay=cells.amount("gross_pay_eur"),
        labour_cost=cells.amount("labour_cost_eur"),
        contract_percent=_percent(cells),
    )


def import_pay(
    *, organisation: Organisation, content: bytes, filename: str, dry_run: bool
) -> ImportResult:
    result = ImportResult(dry_run=dry_run)
    try:
        table = read_table(content, filename, columns=PAY_COLUMNS, required=PAY_REQUIRED)
    except FileProblem as exc:
        result.errors.extend(exc.errors)
        return result
    people = {p.fiscal_code: p for p in Person.objects.filter(organisation=organisation)}
    first_row: dict[tuple[str, str, str], int] = {}
    with all_or_nothing(result):
        for raw in table.rows:
            cells = Cells(raw)
            code = cells.code("fiscal_code", required=True)
            data = _parse(cells)
            key = (code, raw.get("year"), raw.get("month").lstrip("0"))
            if key in first_row:
                cells.fail("fiscal_code", ERR_PAY_REPEATED, row=first_row[key])
            first_row.setdefault(key, raw.number)
            person = people.get(code)
            if code and person is None:
                cells.fail("fiscal_code", ERR_PAY_NO_PERSON)
            if cells.errors or person is None:
                result.errors.extend(cells.errors)
                continue
            write = partial(pay_record, organisation=organisation, person=person, data=data)
            found = attempt(
                result, raw.number, write, columns=FIELD_COLUMNS, default_column="fiscal_code"
            )
            if found is not None:
                result.count(found[1])
    return result
