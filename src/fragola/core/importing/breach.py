"""A past breach found in an imported book: which rule, from when, until when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Breach:
    """A rule in breach from ``start`` to ``end`` (``None``: still in breach on the last day)."""

    rule: str
    start: dt.date
    end: dt.date | None
    explanation: str = ""

    def to_json(self) -> dict[str, str | None]:
        return {
            "rule": self.rule,
            "from": self.start.isoformat(),
            "to": self.end.isoformat() if self.end else None,
            "explanation": self.explanation,
        }

    @classmethod
    def from_json(cls, data: dict[str, str | None]) -> Breach:
        end = data.get("to")
        return cls(
            rule=str(data["rule"]),
            start=dt.date.fromisoformat(str(data["from"])),
            end=dt.date.fromisoformat(end) if end else None,
            explanation=str(data.get("explanation") or ""),
        )
