"""Build the rules' plain ``CoopSnapshot``s from the ORM, in bulk, and evaluate them.

Loading is six ``values_list`` queries whatever the number of co-ops (organisations,
memberships, employments, certificates, consortium links, settings), grouped in Python: the
whole country (15,000 co-ops, 500k memberships, 490k workers) is one pass, and each row becomes
the rules' record in that pass (certificates are read first, so a worker's record is final when
built; only a record with no member flag is settled later, per date, from the book).

Date conventions differ on purpose and are converted here: the registry stores the day a member
*leaves* (``exited_on``, no longer on the book that day) and the day a co-op leaves a consortium,
whereas the rules take the *last day* as a member (inclusive intervals); the workforce stores the
last day worked, as the rules do.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import connection, connections
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast

import fragola_law as r
from fragola.care.selectors import volunteer_facts
from fragola.compliance.models import ComplianceSettings
from fragola.governance.selectors import board_facts, meeting_facts
from fragola.registry.models import ConsortiumMembership, Membership, Organisation
from fragola.workforce.models import DisadvantageCertificate, Employment

ONE_DAY = dt.timedelta(days=1)

# The codes the registry and the workforce store, as the rules' categories.
MEMBER_CATEGORIES = r.codes.MEMBER_CATEGORIES
CONTRACTS = r.codes.CONTRACTS
LAW_381 = r.categories.LAW_381
BRANCHES = r.codes.BRANCHES
ORG_KINDS = r.codes.ORG_KINDS
BoardSeat = r.BoardSeat

Interval = tuple[dt.date, dt.date | None]


@dataclass(frozen=True)
class OrgRow:
    pk: int
    type: str
    name: str
    legal_form: str
    founded_on: dt.date


@dataclass
class Facts:
    """Everything the rules need for a set of organisations, grouped by organisation id."""

    orgs: dict[int, OrgRow] = field(default_factory=dict)
    members: dict[int, list[r.Member]] = field(default_factory=lambda: defaultdict(list))
    member_spans: dict[tuple[int, int], list[Interval]] = field(
        default_factory=lambda: defaultdict(list)
    )
    employments: dict[int, list[r.Employment]] = field(default_factory=lambda: defaultdict(list))
    # Per organisation, the indices of records without a member flag whose person is on the
    # book at some time: a member's record on the days the person is a member.
    unsure: dict[int, list[int]] = field(default_factory=dict)
    certificates: dict[tuple[int, int], list[r.DisadvantageCertificate]] = field(
        default_factory=lambda: defaultdict(list)
    )
    consortium_members: dict[int, list[r.ConsortiumMember]] = field(
        default_factory=lambda: defaultdict(list)
    )
    settings: dict[int, r.Settings] = field(default_factory=dict)
    volunteers: dict[int, list[r.VolunteerFact]] = field(default_factory=lambda: defaultdict(list))
    board_seats: dict[int, list[BoardSeat]] = field(default_factory=lambda: defaultdict(list))
    meetings: dict[int, list[r.Meeting]] = field(default_factory=lambda: defaultdict(list))


# L2.2 looks at the roster around the date: a year back and the weeks already planned ahead.
ROSTER_PAST = dt.timedelta(days=365)
ROSTER_AHEAD = dt.timedelta(days=31)


def _scoped(queryset: QuerySet, column: str, org_ids: Collection[int] | None) -> QuerySet:
    queryset = queryset.order_by()
    return queryset if org_ids is None else queryset.filter(**{f"{column}__in": list(org_ids)})


def _rows(queryset: QuerySet) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` query straight from the cursor.

    Skips Django's per-row converters: SQLite's connection already parses dates, PostgreSQL
    returns them typed; booleans and decimals are normalised by the callers.
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Days(dict[object, dt.date | None]):
    """Dates from the cursor, each distinct value parsed once (a book has a few thousand days).

    SQLite hands dates back as text (``day`` asks for text, skipping Django's converter, which
    parses each of a million values anew); PostgreSQL hands back dates, kept as they are.
    """

    def __init__(self, shift: dt.timedelta = dt.timedelta(0)) -> None:
        super().__init__({None: None})
        self.shift = shift

    def __missing__(self, key: object) -> dt.date:
        value = dt.date.fromisoformat(key) if isinstance(key, str) else key
        assert isinstance(value, dt.date)
        shifted = value + self.shift
        self[key] = shifted
        return shifted


class Dates(dict[object, dt.date]):
    """``Days`` for a column that is never empty (admission, start, issue): typed without None."""

    def __missing__(self, key: object) -> dt.date:
        value = dt.date.fromisoformat(key) if isinstance(key, str) else key
        assert isinstance(value, dt.date)
        self[key] = value
        return value


def day(column: str) -> str | Cast:
    return Cast(column, output_field=CharField()) if connection.vendor == "sqlite" else column


# Only type B and A+B co-ops have their workers counted (L4.2, L4.4); a type A co-op's
# employment records mean nothing to the rules, so they are not loaded.
COUNTED_TYPES = ("B", "AB")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while a million plain records are built and read.

    The records hold no reference cycles, yet each collection would walk all of them again;
    on the whole country that walking cost more than the work itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_facts(org_ids: Collection[int] | None = None) -> Facts:
    """Load the facts of ``org_ids`` (every organisation if None) in six queries."""
    with gc_paused():
        return _load_facts(org_ids)


def _load_facts(org_ids: Collection[int] | None) -> Facts:
    facts = Facts()
    _load_orgs(facts, org_ids)
    _load_certificates(facts, org_ids)
    unflagged = _load_employments(facts, org_ids)
    _load_members(facts, org_ids, {person for _org, person, _index in unflagged})
    _settle_later(facts, unflagged)
    _load_consortium_links(facts, org_ids)
    _load_consortium_books(facts)
    _load_settings(facts, org_ids)
    # Home care (L2.2) and governance (G2, G4) sit below compliance: plain imports.
    facts.volunteers.update(volunteer_facts(org_ids))
    facts.board_seats.update(board_facts(org_ids))
    facts.meetings.update(meeting_facts(org_ids))
    return facts


def _load_orgs(facts: Facts, org_ids: Collection[int] | None) -> None:
    rows = _scoped(Organisation.objects.all(), "pk", org_ids).values_list(
        "pk", "type", "name", "legal_form", "founded_on"
    )
    facts.orgs = {row[0]: OrgRow(*row) for row in rows}


def _load_members(facts: Facts, org_ids: Collection[int] | None, workers: set[int]) -> None:
    """The book as the rules' members; the spans of ``workers`` (person ids) kept by co-op."""
    query = (
        _scoped(Membership.objects.all(), "organisation_id", org_ids)
        .filter(admitted_on__isnull=False)
        .values_list(
            "organisation_id", "pk", "person_id", "category", day("admitted_on"), day("exited_on")
        )
    )
    members, spans = facts.members, facts.member_spans
    legal = r.MemberCategory.LEGAL_PERSON
    # The named tuple's own constructor is a Python function; ``tuple.__new__`` with every
    # field given is one C call (half a million members).
    new, Member = tuple.__new__, r.Member
    natural = {code: kind is not legal for code, kind in MEMBER_CATEGORIES.items()}
    dates, last_days = Dates(), Days(-ONE_DAY)
    for org_id, pk, person_id, category, admitted, exited in _rows(query):
        admitted_on, last_day = dates[admitted], last_days[exited]
        members[org_id].append(
            new(
                Member,
                (
                    str(pk),
                    MEMBER_CATEGORIES[category],
                    admitted_on,
                    last_day,
                    natural[category],
                    None,
                ),
            )
        )
        if person_id in workers:  # an int looked up, no key built for the other members
            spans[(org_id, person_id)].append((admitted_on, last_day))


