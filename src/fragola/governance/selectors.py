"""Read queries: the board on a day, the assemblies, who may vote (G2, c.c. art. 2538).

At the end, what governance tells the compliance engine (G2, G4): boards and assemblies in
``fragola_law``'s plain types, for ``fragola.compliance.adapter``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Q, QuerySet
from django.http import Http404

import fragola_law as r
from fragola.core.access import UserLike
from fragola.governance import voting
from fragola.governance.models import (
    Answer,
    Assembly,
    Ballot,
    BoardSeat,
    Poll,
    PollKind,
    PollStatus,
    PollVoter,
)
from fragola.registry.models import Membership, Organisation
from fragola_law import MEMBER_CATEGORIES, params_at


def board_on(organisation: Organisation, day: dt.date) -> QuerySet[BoardSeat]:
    return (
        BoardSeat.objects.filter(organisation=organisation, started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .select_related("person")
        .order_by("role", "person__last_name", "person__first_name")
    )


def member_categories_on(
    organisation: Organisation, person_ids: Iterable[int], day: dt.date
) -> dict[int, str]:
    """Each director's category of admitted membership on ``day``, by person id (one query; a
    person who is not a member is missing). The latest admission wins."""
    rows = (
        Membership.objects.in_book_on(day)
        .filter(organisation=organisation, person_id__in=list(person_ids))
        .order_by("person_id", "admitted_on", "pk")
        .values_list("person_id", "category")
    )
    return dict(rows)


def upcoming_assemblies(organisation: Organisation, day: dt.date) -> QuerySet[Assembly]:
    return Assembly.objects.filter(organisation=organisation, held_on__gte=day).order_by(
        "held_on", "pk"
    )


def assemblies_between(
    organisation: Organisation, start: dt.date, end: dt.date
) -> QuerySet[Assembly]:
    return Assembly.objects.filter(
        organisation=organisation, held_on__gte=start, held_on__lte=end
    ).order_by("held_on", "pk")


def past_assemblies(organisation: Organisation, day: dt.date) -> QuerySet[Assembly]:
    return Assembly.objects.filter(organisation=organisation, held_on__lt=day).order_by(
        "-held_on", "-pk"
    )


def min_days_on_book(day: dt.date) -> int:
    return params_at(day).g2_min_days_on_book


def voters_for(assembly: Assembly) -> QuerySet[Membership]:
    """Members on the book on the day of the assembly and admitted ≥ 90 days before it."""
    latest_admission = assembly.held_on - dt.timedelta(days=min_days_on_book(assembly.held_on))
    return (
        Membership.objects.in_book_on(assembly.held_on)
        .filter(organisation_id=assembly.organisation_id, admitted_on__lte=latest_admission)
        .select_related("person")
        .order_by("member_number", "pk")
    )


def voters_counts(assemblies: Iterable[Assembly]) -> dict[int, int]:
    """How many may vote at each assembly, by assembly id, in one query (G2)."""
    assemblies = list(assemblies)
    counts = {
        f"a{assembly.pk}": Count(
            "pk",
            filter=Q(
                admitted_on__lte=assembly.held_on
                - dt.timedelta(days=min_days_on_book(assembly.held_on))
            )
            & (Q(exited_on__isnull=True) | Q(exited_on__gt=assembly.held_on)),
        )
        for assembly in assemblies
    }
    if not counts:
        return {}
    organisation_ids = {assembly.organisation_id for assembly in assemblies}
    totals = Membership.objects.filter(organisation_id__in=organisation_ids).aggregate(**counts)
    return {int(key[1:]): value for key, value in totals.items()}


def voters_count(assembly: Assembly) -> int:
    return voters_counts([assembly])[assembly.pk]


# What the compliance engine reads (G2, G4) ------------------------------------------------------
#
# Called by ``fragola.compliance.adapter.load_facts`` (compliance sits above governance) for a set
# of co-ops (every co-op if None), with no acting user: the engine's scans and vetting read every
# co-op alike, and what it shows is checked by compliance's own selectors. People as ids.
#
# A director's category is that of their admitted membership on the day: a seat is split into
# pieces at every change of membership, a piece outside any membership has category None.

ONE_DAY = dt.timedelta(days=1)
Span = tuple[dt.date, dt.date | None, r.MemberCategory]


def split_seat(
    person_id: str, start: dt.date, end: dt.date | None, spans: list[Span]
) -> list[r.BoardSeat]:
    """The seat ``start``..``end`` (inclusive) cut along the person's membership spans."""
    pieces: list[r.BoardSeat] = []
    cursor: dt.date | None = start
    for span_start, span_end, category in sorted(spans, key=lambda s: s[0]):
        if cursor is None:
            break
        if span_end is not None and span_end < cursor:
            continue
        if end is not None and span_start > end:
            break
        if span_start > cursor:
            pieces.append(r.BoardSeat(r.BoardMember(person_id, None), cursor, span_start - ONE_DAY))
            cursor = span_start
        piece_end = span_end if end is None else (end if span_end is None else min(end, span_end))
        pieces.append(r.BoardSeat(r.BoardMember(person_id, category), cursor, piece_end))
        cursor = None if piece_end is None else piece_end + ONE_DAY
    if cursor is not None and (end is None or cursor <= end):
        pieces.append(r.BoardSeat(r.BoardMember(person_id, None), cursor, end))
    return pieces


