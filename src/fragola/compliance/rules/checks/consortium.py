"""L8: a consortium is social with at least 70 % social co-ops among its members and >= 3 co-ops."""

from __future__ import annotations

from fractions import Fraction

from .. import fmt
from ..enums import COOP_ORG_KINDS, SOCIAL_ORG_KINDS, Status
from ..params import DEFAULT_SETTINGS, Parameters, Settings
from ..result import Lang, RuleResult, make_result
from ..snapshot import CoopSnapshot
from ..sources import L8, SOURCES

NA_NOT_CONSORTIUM_IT = "si applica solo ai consorzi."
NA_NOT_CONSORTIUM_EN = "applies only to consortia."
SHARE_IT = (
    "{social} cooperative sociali su {total} soci ({pct}) {op} {limit}; "
    "{coops} cooperative tra i soci, minimo {min_coops}{coops_note}."
)
SHARE_EN = (
    "{social} social co-ops out of {total} members ({pct}) {op} {limit}; "
    "{coops} co-ops among the members, minimum {min_coops}{coops_note}."
)
TOO_FEW_COOPS = {"it": " (insufficienti)", "en": " (too few)"}


def check_l8(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[L8]
    if not snapshot.is_consortium:
        return make_result(
            L8,
            Status.NOT_APPLICABLE,
            source=source,
            it=NA_NOT_CONSORTIUM_IT,
            en=NA_NOT_CONSORTIUM_EN,
        )
    active = [m for m in snapshot.consortium_members if m.is_member_on(snapshot.as_of)]
    social = sum(1 for m in active if m.kind in SOCIAL_ORG_KINDS)
    coops = sum(1 for m in active if m.kind in COOP_ORG_KINDS)
    share = Fraction(social, len(active)) if active else Fraction(0)
    limit = params.l8_min_social_coop_share
    share_ok = share >= limit
    coops_ok = coops >= params.l8_min_coops

    def text(lang: Lang, template: str) -> str:
        return template.format(
            social=social,
            total=len(active),
            pct=fmt.pct(share, lang, limit),
            op="≥" if share_ok else "<",
            limit=fmt.pct(limit, lang),
            coops=coops,
            min_coops=params.l8_min_coops,
            coops_note="" if coops_ok else TOO_FEW_COOPS[lang],
        )

    return make_result(
        L8,
        Status.PASS if share_ok and coops_ok else Status.BREACH,
        source=source,
        it=lambda: text("it", SHARE_IT),
        en=lambda: text("en", SHARE_EN),
        value=share,
        threshold=limit,
        numerator=social,
        denominator=len(active),
        details={"coops": coops, "min_coops": params.l8_min_coops},
    )
