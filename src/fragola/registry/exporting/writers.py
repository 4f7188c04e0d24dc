"""Tables of cells to CSV or XLSX bytes, the shape the importers read back: now in
``fragola.core.exports``, named here for the import templates."""

from __future__ import annotations

from fragola.core.exports import (
    CSV_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Cell,
    csv_text,
    to_csv,
    to_xlsx,
)

__all__ = [
    "CSV_CONTENT_TYPE",
    "PDF_CONTENT_TYPE",
    "XLSX_CONTENT_TYPE",
    "Cell",
    "csv_text",
    "to_csv",
    "to_xlsx",
]
