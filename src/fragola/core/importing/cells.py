"""Typed reading of one row's cells, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.functional import Promise

from fragola.core.importing import messages as msg
from fragola.core.importing.result import RowError
from fragola.core.importing.table import RawRow

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
CENT = Decimal("0.01")


def fold(value: str) -> str:
    """Lower case, no accents, words joined by ``_``: how choices are compared."""
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "_".join(plain.lower().replace("-", " ").replace("'", " ").split())


class Cells:
    """One row's cells; each reader returns a typed value or records an error and returns empty."""

    def __init__(self, raw: RawRow) -> None:
        self.raw = raw
        self.errors: list[RowError] = []

    def fail(self, column: str, message: str | Promise, **params: object) -> None:
        text = str(message) % params if params else str(message)
        self.errors.append(RowError(self.raw.number, column, text))

    def failed(self, column: str) -> bool:
        return any(error.field == column for error in self.errors)

    def text(self, column: str, *, required: bool = False, max_length: int = 255) -> str:
        value = " ".join(self.raw.get(column).split())
        if required and not value:
            self.fail(column, msg.ERR_REQUIRED)
        elif len(value) > max_length:
            self.fail(column, msg.ERR_TOO_LONG, max=max_length)
        return value

    def code(self, column: str, *, required: bool = False) -> str:
        value = "".join(self.raw.get(column).split()).upper()
        if required and not value:
            self.fail(column, msg.ERR_REQUIRED)
        return value

    def date(self, column: str, *, required: bool = False) -> dt.date | None:
        value = self.raw.get(column)
        if not value:
            if required:
                self.fail(column, msg.ERR_REQUIRED)
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.fail(column, msg.ERR_DATE)
        return parsed

    def amount(self, column: str) -> Decimal:
        value = self.raw.get(column)
        if not value:
            return Decimal("0.00")
        parsed = parse_decimal(value)
        if parsed is None:
            self.fail(column, msg.ERR_DECIMAL)
        elif parsed < 0:
            self.fail(column, msg.ERR_NEGATIVE)
        elif parsed != parsed.quantize(CENT):
            self.fail(column, msg.ERR_CENTS)
        else:
            return parsed.quantize(CENT)
        return Decimal("0.00")

    def positive_int(self, column: str) -> int | None:
        value = self.raw.get(column)
        if not value:
            return None
        if not value.isdigit() or int(value) == 0:
            self.fail(column, msg.ERR_INTEGER)
            return None
        return int(value)

    def choice(self, column: str, aliases: Mapping[str, str], *, required: bool = False) -> str:
        """The canonical value of a choice written in any of its accepted spellings."""
        value = self.raw.get(column)
        if not value:
            if required:
                self.fail(column, msg.ERR_REQUIRED)
            return ""
        canonical = aliases.get(fold(value))
        if canonical is None:
            shown = ", ".join(sorted(set(aliases.values())))
            self.fail(column, msg.ERR_CHOICE, choices=shown)
            return ""
        return canonical

    def email(self, column: str) -> str:
        value = self.text(column, max_length=254)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.fail(column, msg.ERR_EMAIL)
        return value

    def istat_code(self, column: str, *, required: bool = False, digits: int = 6) -> str:
        value = self.code(column, required=required)
        return value.zfill(digits) if value.isdigit() else value


def parse_date(value: str) -> dt.date | None:
    text = value.strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:  # YYYY-MM-DD, the common case, without strptime's cost (a large file has many)
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    for date_format in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), date_format).date()
        except ValueError:
            continue
    return None


def parse_decimal(value: str) -> Decimal | None:
    """``1234.56``, ``1234,56``, ``1.234,56`` and ``1,234.56`` are all the same amount."""
    text = value.replace(" ", "").replace("\u00a0", "").removeprefix("€").removesuffix("€")
    if "," in text and "." in text:
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "")
    text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
