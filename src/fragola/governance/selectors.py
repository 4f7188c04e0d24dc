"""Read queries: the board on a day, the assemblies, who may vote (G2, c.c. art. 2538).

At the end, what governance tells the compliance engine (G2, G4): boards and assemblies in
``fragola_law``'s plain types, for ``fragola.compliance.adapter``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable

from django.db.models import Count, Q, QuerySet

import fragola_law as r
from fragola.governance.models import Assembly, BoardSeat
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
