"""What-if: compare results before and after a proposed change (an admission, an exit, a hire)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from .engine import RULES_BY_ID, evaluate
from .enums import Status
from .params import DEFAULT_SCHEDULE, Parameters, ParameterSchedule, Settings
from .result import RuleResult
from .snapshot import CoopSnapshot, Employment, Member

Change = Callable[[CoopSnapshot], CoopSnapshot]


@dataclass(frozen=True)
class WhatIf:
    before: list[RuleResult]
    after: list[RuleResult]

    def _pairs(self) -> list[tuple[RuleResult, RuleResult]]:
        previous = {r.rule: r for r in self.before}
        return [(previous[r.rule], r) for r in self.after if r.rule in previous]

    @property
    def newly_breached(self) -> list[RuleResult]:
        """Results (after the change) that breach now and did not before."""
        return [
            a
            for b, a in self._pairs()
            if a.status is Status.BREACH and b.status is not Status.BREACH
        ]

    @property
    def worsened(self) -> list[RuleResult]:
        """Results in breach before and after, the change moving the value further from the limit.

        A rule already broken must keep refusing what makes it worse (another supporter when
        supporters already hold more than a third of the votes), not only what breaks it anew.
        """
        return [a for b, a in self._pairs() if _further_from_limit(b, a)]

    @property
    def blocking(self) -> list[RuleResult]:
        """What a change is refused for: rules it newly breaches and rules in breach it worsens."""
        return self.newly_breached + self.worsened

    @property
    def newly_warned(self) -> list[RuleResult]:
        return [
            a
            for b, a in self._pairs()
            if a.status is Status.WARNING and b.status in (Status.PASS, Status.NOT_APPLICABLE)
        ]

    @property
    def resolved(self) -> list[RuleResult]:
        """Results that breached or warned before and pass (or no longer apply) after."""
        return [
            a
            for b, a in self._pairs()
            if b.status in (Status.BREACH, Status.WARNING)
            and a.status in (Status.PASS, Status.NOT_APPLICABLE)
        ]


def _further_from_limit(before: RuleResult, after: RuleResult) -> bool:
    if before.status is not Status.BREACH or after.status is not Status.BREACH:
        return False
    rule = RULES_BY_ID.get(after.rule)
    if rule is None or rule.better is None or before.value is None or after.value is None:
        return False
    return after.value < before.value if rule.better == "higher" else after.value > before.value


def what_if(
    snapshot: CoopSnapshot,
    change: Change | CoopSnapshot,
    *,
    params: Parameters | None = None,
    settings: Settings | None = None,
    rules: Sequence[str] | None = None,
    schedule: ParameterSchedule = DEFAULT_SCHEDULE,
) -> WhatIf:
    """Evaluate `snapshot`, apply `change` (a function or the changed snapshot), evaluate again."""
    changed = change if isinstance(change, CoopSnapshot) else change(snapshot)

    def run(s: CoopSnapshot) -> list[RuleResult]:
        return evaluate(s, params, settings, rules=rules, schedule=schedule)

    return WhatIf(before=run(snapshot), after=run(changed))


def admit_member(member: Member) -> Change:
    """Add `member` (admit them on `as_of` to test an admission today)."""

    def change(snapshot: CoopSnapshot) -> CoopSnapshot:
        return replace(snapshot, members=(*snapshot.members, member))

    return change


def exit_member(member_id: str, on: date) -> Change:
    """Close the membership; `on` is the last day as a member (intervals are inclusive)."""

    def change(snapshot: CoopSnapshot) -> CoopSnapshot:
        members = tuple(
            m._replace(exited_on=on) if m.member_id == member_id else m for m in snapshot.members
        )
        return replace(snapshot, members=members)

    return change


def hire(employment: Employment) -> Change:
    """Add an employment record."""

    def change(snapshot: CoopSnapshot) -> CoopSnapshot:
        return replace(snapshot, employments=(*snapshot.employments, employment))

    return change


def end_employment(person_id: str, on: date) -> Change:
    """End the person's open records; `on` is the last day worked."""

    def change(snapshot: CoopSnapshot) -> CoopSnapshot:
        records = tuple(
            e._replace(end=on) if e.person_id == person_id and (e.end is None or e.end > on) else e
            for e in snapshot.employments
        )
        return replace(snapshot, employments=records)

    return change