def _load_employments(facts: Facts, org_ids: Collection[int] | None) -> list[tuple[int, int, int]]:
    """The counted co-ops' employment records, built as the rules take them.

    Returns (organisation, person, index) of the records without a member flag.
    """
    counted = Employment.objects.filter(organisation__type__in=COUNTED_TYPES)
    query = _scoped(counted, "organisation_id", org_ids).values_list(
        "organisation_id",
        "person_id",
        day("started_on"),
        day("ended_on"),
        "branch",
        "contract",
        "weekly_hours",
        "is_member",
    )
    unflagged: list[tuple[int, int, int]] = []
    employments, certificates = facts.employments, facts.certificates
    dates, days = Dates(), Days()
    new, Record, none = tuple.__new__, r.Employment, ()  # as members: one C call each
    for org_id, person_id, started, ended, branch, contract, hours, is_member in _rows(query):
        records = employments[org_id]
        if is_member is None:
            unflagged.append((org_id, person_id, len(records)))
        held = certificates.get((org_id, person_id))
        records.append(
            new(
                Record,
                (
                    str(person_id),
                    dates[started],
                    days[ended],
                    BRANCHES[branch],
                    CONTRACTS[contract],
                    float(hours) if hours is not None else None,
                    bool(is_member),
                    tuple(held) if held else none,
                ),
            )
        )
    return unflagged


