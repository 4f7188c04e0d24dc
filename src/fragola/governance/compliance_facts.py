"""What governance tells the compliance engine: the board (G4) and the assemblies (G2).

Read by ``fragola.compliance.adapter`` (compliance sits above governance). One query for
the board (seats joined to memberships) and one for the assemblies, for any number of co-ops.

A director's category is that of their admitted membership on the day: a seat is split into
pieces at every change of membership, a piece outside any membership has category None.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

import fragola_law as r
from fragola.governance.models import Assembly
from fragola.governance.models import BoardSeat as SeatModel
from fragola_law import MEMBER_CATEGORIES, BoardSeat

ONE_DAY = dt.timedelta(days=1)
Span = tuple[dt.date, dt.date | None, r.MemberCategory]


def split_seat(
    person_id: str, start: dt.date, end: dt.date | None, spans: list[Span]
) -> list[BoardSeat]:
    """The seat ``start``..``end`` (inclusive) cut along the person's membership spans."""
    pieces: list[BoardSeat] = []
    cursor: dt.date | None = start
    for span_start, span_end, category in sorted(spans, key=lambda s: s[0]):
        if cursor is None:
            break
        if span_end is not None and span_end < cursor:
            continue
        if end is not None and span_start > end:
            break
        if span_start > cursor:
            pieces.append(BoardSeat(r.BoardMember(person_id, None), cursor, span_start - ONE_DAY))
            cursor = span_start
        piece_end = span_end if end is None else (end if span_end is None else min(end, span_end))
        pieces.append(BoardSeat(r.BoardMember(person_id, category), cursor, piece_end))
        cursor = None if piece_end is None else piece_end + ONE_DAY
    if cursor is not None and (end is None or cursor <= end):
        pieces.append(BoardSeat(r.BoardMember(person_id, None), cursor, end))
    return pieces


def board_facts(org_ids: Collection[int] | None) -> dict[int, list[BoardSeat]]:
    """One query: every seat joined to its director's memberships (a row per pair)."""
    seats = SeatModel.objects.order_by()
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
    facts: dict[int, list[BoardSeat]] = defaultdict(list)
    for pk, (org_id, person_id, start, end) in seat_rows.items():
        facts[org_id].extend(split_seat(str(person_id), start, end, spans.get(pk, [])))
    return facts


def meeting_facts(org_ids: Collection[int] | None) -> dict[int, list[r.Meeting]]:
    assemblies = Assembly.objects.order_by()
    if org_ids is not None:
        assemblies = assemblies.filter(organisation_id__in=list(org_ids))
    facts: dict[int, list[r.Meeting]] = defaultdict(list)
    for org_id, held_on in assemblies.values_list("organisation_id", "held_on").distinct():
        facts[org_id].append(r.Meeting(held_on))
    return facts
