"""What an import reports: counts of rows created, updated and unchanged, and every error."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import ValidationError


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class RowError:
    """One problem in one cell: row as the spreadsheet shows it (header = 1), column, reason."""

    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.field}: {self.reason}"


@dataclass
class ImportResult:
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    def sorted_errors(self) -> list[RowError]:
        return sorted(self.errors, key=lambda error: error.row)


class FileProblem(Exception):
    """The file as a whole cannot be imported (format, encoding, header)."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


def errors_from_validation(
    row: int, exc: ValidationError, columns: dict[str, str], default: str
) -> list[RowError]:
    """A service's ValidationError as row errors, its field names mapped to the file's columns."""
    if not hasattr(exc, "error_dict"):
        return [RowError(row, default, message) for message in exc.messages]
    return [
        RowError(row, columns.get(name, name if name != "__all__" else default), message)
        for name, messages in exc.message_dict.items()
        for message in messages
    ]