def _settle_later(facts: Facts, unflagged: list[tuple[int, int, int]]) -> None:
    """A record with no member flag is a member's on the days its person is on the book: those
    few are settled per date in ``_employments``; the others (never on the book) stay non-members.
    """
    spans = facts.member_spans
    for org_id, person_id, index in unflagged:
        if (org_id, person_id) in spans:
            facts.unsure.setdefault(org_id, []).append(index)


def _load_certificates(facts: Facts, org_ids: Collection[int] | None) -> None:
    counted = DisadvantageCertificate.objects.filter(organisation__type__in=COUNTED_TYPES)
    query = _scoped(counted, "organisation_id", org_ids).values_list(
        "organisation_id", "person_id", "category", day("issued_on"), day("expires_on")
    )
    dates, days = Dates(), Days()
    for org_id, person_id, category, issued, expires in _rows(query):
        if category not in LAW_381:  # a D.Lgs 112/2017 category: not a Law 381 one
            continue
        certificate = r.DisadvantageCertificate(LAW_381[category], dates[issued], days[expires])
        facts.certificates[(org_id, person_id)].append(certificate)


def _load_consortium_links(facts: Facts, org_ids: Collection[int] | None) -> None:
    rows = _scoped(ConsortiumMembership.objects.all(), "consortium_id", org_ids).values_list(
        "consortium_id", "member_id", "member__type", "joined_on", "left_on"
    )
    for consortium_id, member_id, member_type, joined_on, left_on in rows:
        last_day = left_on - ONE_DAY if left_on is not None else None
        facts.consortium_members[consortium_id].append(
            r.ConsortiumMember(str(member_id), ORG_KINDS[member_type], joined_on, last_day)
        )


def _load_consortium_books(facts: Facts) -> None:
    """L8 counts a consortium's whole member base: its book too, not only its co-op links.

    A member of the book that is a registered organisation counts with that organisation's
    kind (unless already counted through its consortium link); any other member (a comune, a
    foundation, an ordinary company, a natural person) is not a social co-op.
    """
    consortia = [pk for pk, org in facts.orgs.items() if org.type == "consortium"]
    if not consortia:
        return
    organisations = {code: (pk, kind) for pk, code, kind in _rows(
        Organisation.objects.order_by().values_list("pk", "fiscal_code", "type")
    )}  # fmt: skip
    book = (
        Membership.objects.order_by()
        .filter(organisation_id__in=consortia, admitted_on__isnull=False)
        .values_list("organisation_id", "person__fiscal_code", "admitted_on", "exited_on")
    )
    # The co-ops already counted through their links, per consortium, taken once up front.
    linked = {c: {m.org_id for m in facts.consortium_members[c]} for c in consortia}
    for consortium_id, code, admitted_on, exited_on in _rows(book):
        pk, kind = organisations.get(code, (None, None))
        if pk is not None and str(pk) in linked[consortium_id]:
            continue
        last_day = exited_on - ONE_DAY if exited_on is not None else None
        org_kind = ORG_KINDS[kind] if kind is not None else r.OrgKind.OTHER
        facts.consortium_members[consortium_id].append(
            r.ConsortiumMember(f"book:{code}", org_kind, admitted_on, last_day)
        )