def board_facts(org_ids: Collection[int] | None) -> dict[int, list[r.BoardSeat]]:
    """Each co-op's board seats, cut by membership (G4), in one query: every seat joined to its
    director's memberships (a row per pair)."""
    seats = BoardSeat.objects.order_by()
    if org_ids is not None:
        seats = seats.filter(organisation_id__in=list(org_ids))
    rows = seats.values_list(
        "pk",
        "organisation_id",
        "person_id",
        "started_on",
        "ended_on",
        "person__memberships__category",
        "person__memberships__admitted_on",
        "person__memberships__exited_on",
    )
    seat_rows: dict[int, tuple[int, int, dt.date, dt.date | None]] = {}
    spans: dict[int, list[Span]] = defaultdict(list)
    for pk, org_id, person_id, start, end, category, admitted_on, exited_on in rows:
        seat_rows[pk] = (org_id, person_id, start, end)
        if admitted_on is None:  # no membership, or an applicant never admitted
            continue
        last_day = exited_on - ONE_DAY if exited_on is not None else None
        if last_day is not None and last_day < admitted_on:
            continue
        span = (admitted_on, last_day, MEMBER_CATEGORIES[category])
        if span not in spans[pk]:
            spans[pk].append(span)
    facts: dict[int, list[r.BoardSeat]] = defaultdict(list)
    for pk, (org_id, person_id, start, end) in seat_rows.items():
        facts[org_id].extend(split_seat(str(person_id), start, end, spans.get(pk, [])))
    return facts


def meeting_facts(org_ids: Collection[int] | None) -> dict[int, list[r.Meeting]]:
    """Each co-op's assembly days (G2), in one query."""
    assemblies = Assembly.objects.order_by()
    if org_ids is not None:
        assemblies = assemblies.filter(organisation_id__in=list(org_ids))
    facts: dict[int, list[r.Meeting]] = defaultdict(list)
    for org_id, held_on in assemblies.values_list("organisation_id", "held_on").distinct():
        facts[org_id].append(r.Meeting(held_on))
    return facts


# Consultations ---------------------------------------------------------------------------------

POLL_METHODS = {
    PollKind.SINGLE: voting.Method.PLURALITY,
    PollKind.MULTIPLE: voting.Method.APPROVAL,
    PollKind.SCORE: voting.Method.SCORE,
    PollKind.RANKED: voting.Method.IRV,
}


