"""A tender file as an Excel workbook, read into the same dict as the JSON file.

Sheets (names in English, as the JSON keys):

- ``tender``: one field per row, its JSON path in column A (``base_amount``,
  ``technical.points``, ``technical.reparametrise``, ``price.formula``, ``price.x``...), its value
  in column B;
- ``criteria``: header ``id | points``, one criterion per row;
- ``bids``: header ``bidder | price``, one bid per row;
- ``coefficients``: header ``bidder | criterion | …`` then one column per commissioner, one
  row per bid and criterion (empty cells are skipped).

Problems are then named as for the JSON file (``bids[2] (Alfa).coefficients.B[1]``).
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from fragola.procurement.scoring import messages as m
from fragola.procurement.scoring.spec import Problem, SpecError

SHEETS = ("tender", "criteria", "bids", "coefficients")


def _cell(value: Any) -> Any:
    if isinstance(value, float):  # a spreadsheet's number: its shortest decimal spelling
        return Decimal(repr(value)) if value != int(value) else int(value)
    if isinstance(value, str):
        return value.strip() or None
    return value


def _rows(sheet: Worksheet) -> list[list[Any]]:
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return [row for row in rows if any(v is not None for v in row)]


def _records(sheet: Worksheet) -> list[dict[str, Any]]:
    rows = _rows(sheet)
    if not rows:
        return []
    header = [str(v).strip().lower() if v is not None else "" for v in rows[0]]
    return [
        {k: v for k, v in zip(header, row, strict=False) if k and v is not None} for row in rows[1:]
    ]


def _settings(sheet: Worksheet) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for row in _rows(sheet):
        if not row or row[0] is None:
            continue
        value = row[1] if len(row) > 1 else None
        *parents, leaf = str(row[0]).strip().split(".")
        target = data
        for key in parents:
            target = target.setdefault(key, {})
        target[leaf] = value
    return data


def tender_from_xlsx(content: bytes) -> dict[str, Any]:
    """The workbook as the JSON file's dict; ``SpecError`` if it is no workbook or lacks a sheet."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise SpecError([Problem("(file)", m.ERR_NOT_A_WORKBOOK)]) from exc
    missing = [name for name in SHEETS if name not in book.sheetnames]
    if missing:
        problems = [Problem(name, m.ERR_MISSING_SHEET, {"sheet": name}) for name in missing]
        raise SpecError(problems)
    data = _settings(book["tender"])
    data["criteria"] = _records(book["criteria"])
    bids = _records(book["bids"])
    by_bidder = {str(b.get("bidder")): b for b in bids}
    for bid in bids:
        bid["coefficients"] = {}
    for row in _rows(book["coefficients"])[1:]:
        bidder, criterion, *marks = [*row, None, None]
        owner = by_bidder.get(str(bidder))
        if owner is not None and criterion is not None:
            owner["coefficients"][str(criterion)] = [v for v in marks if v is not None]
    data["bids"] = bids
    return data
