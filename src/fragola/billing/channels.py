"""How an invoice file reaches the SdI: channels behind one interface.

- `FolderExport` (the default): writes the file into a folder the co-op's intermediary or PEC
  mailbox picks up; the SdI's answers come back through `fragola billing notifications import`.
- `SimulatedSdi`: the built-in SdI (`notifications.Simulator`) used by the demo and the tests;
  it answers at once and its notification is imported like any other.

A channel never overwrites a file: a name that exists already is an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from fragola.billing import notifications as sdi
from fragola.billing.models import ReceivedFile, SentFile
from fragola.billing.services import notification_import


class Channel(Protocol):
    def transmit(self, sent: SentFile, *, at: dt.datetime) -> list[ReceivedFile]:
        """Hand the file over; return the notifications already received (often none)."""
        ...


@dataclass
class FolderExport:
    folder: Path

    def transmit(self, sent: SentFile, *, at: dt.datetime) -> list[ReceivedFile]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / sent.name).open("xb") as out:  # "x": never overwrite
            out.write(bytes(sent.content))
        return []


@dataclass
class SimulatedSdi:
    simulator: sdi.Simulator = field(default_factory=sdi.Simulator)
    deliverable: bool = True

    def transmit(self, sent: SentFile, *, at: dt.datetime) -> list[ReceivedFile]:
        answer = self.simulator.submit(
            sent.name, bytes(sent.content), at=at, deliverable=self.deliverable
        )
        return [notification_import(name=answer.name, data=answer.data, received_at=at)]
