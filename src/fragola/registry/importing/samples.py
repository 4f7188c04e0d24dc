"""Downloadable templates of the import files: the header and one example row."""

from __future__ import annotations

from collections.abc import Sequence

from fragola.registry.exporting.writers import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Cell,
    to_csv,
    to_xlsx,
)
from fragola.registry.importing.columns import COOP_COLUMNS, MEMBER_COLUMNS

SAMPLE_ROWS: dict[str, tuple[Sequence[str], list[Cell]]] = {
    "members": (
        MEMBER_COLUMNS,
        [
            1, "lavoratore", "RSSGLI85C52A794A", "Giulia", "Rossi", "", "1985-03-12", "F",
            "016024", "giulia.rossi@example.org", "+39 035 000000", "2024-01-15", "2024-02-01",
            "", "", "250.00", "250.00",
        ],
    ),
    "coops": (
        COOP_COLUMNS,
        [
            "01234560165", "Esempio Cooperativa Sociale", "A", "srl", "2010-06-01", "016024",
            "03", "A", "A-123", "2010-09-15", "07654320162", "2015-01-01",
        ],
    ),
}  # fmt: skip
KINDS = tuple(SAMPLE_ROWS)
SAMPLE_FORMATS = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}


def sample_file(kind: str, file_format: str) -> tuple[str, str, bytes]:
    """File name, content type and content of the template for ``kind`` (members or coops)."""
    header, example = SAMPLE_ROWS[kind]
    if file_format == "xlsx":
        content = to_xlsx(header, [example], title=kind)
    else:
        content = to_csv(header, [example])
    return f"fragola-{kind}-template.{file_format}", SAMPLE_FORMATS[file_format], content