def _load_settings(facts: Facts, org_ids: Collection[int] | None) -> None:
    rows = _scoped(ComplianceSettings.objects.all(), "organisation_id", org_ids).values_list(
        "organisation_id", "l4_3_denominator", "g4_count_volunteers"
    )
    for org_id, mode, count_volunteers in rows:
        facts.settings[org_id] = r.Settings(r.DenominatorMode(mode), count_volunteers)


def _was_member(spans: Iterable[Interval], day: dt.date) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end in spans)


def _employments(facts: Facts, org_id: int, as_of: dt.date) -> tuple[r.Employment, ...]:
    records = facts.employments.get(org_id, ())
    unsure = facts.unsure.get(org_id)
    if not unsure:
        return tuple(records)
    settled = list(records)
    for index in unsure:
        record = settled[index]
        key = (org_id, int(record.person_id))
        settled[index] = record._replace(is_member=_was_member(facts.member_spans[key], as_of))
    return tuple(settled)


def snapshot_of(facts: Facts, org_id: int, as_of: dt.date) -> r.CoopSnapshot:
    org = facts.orgs[org_id]
    return r.CoopSnapshot(
        coop_type=r.CoopType(org.type),
        legal_name=org.name,
        legal_form=r.LegalForm(org.legal_form),
        founded_on=org.founded_on,
        as_of=as_of,
        members=tuple(facts.members.get(org_id, ())),
        employments=_employments(facts, org_id, as_of),
        consortium_members=tuple(facts.consortium_members.get(org_id, ())),
        volunteer_facts=_roster_around(facts.volunteers.get(org_id, ()), as_of),
        board=tuple(
            seat.member
            for seat in facts.board_seats.get(org_id, ())
            if seat.start <= as_of and (seat.end is None or as_of <= seat.end)
        ),
        meeting=_meeting_for(facts.meetings.get(org_id, ()), as_of),
        coop_id=str(org_id),
    )


def _meeting_for(meetings: Iterable[r.Meeting], as_of: dt.date) -> r.Meeting | None:
    """G2 looks at the next assembly on or after the date, else the last one before it."""
    ordered = sorted(meetings, key=lambda m: m.held_on)
    upcoming = [m for m in ordered if m.held_on >= as_of]
    if upcoming:
        return upcoming[0]
    return ordered[-1] if ordered else None


def _roster_around(
    volunteers: Iterable[r.VolunteerFact], as_of: dt.date
) -> tuple[r.VolunteerFact, ...]:
    start, end = as_of - ROSTER_PAST, as_of + ROSTER_AHEAD
    return tuple(
        replace(fact, rostered_on=tuple(d for d in fact.rostered_on if start <= d <= end))
        for fact in volunteers
    )


def settings_of(facts: Facts, org_id: int) -> r.Settings:
    return facts.settings.get(org_id, r.DEFAULT_SETTINGS)


def evaluate_all(
    as_of: dt.date, org_ids: Collection[int] | None = None, *, facts: Facts | None = None
) -> dict[int, list[r.RuleResult]]:
    """Every rule for every organisation in ``org_ids`` (all if None) on ``as_of``."""
    # One pause for loading and evaluating, and the facts dropped before the collector runs
    # again: it then walks the results only, not the million records they were built from.
    with gc_paused():
        return _evaluate_all(as_of, facts or load_facts(org_ids))


def _evaluate_all(as_of: dt.date, facts: Facts) -> dict[int, list[r.RuleResult]]:
    return {
        org_id: r.evaluate(snapshot_of(facts, org_id, as_of), settings=settings_of(facts, org_id))
        for org_id in facts.orgs
    }


def evaluate_organisation(organisation: Organisation, as_of: dt.date) -> list[r.RuleResult]:
    return evaluate_all(as_of, [organisation.pk])[organisation.pk]


def timeline(
    organisation: Organisation, end: dt.date, months: int = 12, *, facts: Facts | None = None
) -> list[r.TimelinePoint]:
    """Month-end evaluations of the last ``months`` months, the last one on ``end``."""
    facts = facts or load_facts([organisation.pk])
    snapshot = snapshot_of(facts, organisation.pk, end)
    return r.evaluate_timeline(snapshot, months, settings=settings_of(facts, organisation.pk))
