"""G4: the majority of the board comes from cooperator members (c.c. art. 2542)."""

from __future__ import annotations

from fractions import Fraction

from .. import fmt
from ..enums import MemberCategory, Status
from ..params import DEFAULT_SETTINGS, Parameters, Settings
from ..result import Lang, RuleResult, make_result
from ..snapshot import CoopSnapshot
from ..sources import G4, SOURCES

NA_CONSORTIUM_IT = "il consiglio dei consorzi non è ancora modellato."
NA_CONSORTIUM_EN = "the board of consortia is not modelled yet."
NO_BOARD_IT = "nessun amministratore indicato."
NO_BOARD_EN = "no directors given."
BOARD_IT = "{coop} amministratori su {total} sono soci cooperatori ({pct}), {op} {limit}; {vol}."
BOARD_EN = "{coop} of {total} directors are cooperator members ({pct}), {op} {limit}; {vol}."
VOLUNTEERS_NOTE = {
    ("it", True): "i soci volontari sono contati come cooperatori (impostazione)",
    ("it", False): "i soci volontari non sono contati come cooperatori (impostazione)",
    ("en", True): "volunteer members count as cooperators (setting)",
    ("en", False): "volunteer members do not count as cooperators (setting)",
}
MAJORITY_OP = {
    ("it", True): "oltre il",
    ("it", False): "non oltre il",
    ("en", True): "above",
    ("en", False): "not above",
}
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
        return make_result(
            G4, Status.NOT_APPLICABLE, source=source, it=NA_CONSORTIUM_IT, en=NA_CONSORTIUM_EN
        )
    if not snapshot.board:
        return make_result(G4, Status.NOT_APPLICABLE, source=source, it=NO_BOARD_IT, en=NO_BOARD_EN)
    categories = cooperator_categories(settings)
    cooperators = sum(1 for b in snapshot.board if b.category in categories)
    total = len(snapshot.board)
    share = Fraction(cooperators, total)
    limit = params.g4_min_board_share
    ok = share > limit

    def text(lang: Lang, template: str) -> str:
        return template.format(
            coop=cooperators,
            total=total,
            pct=fmt.pct(share, lang, limit),
            op=MAJORITY_OP[(lang, ok)],
            limit=fmt.pct(limit, lang),
            vol=VOLUNTEERS_NOTE[(lang, settings.g4_count_volunteers)],
        )

    return make_result(
        G4,
        Status.PASS if ok else Status.BREACH,
        source=source,
        it=lambda: text("it", BOARD_IT),
        en=lambda: text("en", BOARD_EN),
        value=share,
        threshold=limit,
        numerator=cooperators,
        denominator=total,
        details={"volunteers_counted": settings.g4_count_volunteers},
    )