def poll_electorate(poll: Poll, day: dt.date) -> list[Membership]:
    """Who may vote in ``poll`` opened on ``day``: the members who could vote at an assembly
    that day (G2), all of them or the poll's category."""
    latest_admission = day - dt.timedelta(days=min_days_on_book(day))
    members = Membership.objects.in_book_on(day).filter(
        organisation_id=poll.organisation_id, admitted_on__lte=latest_admission
    )
    if poll.category:
        members = members.filter(category=poll.category)
    return list(members.order_by("member_number", "pk"))


def poll_voter_for(poll: Poll, user: UserLike, *, lock: bool = False) -> PollVoter | None:
    """``user``'s place in the poll's frozen electorate, through the person linked to them."""
    if not user.is_authenticated:
        return None
    voters = PollVoter.objects.filter(poll=poll, membership__person__user_id=user.pk)
    if lock:
        voters = voters.select_for_update()
    return voters.first()


def poll_list(organisation: Organisation) -> QuerySet[Poll]:
    return (
        Poll.objects.filter(organisation=organisation)
        .annotate(
            electorate=Count("voters", distinct=True),
            turnout=Count("voters", filter=Q(voters__voted_at__isnull=False), distinct=True),
        )
        .order_by("-closes_at", "-pk")
    )


def poll_waiting_for(user: UserLike, organisation: Organisation, now: dt.datetime) -> set[int]:
    """The open polls of ``organisation`` where ``user`` may vote and has not yet."""
    if not user.is_authenticated:
        return set()
    rows = PollVoter.objects.filter(
        poll__organisation=organisation,
        membership__person__user_id=user.pk,
        voted_at__isnull=True,
        poll__opened_at__isnull=False,
        poll__closed_at__isnull=True,
        poll__closes_at__gt=now,
    )
    return set(rows.values_list("poll_id", flat=True))


def poll_by_id(organisation: Organisation, poll_id: int) -> Poll:
    poll = Poll.objects.filter(organisation=organisation, pk=poll_id).first()
    if poll is None:
        raise Http404("No such consultation")
    return poll


@dataclass(frozen=True)
class PollResult:
    method: str  # "proposal" or a voting.Method value: a result always names its method
    electorate: int
    turnout: int
    quorum_met: bool
    tally: voting.Tally | None = None
    proposal: voting.ProposalResult | None = None


def results_visible(poll: Poll, now: dt.datetime) -> bool:
    status = poll.status_at(now)
    if status == PollStatus.DRAFT:
        return False
    return status == PollStatus.CLOSED or not poll.results_hidden


def poll_result(poll: Poll) -> PollResult:
    """The count so far (callers check ``results_visible`` first). Ballots are read with no
    voter: the count never needs one."""
    electorate = PollVoter.objects.filter(poll=poll).count()
    ballots = list(Ballot.objects.filter(poll=poll).values_list("answer", "marks"))
    quorum = Fraction(poll.quorum)
    quorum_met = electorate > 0 and Fraction(len(ballots), electorate) >= quorum
    if poll.kind == PollKind.PROPOSAL:
        answers = Counter(answer for answer, _ in ballots)
        counts = voting.ProposalCounts(**{a: answers[a] for a in Answer.values})
        result = voting.proposal_result(
            counts, electorate=electorate, quorum=quorum, threshold=Fraction(poll.threshold)
        )
        return PollResult("proposal", electorate, len(ballots), quorum_met, proposal=result)
    labels = dict(poll.options.values_list("position", "label"))
    options = [labels[p] for p in sorted(labels)]
    method = POLL_METHODS[PollKind(poll.kind)]
    read = [{labels[int(p)]: v for p, v in marks.items()} for _, marks in ballots]
    if method in (voting.Method.PLURALITY, voting.Method.APPROVAL):
        tally = voting.COUNTERS[method](options, [frozenset(m) for m in read])
    elif method is voting.Method.SCORE:
        scores = [{o: Decimal(v) for o, v in m.items()} for m in read]
        tally = voting.COUNTERS[method](options, scores)
    else:
        tally = voting.COUNTERS[method](options, read)
    return PollResult(method.value, electorate, len(ballots), quorum_met, tally=tally)
