"""Read a CSV or XLSX file into rows of text keyed by column name.

Rows are numbered as the spreadsheet shows them (the header is row 1), so that a user can find
the line an error speaks of. Every cell becomes text here; typing is the row validators' job.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from fragola.core.importing import messages as msg
from fragola.core.importing.result import FileProblem, RowError

XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class RawRow:
    number: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[RawRow]


def file_format(filename: str, content: bytes) -> str:
    """``csv`` or ``xlsx``, by extension and, failing that, by content."""
    name = filename.lower()
    if name.endswith(".xlsx") or content.startswith(XLSX_MAGIC):
        return "xlsx"
    if name.endswith((".csv", ".txt")) or not name:
        return "csv"
    raise FileProblem([RowError(1, "file", str(msg.ERR_FILE_FORMAT))])


def read_table(
    content: bytes, filename: str, *, columns: Sequence[str], required: Iterable[str]
) -> Table:
    """Parse the file and check its header against the expected ``columns``."""
    lines = (
        _xlsx_lines(content) if file_format(filename, content) == "xlsx" else _csv_lines(content)
    )
    numbered = iter(lines)
    header_line = next(numbered, None)
    if header_line is None or not any(_text(cell) for cell in header_line):
        raise FileProblem([RowError(1, "file", str(msg.ERR_FILE_EMPTY))])
    header = [normalise_column(_text(cell)) for cell in header_line]
    _check_header(header, columns, required)
    rows = list(_rows(header, numbered))
    if not rows:
        raise FileProblem([RowError(2, "file", str(msg.ERR_FILE_NO_ROWS))])
    return Table(header=header, rows=rows)


def normalise_column(name: str) -> str:
    return "_".join(name.strip().lstrip("\ufeff").lower().replace("-", " ").split())


def _check_header(header: list[str], columns: Sequence[str], required: Iterable[str]) -> None:
    errors = [
        RowError(1, name, str(msg.ERR_MISSING_COLUMN)) for name in required if name not in header
    ]
    seen: set[str] = set()
    for name in header:
        if name and name not in columns:
            errors.append(RowError(1, name, str(msg.ERR_UNKNOWN_COLUMN)))
        elif name in seen:
            errors.append(RowError(1, name, str(msg.ERR_DUPLICATE_COLUMN)))
        seen.add(name)
    if errors:
        raise FileProblem(errors)


def _rows(header: list[str], lines: Iterator[Sequence[Any]]) -> Iterator[RawRow]:
    for number, line in enumerate(lines, start=2):
        cells = [_text(cell) for cell in line]
        if not any(cell.strip() for cell in cells):
            continue  # blank lines keep their number but are not rows
        values = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name}
        yield RawRow(number=number, values=values)


def _csv_lines(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem([RowError(1, "file", str(msg.ERR_FILE_ENCODING))]) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise FileProblem([RowError(1, "file", str(msg.ERR_FILE_UNREADABLE))]) from exc


def _xlsx_lines(content: bytes) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook  # imported here: a CSV import need not pay for it

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            return list(workbook.worksheets[0].iter_rows(values_only=True))
        finally:
            workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as exc:
        raise FileProblem([RowError(1, "file", str(msg.ERR_FILE_UNREADABLE))]) from exc


def _text(value: object) -> str:
    """A cell as the text a user typed: dates ISO, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def duplicate_column_errors(
    rows: list[RawRow], column: str, message: str | Promise, *, ignore_zeros: bool = False
) -> list[RowError]:
    """Each later row repeating a value of ``column`` is an error that names the first row."""
    errors: list[RowError] = []
    first_seen: dict[str, int] = {}
    for raw in rows:
        key = "".join(raw.get(column).split()).upper()
        key = key.lstrip("0") if ignore_zeros else key
        if not key:
            continue
        if key in first_seen:
            params = {"row": first_seen[key], "number": raw.get(column)}
            errors.append(RowError(raw.number, column, str(message) % params))
        else:
            first_seen[key] = raw.number
    return errors
