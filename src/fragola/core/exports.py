"""Tables to CSV and XLSX (through tablib), safe to open in a spreadsheet.

Every export of Fragola goes through here: ``to_csv``/``to_xlsx`` give bytes, ``table_response``
an attachment. A cell that a spreadsheet would run as a formula (a member called
``=HYPERLINK("http://…")``) is neutralised: in XLSX it is stored as text, in CSV it gets a
leading apostrophe, the escape spreadsheets themselves use. Numbers and phone numbers such as
``+39 035 000000`` are left alone: they cannot call anything.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import tablib
from django.http import HttpResponse

Cell = str | int | float | Decimal | dt.date | None

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_CONTENT_TYPE = "application/pdf"

# What a spreadsheet reads as the start of a formula (OWASP's list: = + - @, tab, return).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A leading sign followed only by digits and separators is a number or a phone number.
PLAIN_NUMBER = re.compile(r"^[+-][\d\s.,()/]*$")


def is_formula(text: str) -> bool:
    return text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text)


def csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return str(value)


def _dataset(header: Sequence[str], rows: Iterable[Sequence[object]], title: str = "") -> Any:
    dataset = tablib.Dataset(headers=list(header), title=title[:31] or None)
    for row in rows:
        dataset.append(list(row))
    return dataset


def as_text(row: Iterable[object]) -> list[str]:
    """Cells written as Python writes them (``None`` empty), for exports that never rounded."""
    return ["" if value is None else str(value) for value in row]


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]], *, bom: bool = True) -> bytes:
    """UTF-8, comma separated, CRLF; with a BOM by default, so that Excel reads accents right."""
    dataset = _dataset(header, ([csv_text(value) for value in row] for row in rows))
    text = dataset.export("csv", lineterminator="\r\n")
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence[Cell]], *, title: str) -> bytes:
    """One sheet; codes stay text (leading zeros), dates are dates, amounts are numbers."""
    from openpyxl import Workbook  # imported here: a CSV export need not pay for it
    from tablib.formats._xlsx import XLSXFormat

    dataset = _dataset(header, ([_xlsx_cell(value) for value in row] for row in rows), title)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    XLSXFormat.dset_sheet(dataset, sheet, freeze_panes=False)
    _format_cells(sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_cell(value: Cell) -> str | int | float | dt.date | None:
    if isinstance(value, Decimal):
        return float(value)
    return value if value != "" else None


def _format_cells(sheet: Any) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                # openpyxl takes any text starting with "=" for a formula: keep it as text.
                cell.data_type = "s"
            if cell.row == 1:
                continue
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, float):
                cell.number_format = "0.00"
            elif isinstance(cell.value, str):
                cell.number_format = "@"


def table_response(
    filename: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    file_format: str = "csv",
    title: str = "",
    bom: bool = True,
) -> HttpResponse:
    """A table as a downloadable CSV or XLSX attachment named ``filename``."""
    if file_format == "xlsx":
        content, content_type = to_xlsx(header, rows, title=title or "export"), XLSX_CONTENT_TYPE
    else:
        content, content_type = to_csv(header, rows, bom=bom), CSV_CONTENT_TYPE
    return attachment(content, content_type, filename)


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A download of ``content`` (an export already made) named ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
