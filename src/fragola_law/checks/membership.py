"""G1 (minimum number of members, one-year countdown) and HS1 (human scale guidance)."""

from __future__ import annotations

from datetime import date, timedelta
from operator import attrgetter

from ..enums import LegalForm, MemberCategory, Severity, Status
from ..params import DEFAULT_SETTINGS, Parameters, Settings
from ..result import Fact, RuleResult, make_result
from ..snapshot import CoopSnapshot, Member
from ..sources import G1, HUMAN_SCALE, SOURCES

NATURAL, CATEGORY = attrgetter("natural_person"), attrgetter("category")


def all_natural_persons(members: list[Member]) -> bool:
    """``all(m.is_natural_person ...)`` without a Python call per member."""
    legal = MemberCategory.LEGAL_PERSON
    return all(map(NATURAL, members)) and legal not in map(CATEGORY, members)


def minimum_members(members: list[Member], snapshot: CoopSnapshot, params: Parameters) -> int:
    srl_natural = snapshot.legal_form is LegalForm.SRL and all_natural_persons(members)
    return params.g1_min_members_srl_natural if srl_natural else params.g1_min_members


def below_minimum_since(snapshot: CoopSnapshot, minimum: int) -> date:
    """First day of the current run of days with fewer than `minimum` members.

    A sweep over admissions and exits (linear after sorting); the co-op starts with no members on
    its founding date.
    """
    deltas: dict[date, int] = {}
    for m in snapshot.members:
        if m.admitted_on <= snapshot.as_of:
            deltas[m.admitted_on] = deltas.get(m.admitted_on, 0) + 1
            if m.exited_on is not None and m.exited_on < snapshot.as_of:
                left = m.exited_on + timedelta(days=1)
                deltas[left] = deltas.get(left, 0) - 1
    count, since = 0, snapshot.founded_on
    below = True
    for day in sorted(deltas):
        count += deltas[day]
        if count >= minimum:
            below = False
        elif not below:
            below, since = True, day
    return since


def check_g1(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[G1]
    if snapshot.is_consortium:
        return make_result(G1, Status.NOT_APPLICABLE, "consortium", source=source)
    members = snapshot.active_members
    minimum = minimum_members(members, snapshot, params)
    facts: dict[str, Fact] = {
        "members": len(members),
        "minimum": minimum,
        "srl": minimum == params.g1_min_members_srl_natural,
        "on": snapshot.as_of,
    }
    if len(members) >= minimum:
        return make_result(
            G1,
            Status.PASS,
            "enough",
            source=source,
            facts=facts,
            value=len(members),
            threshold=minimum,
        )
    since = below_minimum_since(snapshot, minimum)
    deadline = since + timedelta(days=params.g1_restore_days)
    left = (deadline - snapshot.as_of).days
    status = Status.WARNING if left >= 0 else Status.BREACH
    return make_result(
        G1,
        status,
        "countdown" if status is Status.WARNING else "expired",
        source=source,
        facts={**facts, "since": since, "deadline": deadline, "days_left": left},
        value=len(members),
        threshold=minimum,
        details={"below_since": since, "deadline": deadline, "days_left": left},
    )


def check_human_scale(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[HUMAN_SCALE]
    if snapshot.is_consortium:
        return make_result(HUMAN_SCALE, Status.NOT_APPLICABLE, "consortium", source=source)
    count = len(snapshot.active_members)
    limit = params.human_scale_max_members
    over = count > limit
    return make_result(
        HUMAN_SCALE,
        Status.WARNING if over else Status.PASS,
        "over" if over else "within",
        source=source,
        severity=Severity.INFO,
        facts={"members": count, "limit": limit},
        value=count,
        threshold=limit,
    )
