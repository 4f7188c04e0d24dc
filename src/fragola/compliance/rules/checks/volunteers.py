"""L2.1 (volunteers at most half of the members), L2.2 (rostered volunteers are insured) and
L2.4 (volunteers only complement professional work)."""

from __future__ import annotations

from fractions import Fraction

from .. import fmt
from ..enums import MemberCategory, Status
from ..params import DEFAULT_SETTINGS, Parameters, Settings
from ..result import Lang, RuleResult, make_result
from ..snapshot import CoopSnapshot
from ..sources import L2_1, L2_2, L2_4, SOURCES

NA_CONSORTIUM_IT = "non si applica ai consorzi."
NA_CONSORTIUM_EN = "does not apply to consortia."
NO_MEMBERS_IT = "nessun socio al {day}."
NO_MEMBERS_EN = "no members on {day}."
SHARE_IT = "{vol} soci volontari su {total} soci ({share}) {op} {limit} al {day}."
SHARE_EN = "{vol} volunteer members out of {total} members ({share}) {op} {limit} on {day}."
SHARE: dict[Lang, str] = {"it": SHARE_IT, "en": SHARE_EN}
NO_ROSTER_IT = "nessun volontario in turno."
NO_ROSTER_EN = "no volunteer is rostered."
INSURED_IT = "volontari in turno: {n}, tutti assicurati (INAIL) nei giorni di turno."
INSURED_EN = "rostered volunteers: {n}, all insured (INAIL) on their rostered days."
UNINSURED_IT = "volontari in turno senza assicurazione valida: {bad} su {n} ({ids})."
UNINSURED_EN = "rostered volunteers without valid insurance: {bad} of {n} ({ids})."


def check_l2_1(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[L2_1]
    if snapshot.is_consortium:
        return make_result(
            L2_1, Status.NOT_APPLICABLE, source=source, it=NA_CONSORTIUM_IT, en=NA_CONSORTIUM_EN
        )
    members = snapshot.active_members
    if not members:
        return make_result(
            L2_1,
            Status.NOT_APPLICABLE,
            source=source,
            it=lambda: NO_MEMBERS_IT.format(day=fmt.day(snapshot.as_of, "it")),
            en=lambda: NO_MEMBERS_EN.format(day=fmt.day(snapshot.as_of, "en")),
        )
    volunteers = sum(1 for m in members if m.category is MemberCategory.VOLUNTEER)
    share = Fraction(volunteers, len(members))
    limit = params.l2_1_max_volunteer_share
    ok = share <= limit

    def text(lang: Lang) -> str:
        return SHARE[lang].format(
            vol=volunteers,
            total=len(members),
            share=fmt.pct(share, lang, limit),
            op="≤" if ok else ">",
            limit=fmt.pct(limit, lang),
            day=fmt.day(snapshot.as_of, lang),
        )

    return make_result(
        L2_1,
        Status.PASS if ok else Status.BREACH,
        source=source,
        it=lambda: text("it"),
        en=lambda: text("en"),
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
        return make_result(
            L2_2, Status.NOT_APPLICABLE, source=source, it=NO_ROSTER_IT, en=NO_ROSTER_EN
        )
    uncovered = {
        f.volunteer_id: tuple(d for d in sorted(f.rostered_on) if not f.is_insured_on(d))
        for f in rostered
    }
    uncovered = {k: v for k, v in uncovered.items() if v}
    n = len(rostered)
    status = Status.BREACH if uncovered else Status.PASS
    ids = ", ".join(sorted(uncovered))
    return make_result(
        L2_2,
        status,
        source=source,
        it=UNINSURED_IT.format(bad=len(uncovered), n=n, ids=ids)
        if uncovered
        else INSURED_IT.format(n=n),
        en=UNINSURED_EN.format(bad=len(uncovered), n=n, ids=ids)
        if uncovered
        else INSURED_EN.format(n=n),
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
