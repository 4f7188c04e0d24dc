"""Export of the members' book (CSV and XLSX with the import columns, printable PDF) and the
downloadable templates of the import files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from fragola.registry import selectors
from fragola.registry.exporting.book import book_lines, book_rows_queryset
from fragola.registry.exporting.pdf import book_pdf
from fragola.registry.exporting.writers import (
    CSV_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    to_csv,
    to_xlsx,
)
from fragola.registry.importing.columns import MEMBER_COLUMNS
from fragola.registry.models import Organisation

FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE, "pdf": PDF_CONTENT_TYPE}


@dataclass(frozen=True)
class Export:
    filename: str
    content_type: str
    content: bytes


def export_book(
    *, organisation: Organisation, filters: selectors.BookFilter, file_format: str
) -> Export:
    """The book in ``file_format`` (csv, xlsx or pdf), honouring the book page's filters."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown export format: {file_format}")
    day = filters.as_of or timezone.localdate()
    content = _render(organisation, filters, file_format, day)
    return Export(
        filename=book_filename(organisation, day, file_format),
        content_type=CONTENT_TYPES[file_format],
        content=content,
    )


def _render(
    organisation: Organisation, filters: selectors.BookFilter, file_format: str, day: dt.date
) -> bytes:
    if file_format == "pdf":
        memberships = list(book_rows_queryset(organisation, filters))
        return book_pdf(organisation=organisation, memberships=memberships, as_of=day)
    lines = book_lines(organisation, filters)
    if file_format == "xlsx":
        return to_xlsx(MEMBER_COLUMNS, lines, title="libro soci")
    return to_csv(MEMBER_COLUMNS, lines)


def book_filename(organisation: Organisation, day: dt.date, file_format: str) -> str:
    return f"libro-soci-{slugify(organisation.name)}-{day.isoformat()}.{file_format}"


__all__ = ["FORMATS", "Export", "book_filename", "export_book"]
