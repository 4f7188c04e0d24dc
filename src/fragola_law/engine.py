"""The rule registry, `evaluate` for one date and `evaluate_timeline` for a monthly series."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from .checks.assembly import check_g2, check_g3
from .checks.board import check_g4
from .checks.consortium import check_l8
from .checks.identity import check_l1_3
from .checks.integration import check_l4_2, check_l4_4
from .checks.membership import check_g1, check_human_scale
from .checks.volunteers import check_l2_1, check_l2_2
from .dates import monthly_samples
from .params import DEFAULT_SCHEDULE, DEFAULT_SETTINGS, Parameters, ParameterSchedule, Settings
from .result import RuleResult
from .snapshot import CoopSnapshot
from .sources import G1, G2, G3, G4, HUMAN_SCALE, L1_3, L2_1, L2_2, L4_2, L4_4, L8

Check = Callable[[CoopSnapshot, Parameters, Settings], RuleResult]
# Which way a rule's value moves towards compliance; None where the value does not measure the
# breach (G2 is about who voted, L1.3 about a name, L4.4 and HS1 never breach).
Better = Literal["higher", "lower"] | None
SnapshotBuilder = Callable[[date], CoopSnapshot]

UNKNOWN_RULE = "Unknown rule id: {rule}."
TIMELINE_NEEDS_END = "evaluate_timeline needs `end` when given a snapshot builder."


@dataclass(frozen=True)
class Rule:
    rule_id: str
    check: Check
    better: Better = None


REGISTRY: tuple[Rule, ...] = (
    Rule(L1_3, check_l1_3),
    Rule(L2_1, check_l2_1, "lower"),
    Rule(L2_2, check_l2_2, "lower"),
    Rule(L4_2, check_l4_2, "higher"),
    Rule(L4_4, check_l4_4),
    Rule(L8, check_l8, "higher"),
    # G1 is not "worsened" by an exit: a member may always withdraw, even from too small a co-op.
    Rule(G1, check_g1),
    Rule(G2, check_g2),
    Rule(G3, check_g3, "lower"),
    Rule(G4, check_g4, "higher"),
    Rule(HUMAN_SCALE, check_human_scale),
)
RULES_BY_ID: dict[str, Rule] = {r.rule_id: r for r in REGISTRY}


def select_rules(rule_ids: Sequence[str] | None) -> tuple[Rule, ...]:
    if rule_ids is None:
        return REGISTRY
    unknown = [r for r in rule_ids if r not in RULES_BY_ID]
    if unknown:
        raise KeyError(UNKNOWN_RULE.format(rule=unknown[0]))
    return tuple(RULES_BY_ID[r] for r in rule_ids)


def evaluate(
    snapshot: CoopSnapshot,
    params: Parameters | None = None,
    settings: Settings | None = None,
    *,
    rules: Sequence[str] | None = None,
    schedule: ParameterSchedule = DEFAULT_SCHEDULE,
) -> list[RuleResult]:
    """Run the rules on one snapshot; parameters default to those in force on `snapshot.as_of`."""
    params = params or schedule.at(snapshot.as_of)
    settings = settings or DEFAULT_SETTINGS
    return [rule.check(snapshot, params, settings) for rule in select_rules(rules)]


@dataclass(frozen=True)
class TimelinePoint:
    on: date
    results: list[RuleResult]


def evaluate_timeline(
    source: CoopSnapshot | SnapshotBuilder,
    months: int,
    *,
    end: date | None = None,
    settings: Settings | None = None,
    rules: Sequence[str] | None = None,
    schedule: ParameterSchedule = DEFAULT_SCHEDULE,
) -> list[TimelinePoint]:
    """Evaluate at the end of each of the last `months` months, the last point being `end`.

    Given a snapshot, `end` defaults to its `as_of` and each point re-dates the same facts; given
    a builder, it is called once per date. Each point uses the parameters in force on its date.
    """
    build: SnapshotBuilder
    if isinstance(source, CoopSnapshot):
        last = end or source.as_of
        snapshot = source

        def redate(day: date) -> CoopSnapshot:
            return replace(snapshot, as_of=day)

        build = redate
    else:
        if end is None:
            raise ValueError(TIMELINE_NEEDS_END)
        last, build = end, source
    return [
        TimelinePoint(day, evaluate(build(day), settings=settings, rules=rules, schedule=schedule))
        for day in monthly_samples(last, months)
    ]
