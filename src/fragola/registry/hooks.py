"""Checks that other apps plug into registry changes, without the registry importing them.

The compliance app registers a check that evaluates Law 381 before an admission or an exit is
saved (what-if). A check returns the reasons the change would break a rule; the service refuses
the change with those reasons unless the user records an override, which is then handed to the
registered override recorders (who, why, which reasons).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from fragola.registry.models import Membership

ChangeKind = Literal["admit", "exit"]


@dataclass(frozen=True, kw_only=True)
class PlannedChange:
    kind: ChangeKind
    membership: Membership
    on: dt.date


@dataclass(frozen=True, kw_only=True)
class Objection:
    rule: str
    message: str


ChangeCheck = Callable[[PlannedChange], list[Objection]]
OverrideRecorder = Callable[[PlannedChange, list[Objection], "User | None", str], None]

_checks: list[ChangeCheck] = []
_recorders: list[OverrideRecorder] = []


def register_change_check(check: ChangeCheck) -> ChangeCheck:
    if check not in _checks:
        _checks.append(check)
    return check


def register_override_recorder(recorder: OverrideRecorder) -> OverrideRecorder:
    if recorder not in _recorders:
        _recorders.append(recorder)
    return recorder


def objections_to(change: PlannedChange) -> list[Objection]:
    return [objection for check in _checks for objection in check(change)]


def vet_change(
    change: PlannedChange, *, actor: User | None, override_reason: str, field: str
) -> None:
    """Refuse the change if a check objects, unless an override reason is given (then record it)."""
    objections = objections_to(change)
    if not objections:
        return
    if not override_reason.strip():
        raise ValidationError(
            {field: [f"{o.rule}: {o.message}" for o in objections]}, code="compliance"
        )
    for recorder in _recorders:
        recorder(change, objections, actor, override_reason.strip())
