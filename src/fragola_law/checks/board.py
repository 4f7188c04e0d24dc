"""G4: the majority of the board comes from cooperator members (c.c. art. 2542)."""

from __future__ import annotations

from fractions import Fraction

from ..enums import MemberCategory, Status
from ..params import DEFAULT_SETTINGS, Parameters, Settings
from ..result import RuleResult, exact, make_result
from ..snapshot import CoopSnapshot
from ..sources import G4, SOURCES

COOPERATORS: frozenset[MemberCategory] = frozenset({MemberCategory.WORKER, MemberCategory.USER})


def cooperator_categories(settings: Settings) -> frozenset[MemberCategory]:
    if settings.g4_count_volunteers:
        return COOPERATORS | {MemberCategory.VOLUNTEER}
    return COOPERATORS


def check_g4(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[G4]
    if snapshot.is_consortium:
        return make_result(G4, Status.NOT_APPLICABLE, "consortium", source=source)
    if not snapshot.board:
        return make_result(G4, Status.NOT_APPLICABLE, "no_board", source=source)
    categories = cooperator_categories(settings)
    cooperators = sum(1 for b in snapshot.board if b.category in categories)
    total = len(snapshot.board)
    share = Fraction(cooperators, total)
    limit = params.g4_min_board_share
    ok = share > limit
    return make_result(
        G4,
        Status.PASS if ok else Status.BREACH,
        "board",
        source=source,
        facts={
            "cooperators": cooperators,
            "directors": total,
            "share": exact(share),
            "limit": exact(limit),
            "majority": ok,
            "volunteers_counted": settings.g4_count_volunteers,
        },
        value=share,
        threshold=limit,
        numerator=cooperators,
        denominator=total,
        details={"volunteers_counted": settings.g4_count_volunteers},
    )
