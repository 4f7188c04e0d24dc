"""What an import reports: counts of rows created, updated and unchanged, and every error."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError

from fragola.core.importing.breach import Breach


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
    # Past breaches of the rules the imported facts show (found after a real import).
    breaches: list[Breach] = field(default_factory=list)

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

    def to_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [[e.row, e.field, e.reason] for e in self.sorted_errors()],
            "breaches": [b.to_json() for b in self.breaches],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportResult:
        return cls(
            dry_run=bool(data.get("dry_run")),
            created=int(data.get("created", 0)),
            updated=int(data.get("updated", 0)),
            unchanged=int(data.get("unchanged", 0)),
            errors=[RowError(int(r), str(f), str(t)) for r, f, t in data.get("errors", [])],
            breaches=[Breach.from_json(b) for b in data.get("breaches", [])],
        )


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
