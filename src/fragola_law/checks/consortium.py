"""L8: a consortium is social with at least 70 % social co-ops among its members and >= 3 co-ops."""

from __future__ import annotations

from fractions import Fraction

from ..enums import COOP_ORG_KINDS, SOCIAL_ORG_KINDS, Status
from ..params import DEFAULT_SETTINGS, Parameters, Settings
from ..result import RuleResult, exact, make_result
from ..snapshot import CoopSnapshot
from ..sources import L8, SOURCES


def check_l8(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[L8]
    if not snapshot.is_consortium:
        return make_result(L8, Status.NOT_APPLICABLE, "not_consortium", source=source)
    active = [m for m in snapshot.consortium_members if m.is_member_on(snapshot.as_of)]
    social = sum(1 for m in active if m.kind in SOCIAL_ORG_KINDS)
    coops = sum(1 for m in active if m.kind in COOP_ORG_KINDS)
    share = Fraction(social, len(active)) if active else Fraction(0)
    limit = params.l8_min_social_coop_share
    share_ok = share >= limit
    coops_ok = coops >= params.l8_min_coops
    return make_result(
        L8,
        Status.PASS if share_ok and coops_ok else Status.BREACH,
        "share",
        source=source,
        facts={
            "social": social,
            "members": len(active),
            "share": exact(share),
            "limit": exact(limit),
            "share_ok": share_ok,
            "coops": coops,
            "min_coops": params.l8_min_coops,
            "coops_ok": coops_ok,
        },
        value=share,
        threshold=limit,
        numerator=social,
        denominator=len(active),
        details={"coops": coops, "min_coops": params.l8_min_coops},
    )
