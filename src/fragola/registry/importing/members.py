"""Rows of the members' book file: typed and checked before anything touches the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from fragola.core.importing.cells import Cells
from fragola.core.importing.result import RowError, errors_from_validation
from fragola.core.importing.table import RawRow, duplicate_column_errors
from fragola.core.italy.codes import validate_person_fiscal_code
from fragola.registry.importing import messages as msg
from fragola.registry.importing.columns import CATEGORY_ALIASES, EXIT_ALIASES, SEX_ALIASES
from fragola.registry.models import Comune, MemberCategory, PersonKind
from fragola.registry.services import PersonData

# Where the services' field names appear in the file.
MEMBER_FIELD_COLUMNS = {
    "comune": "comune_istat",
    "shares_subscribed": "shares_subscribed_eur",
    "amount": "shares_paid_eur",
    "rejected_on": "admitted_on",
}


@dataclass(frozen=True, kw_only=True)
class MemberRow:
    number: int
    member_number: int | None
    category: str
    person: PersonData
    applied_on: dt.date
    admitted_on: dt.date | None
    exited_on: dt.date | None
    exit_reason: str
    subscribed: Decimal
    paid: Decimal

    @property
    def fiscal_code(self) -> str:
        return self.person.fiscal_code


def parse_member(raw: RawRow, comuni: dict[str, Comune]) -> tuple[MemberRow | None, list[RowError]]:
    cells = Cells(raw)
    category = cells.choice("category", CATEGORY_ALIASES, required=True)
    person = _person(cells, category, comuni)
    row = MemberRow(
        number=raw.number,
        member_number=cells.positive_int("member_number"),
        category=category,
        person=person,
        applied_on=cells.date("applied_on", required=True) or dt.date.min,
        admitted_on=cells.date("admitted_on"),
        exited_on=cells.date("exited_on"),
        exit_reason=cells.choice("exit_reason", EXIT_ALIASES),
        subscribed=cells.amount("shares_subscribed_eur"),
        paid=cells.amount("shares_paid_eur"),
    )
    _check_book_dates(cells, row)
    _check_capital(cells, row)
    return (None if cells.errors else row), cells.errors


def _person(cells: Cells, category: str, comuni: dict[str, Comune]) -> PersonData:
    is_legal = category == MemberCategory.LEGAL_PERSON
    kind = PersonKind.LEGAL if is_legal else PersonKind.NATURAL
    data = PersonData(
        kind=kind,
        fiscal_code=cells.code("fiscal_code", required=True),
        first_name=cells.text("first_name", required=not is_legal, max_length=100),
        last_name=cells.text("last_name", required=not is_legal, max_length=100),
        legal_name=cells.text("legal_name", required=is_legal),
        birth_date=cells.date("birth_date"),
        sex=cells.choice("sex", SEX_ALIASES),
        comune=_comune(cells, comuni),
        email=cells.email("email"),
        phone=cells.text("phone", max_length=30),
    )
    if data.fiscal_code and not cells.failed("category"):
        _check_fiscal_code(cells, data)
    return data


def _comune(cells: Cells, comuni: dict[str, Comune]) -> Comune | None:
    code = cells.istat_code("comune_istat")
    if code and code not in comuni:
        cells.fail("comune_istat", msg.ERR_COMUNE)
    return comuni.get(code)


def _check_fiscal_code(cells: Cells, data: PersonData) -> None:
    """Well formed, and consistent with the birth date and sex given on the same row."""
    try:
        validate_person_fiscal_code(
            kind=data.kind, fiscal_code=data.fiscal_code, birth_date=data.birth_date, sex=data.sex
        )
    except ValidationError as exc:
        for error in errors_from_validation(cells.raw.number, exc, {}, "fiscal_code"):
            if not cells.failed(error.field):
                cells.errors.append(error)


def _check_book_dates(cells: Cells, row: MemberRow) -> None:
    if row.member_number and not row.admitted_on and not cells.failed("admitted_on"):
        cells.fail("member_number", msg.ERR_NUMBER_WITHOUT_ADMISSION)
    if row.admitted_on and not row.member_number and not cells.failed("member_number"):
        cells.fail("member_number", msg.ERR_ADMISSION_WITHOUT_NUMBER)
    if row.admitted_on and row.admitted_on < row.applied_on:
        cells.fail("admitted_on", msg.ERR_ADMITTED_BEFORE_APPLIED)
    if row.exited_on and not row.admitted_on and not cells.failed("admitted_on"):
        cells.fail("exited_on", msg.ERR_EXIT_WITHOUT_ADMISSION)
    if row.exited_on and row.admitted_on and row.exited_on < row.admitted_on:
        cells.fail("exited_on", msg.ERR_EXITED_BEFORE_ADMITTED)
    if row.exited_on and not row.exit_reason and not cells.failed("exit_reason"):
        cells.fail("exit_reason", msg.ERR_EXIT_WITHOUT_REASON)
    if row.exit_reason and not row.exited_on and not cells.failed("exited_on"):
        cells.fail("exit_reason", msg.ERR_REASON_WITHOUT_EXIT)


def _check_capital(cells: Cells, row: MemberRow) -> None:
    if row.paid > row.subscribed:
        cells.fail("shares_paid_eur", msg.ERR_PAID_OVER_SUBSCRIBED)


def duplicate_errors(rows: list[RawRow]) -> list[RowError]:
    """Member numbers and fiscal codes must each appear once in the file."""
    return [
        *duplicate_column_errors(
            rows, "member_number", msg.ERR_DUPLICATE_NUMBER, ignore_zeros=True
        ),
        *duplicate_column_errors(rows, "fiscal_code", msg.ERR_DUPLICATE_FISCAL_CODE),
    ]
