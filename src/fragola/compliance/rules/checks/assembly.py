"""G2 (90 days on the members' book to vote) and G3 (supporters hold at most 1/3 of votes)."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from .. import fmt
from ..enums import MemberCategory, Status
from ..params import DEFAULT_SETTINGS, Parameters, Settings, params_at
from ..result import Lang, RuleResult, make_result
from ..snapshot import CoopSnapshot, Member
from ..sources import G2, G3, SOURCES

NA_CONSORTIUM_IT = "l'assemblea dei consorzi (organizzazioni socie) non è ancora modellata."
NA_CONSORTIUM_EN = "the assembly of consortia (member organisations) is not modelled yet."
NO_MEETING_IT = "nessuna assemblea indicata."
NO_MEETING_EN = "no meeting given."
NO_MEMBERS_IT = "nessun socio al {day}."
NO_MEMBERS_EN = "no members on {day}."
ELIGIBLE_IT = (
    "{eligible} soci su {total} possono votare all'assemblea del {day} "
    "(iscritti da almeno {days} giorni)."
)
ELIGIBLE_EN = (
    "{eligible} of {total} members may vote at the meeting of {day} "
    "(on the book for at least {days} days)."
)
INELIGIBLE_VOTERS_IT = " Hanno votato soci non ammessi al voto: {ids}."
INELIGIBLE_VOTERS_EN = " Members not entitled to vote did vote: {ids}."
VOTES_IT = "i soci sovventori hanno {sup} voti su {total} ({pct}) {op} {limit}."
VOTES_EN = "supporter members hold {sup} of {total} votes ({pct}) {op} {limit}."


def eligible_from(member: Member, params: Parameters) -> date:
    return member.admitted_on + timedelta(days=params.g2_min_days_on_book)


def voting_members(
    snapshot: CoopSnapshot, meeting_date: date, params: Parameters | None = None
) -> list[Member]:
    """Members on the book on `meeting_date` and admitted at least 90 days before it."""
    params = params or params_at(meeting_date)
    return [
        m for m in snapshot.members_on(meeting_date) if eligible_from(m, params) <= meeting_date
    ]


def check_g2(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[G2]
    if snapshot.is_consortium:
        return make_result(
            G2, Status.NOT_APPLICABLE, source=source, it=NA_CONSORTIUM_IT, en=NA_CONSORTIUM_EN
        )
    if snapshot.meeting is None:
        return make_result(
            G2, Status.NOT_APPLICABLE, source=source, it=NO_MEETING_IT, en=NO_MEETING_EN
        )
    held_on, voters = snapshot.meeting.held_on, snapshot.meeting.voters
    active = snapshot.members_on(held_on)
    eligible = {m.member_id for m in voting_members(snapshot, held_on, params)}
    waiting = tuple(
        (m.member_id, eligible_from(m, params)) for m in active if m.member_id not in eligible
    )
    bad_voters = sorted(set(voters or ()) - eligible)
    days = params.g2_min_days_on_book

    def text(lang: Lang, template: str, bad_template: str) -> str:
        base = template.format(
            eligible=len(eligible), total=len(active), day=fmt.day(held_on, lang), days=days
        )
        return base + (bad_template.format(ids=", ".join(bad_voters)) if bad_voters else "")

    return make_result(
        G2,
        Status.BREACH if bad_voters else Status.PASS,
        source=source,
        it=lambda: text("it", ELIGIBLE_IT, INELIGIBLE_VOTERS_IT),
        en=lambda: text("en", ELIGIBLE_EN, INELIGIBLE_VOTERS_EN),
        value=Fraction(len(eligible), len(active)) if active else None,
        threshold=days,
        numerator=len(eligible),
        denominator=len(active),
        details={
            "meeting": held_on,
            "not_yet_eligible": waiting,
            "ineligible_voters": tuple(bad_voters),
        },
    )


def member_votes(member: Member, params: Parameters) -> int:
    """One vote per member; legal persons and supporters up to the statutory cap if given more."""
    if member.category is MemberCategory.SUPPORTER:
        return max(1, min(member.votes or 1, params.g3_max_votes_supporter))
    if not member.is_natural_person:
        return max(1, min(member.votes or 1, params.g2_max_votes_legal_person))
    return 1


def check_g3(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[G3]
    if snapshot.is_consortium:
        return make_result(
            G3, Status.NOT_APPLICABLE, source=source, it=NA_CONSORTIUM_IT, en=NA_CONSORTIUM_EN
        )
    members = snapshot.active_members
    if not members:
        return make_result(
            G3,
            Status.NOT_APPLICABLE,
            source=source,
            it=lambda: NO_MEMBERS_IT.format(day=fmt.day(snapshot.as_of, "it")),
            en=lambda: NO_MEMBERS_EN.format(day=fmt.day(snapshot.as_of, "en")),
        )
    # Most members hold the one vote of c.c. art. 2538: only those given more are looked at.
    supporter = MemberCategory.SUPPORTER
    total = supporters = 0
    capped: list[str] = []
    for m in members:
        v = 1 if m.votes is None else member_votes(m, params)
        total += v
        if m.category is supporter:
            supporters += v
        if m.votes is not None and m.votes != v:
            capped.append(m.member_id)
    share = Fraction(supporters, total)
    limit = params.g3_max_supporter_vote_share
    ok = share <= limit

    def text(lang: Lang, template: str) -> str:
        return template.format(
            sup=supporters,
            total=total,
            pct=fmt.pct(share, lang, limit),
            op="≤" if ok else ">",
            limit=fmt.pct(limit, lang),
        )

    return make_result(
        G3,
        Status.PASS if ok else Status.BREACH,
        source=source,
        it=lambda: text("it", VOTES_IT),
        en=lambda: text("en", VOTES_EN),
        value=share,
        threshold=limit,
        numerator=supporters,
        denominator=total,
        details={"capped_votes": tuple(capped)},
    )
