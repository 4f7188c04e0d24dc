"""The one entry point through which any app has a change vetted before it saves it.

Compliance reads the facts of the registry, the workforce, home care and governance, so it sits
above them and they cannot import it. They describe a planned change with plain values (ids,
codes, dates: no ORM object) and call ``vet_change`` inside the transaction that saves it. The
vetter behind it is named by the setting ``FRAGOLA_CHANGE_VETTER`` (the compliance app's
``fragola.compliance.vetting.ComplianceVetter``), made once and kept. ``vet_change`` refuses the
change with the rules it would breach (or breach further), unless an override reason is given,
which the vetter records with who and why. ``recheck`` asks for a fresh check once a fact
changed that needs no vetting (a certificate recorded, an import). ``breaches_on`` tells an
import which rules a co-op's book breached on given days (ids and sentences, no ORM object).

With the setting empty or unset (no compliance app) nothing is vetted.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

ChangeKind = Literal["admit", "exit", "hire", "end"]


@dataclass(frozen=True, kw_only=True)
class PlannedChange:
    """A change about to be saved, in plain values.

    ``on`` is the admission day, the exit day (the first day off the book, as the registry
    stores it), the first day worked or the last day worked. ``subject_type`` and
    ``subject_id`` name what an override is recorded against (``registry.membership``,
    ``registry.person``, ``workforce.employment``); ``person_id`` is whose contract it is.
    """

    kind: ChangeKind
    organisation_id: int
    on: dt.date
    subject_type: str
    subject_id: int
    member_category: str = ""  # admissions: the registry's category code
    person_id: int | None = None  # hires and ends of contract
    branch: str = ""  # hires: "A" or "B"
    contract: str = ""  # hires: the workforce contract code
    ended_on: dt.date | None = None  # hires of a fixed term: the last day worked
    is_member: bool | None = None  # hires: None when the membership decides


class ChangeVetter(Protocol):
    def vet(
        self, change: PlannedChange, *, actor_id: int | None, override_reason: str, field: str
    ) -> None: ...

    def recheck(self, organisation_id: int) -> None: ...

    def breaches_on(
        self, organisation_id: int, days: Sequence[dt.date], beat: Callable[[int], None]
    ) -> list[dict[str, str]]: ...


@functools.cache
def installed_vetter() -> ChangeVetter | None:
    """The vetter the setting names (made once), or None when the setting is empty or unset."""
    path = getattr(settings, "FRAGOLA_CHANGE_VETTER", "")
    if not path:
        return None
    factory: Callable[[], ChangeVetter] = import_string(path)
    return factory()


@receiver(setting_changed)
def _forget_vetter(*, setting: str, **_: Any) -> None:
    if setting == "FRAGOLA_CHANGE_VETTER":
        installed_vetter.cache_clear()


def vet_change(
    change: PlannedChange, *, actor_id: int | None, override_reason: str, field: str
) -> None:
    """Refuse the change (``ValidationError`` on ``field``) or let it through, recording overrides.

    Call it inside the transaction that saves the change: the vetter locks the organisation so
    that vetting and saving are one step per co-op.
    """
    vetter = installed_vetter()
    if vetter is not None:
        vetter.vet(change, actor_id=actor_id, override_reason=override_reason, field=field)


def recheck(organisation_id: int) -> None:
    """Check the organisation again once the current transaction commits."""
    vetter = installed_vetter()
    if vetter is not None:
        vetter.recheck(organisation_id)


def breaches_on(
    organisation_id: int,
    days: Sequence[dt.date],
    beat: Callable[[int], None] = lambda percent: None,
) -> list[dict[str, str]]:
    """For each of ``days``, the rules the organisation breached then: rule id -> explanation.

    ``beat`` is told the percentage done. Without a vetter nothing is in breach.
    """
    vetter = installed_vetter()
    if vetter is None:
        return [{} for _day in days]
    return vetter.breaches_on(organisation_id, days, beat)
