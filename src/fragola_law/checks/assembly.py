"""G2 (90 days on the members' book to vote) and G3 (supporters hold at most 1/3 of votes)."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from operator import attrgetter

from ..enums import MemberCategory, Status
from ..params import DEFAULT_SETTINGS, Parameters, Settings, params_at
from ..result import RuleResult, exact, make_result
from ..snapshot import CoopSnapshot, Member
from ..sources import G2, G3, SOURCES

VOTES = attrgetter("votes")


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
        return make_result(G2, Status.NOT_APPLICABLE, "consortium", source=source)
    if snapshot.meeting is None:
        return make_result(G2, Status.NOT_APPLICABLE, "no_meeting", source=source)
    held_on, voters = snapshot.meeting.held_on, snapshot.meeting.voters
    active = snapshot.members_on(held_on)
    eligible = {m.member_id for m in voting_members(snapshot, held_on, params)}
    waiting = tuple(
        (m.member_id, eligible_from(m, params)) for m in active if m.member_id not in eligible
    )
    bad_voters = tuple(sorted(set(voters or ()) - eligible))
    days = params.g2_min_days_on_book
    return make_result(
        G2,
        Status.BREACH if bad_voters else Status.PASS,
        "eligible",
        source=source,
        facts={
            "eligible": len(eligible),
            "members": len(active),
            "meeting": held_on,
            "days": days,
            "ineligible_voters": bad_voters,
        },
        value=Fraction(len(eligible), len(active)) if active else None,
        threshold=days,
        numerator=len(eligible),
        denominator=len(active),
        details={
            "meeting": held_on,
            "not_yet_eligible": waiting,
            "ineligible_voters": bad_voters,
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
        return make_result(G3, Status.NOT_APPLICABLE, "consortium", source=source)
    members = snapshot.active_members
    if not members:
        return make_result(
            G3, Status.NOT_APPLICABLE, "no_members", source=source, facts={"on": snapshot.as_of}
        )
    # Most members hold the one vote of c.c. art. 2538: only those given more are looked at.
    supporter = MemberCategory.SUPPORTER
    total, supporters = len(members), snapshot.active_categories[supporter]
    capped: list[str] = []
    votes = list(map(VOTES, members))
    for m in members if votes.count(None) < len(votes) else ():  # most: one vote each
        if m.votes is None:
            continue
        v = member_votes(m, params)  # one vote already counted above: add the rest
        total += v - 1
        if m.category is supporter:
            supporters += v - 1
        if m.votes != v:
            capped.append(m.member_id)
    share = Fraction(supporters, total)
    limit = params.g3_max_supporter_vote_share
    ok = share <= limit

    return make_result(
        G3,
        Status.PASS if ok else Status.BREACH,
        "votes",
        source=source,
        facts={
            "supporters": supporters,
            "votes": total,
            "share": exact(share),
            "limit": exact(limit),
            "within": ok,
        },
        value=share,
        threshold=limit,
        numerator=supporters,
        denominator=total,
        details={"capped_votes": tuple(capped)},
    )
