"""L2.1 (volunteers at most half of the members), L2.2 (rostered volunteers are insured) and
L2.4 (volunteers only complement professional work)."""

from __future__ import annotations

from fractions import Fraction

from ..enums import MemberCategory, Status
from ..params import DEFAULT_SETTINGS, Parameters, Settings
from ..result import RuleResult, exact, make_result
from ..snapshot import CoopSnapshot
from ..sources import L2_1, L2_2, L2_4, SOURCES


def check_l2_1(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[L2_1]
    if snapshot.is_consortium:
        return make_result(L2_1, Status.NOT_APPLICABLE, "consortium", source=source)
    members = snapshot.active_members
    if not members:
        return make_result(
            L2_1, Status.NOT_APPLICABLE, "no_members", source=source, facts={"on": snapshot.as_of}
        )
    volunteers = snapshot.active_categories[MemberCategory.VOLUNTEER]
    share = Fraction(volunteers, len(members))
    limit = params.l2_1_max_volunteer_share
    ok = share <= limit
    return make_result(
        L2_1,
        Status.PASS if ok else Status.BREACH,
        "share",
        source=source,
        facts={
            "volunteers": volunteers,
            "members": len(members),
            "share": exact(share),
            "limit": exact(limit),
            "within": ok,
            "on": snapshot.as_of,
        },
        value=share,
        threshold=limit,
        numerator=volunteers,
        denominator=len(members),
    )


def check_l2_2(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[L2_2]
    rostered = [f for f in snapshot.volunteer_facts if f.rostered_on]
    if not rostered:
        return make_result(L2_2, Status.NOT_APPLICABLE, "no_roster", source=source)
    uncovered = {
        f.volunteer_id: tuple(d for d in sorted(f.rostered_on) if not f.is_insured_on(d))
        for f in rostered
    }
    uncovered = {k: v for k, v in uncovered.items() if v}
    n = len(rostered)
    return make_result(
        L2_2,
        Status.BREACH if uncovered else Status.PASS,
        "uninsured" if uncovered else "insured",
        source=source,
        facts={"rostered": n, "uninsured": tuple(sorted(uncovered))},
        value=Fraction(len(uncovered), n),
        threshold=0,
        numerator=len(uncovered),
        denominator=n,
        details={"uncovered": tuple(sorted(uncovered.items()))},
    )


def volunteer_assignment_breach(*, complementary_task: bool, insured: bool) -> str | None:
    """The rule a volunteer would break by taking a task, or None.

    L2.4: a volunteer never takes professional care, only complementary tasks; L2.2: a
    volunteer works only while insured (INAIL). The first broken rule is named.
    """
    if not complementary_task:
        return L2_4
    if not insured:
        return L2_2
    return None
