"""Plain input data: what the Django adapter (or a test) hands to the rules.

Date intervals are inclusive on both ends: a member is a member from `admitted_on` to `exited_on`
included, a worker is employed from `start` to `end` included, a certificate is valid from
`issued_on` to `expires_on` included. `None` as an end date means "still open".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from operator import attrgetter
from typing import NamedTuple

from .categories import DisadvantageCategory
from .enums import (
    WORKER_CONTRACTS,
    Branch,
    Contract,
    CoopType,
    LegalForm,
    MemberCategory,
    OrgKind,
)


def is_active(start: date, end: date | None, on: date) -> bool:
    return start <= on and (end is None or on <= end)


class Member(NamedTuple):
    """A member of the book. A named tuple rather than a dataclass: a country has half a
    million of them, and a tuple is built several times faster (change one with ``_replace``).
    """

    member_id: str
    category: MemberCategory
    admitted_on: date
    exited_on: date | None = None
    natural_person: bool = True
    votes: int | None = None  # None: one vote (c.c. art. 2538)

    @property
    def is_natural_person(self) -> bool:
        return self.natural_person and self.category is not MemberCategory.LEGAL_PERSON

    def is_member_on(self, day: date) -> bool:
        return is_active(self.admitted_on, self.exited_on, day)


@dataclass(frozen=True)
class DisadvantageCertificate:
    category: DisadvantageCategory
    issued_on: date
    expires_on: date | None = None  # None: permanent condition
    issuer: str = ""

    def is_valid_on(self, day: date) -> bool:
        return is_active(self.issued_on, self.expires_on, day)


class Employment(NamedTuple):
    """An employment record (a named tuple, as ``Member``: hundreds of thousands of them)."""

    person_id: str
    start: date
    end: date | None = None
    branch: Branch = Branch.B
    contract: Contract = Contract.PERMANENT
    weekly_hours: float | None = None  # informative only: L4.3 counts heads, not hours
    is_member: bool = False
    certificates: tuple[DisadvantageCertificate, ...] = ()

    def is_employed_on(self, day: date) -> bool:
        return is_active(self.start, self.end, day)


@dataclass(frozen=True)
class VolunteerFact:
    """A volunteer's insurance cover and the days they are (or were) rostered (rule L2.2)."""

    volunteer_id: str
    insured_from: date | None = None  # None: no insurance on record
    insured_until: date | None = None
    rostered_on: tuple[date, ...] = ()

    def is_insured_on(self, day: date) -> bool:
        return self.insured_from is not None and is_active(
            self.insured_from, self.insured_until, day
        )


@dataclass(frozen=True)
class BoardMember:
    person_id: str
    category: MemberCategory | None  # None: a director who is not a member


@dataclass(frozen=True)
class BoardSeat:
    """A seat on the board from ``start`` to ``end`` (inclusive; None: still on it)."""

    member: BoardMember
    start: date
    end: date | None = None


@dataclass(frozen=True)
class ConsortiumMember:
    org_id: str
    kind: OrgKind
    joined_on: date
    left_on: date | None = None

    def is_member_on(self, day: date) -> bool:
        return is_active(self.joined_on, self.left_on, day)


@dataclass(frozen=True)
class Meeting:
    held_on: date
    voters: tuple[str, ...] | None = None  # member_ids who voted, if known


@dataclass(frozen=True)
class CoopSnapshot:
    coop_type: CoopType
    legal_name: str
    legal_form: LegalForm
    founded_on: date
    as_of: date
    members: tuple[Member, ...] = ()
    employments: tuple[Employment, ...] = ()
    volunteer_facts: tuple[VolunteerFact, ...] = ()
    board: tuple[BoardMember, ...] = ()
    consortium_members: tuple[ConsortiumMember, ...] = ()
    meeting: Meeting | None = None
    coop_id: str = ""

    @property
    def is_consortium(self) -> bool:
        return self.coop_type is CoopType.CONSORTIUM

    @property
    def has_b_branch(self) -> bool:
        return self.coop_type in (CoopType.B, CoopType.AB)

    def members_on(self, day: date) -> list[Member]:
        return [
            m
            for m in self.members
            if m.admitted_on <= day and (m.exited_on is None or day <= m.exited_on)
        ]

    @cached_property
    def counted_employments(self) -> list[Employment]:
        """Records with an INPS position; in an A+B co-op only the B branch (Interpello 42/2009).

        Worked out once: L4.2 and L4.4 both walk them.
        """
        only_b = self.coop_type is CoopType.AB
        return [
            e
            for e in self.employments
            if e.contract in WORKER_CONTRACTS and not (only_b and e.branch is not Branch.B)
        ]

    @cached_property
    def certified_employments(self) -> list[Employment]:
        """The counted records that carry a certificate (L4.2 and L4.4 look at those only)."""
        return [e for e in self.counted_employments if e.certificates]

    @cached_property
    def active_members(self) -> list[Member]:
        """The members on ``as_of``, worked out once: five rules ask for them."""
        return self.members_on(self.as_of)

    @cached_property
    def active_categories(self) -> Counter[MemberCategory]:
        """How many of the members on ``as_of`` are in each category (L2.1, G1, G3 count them)."""
        return Counter(map(attrgetter("category"), self.active_members))
