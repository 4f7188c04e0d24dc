"""Decide, in memory, what importing the book changes: the plan, or every row's error.

The co-op's people, book and capital totals are loaded once (three queries); every row is then
matched and checked against them and against the rows before it, with the same rules as the
registry services (a number in use, an open membership, no un-admitting, capital that cannot go
down). Nothing is written here, so a dry run is this plan, and the real import writes exactly it.
Law 381 is not vetted: the file records the past as it was (see ``core.importing.breaches``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from fragola.core.importing.result import ImportResult, Outcome, RowError
from fragola.registry.importing import messages as msg
from fragola.registry.importing.members import MemberRow
from fragola.registry.models import (
    MemberCategory,
    Membership,
    Organisation,
    Person,
    PersonKind,
    ShareMovement,
    ShareMovementKind,
)
from fragola.registry.services import (
    ERR_LEGAL_PERSON_CATEGORY,
    ERR_NATURAL_PERSON_CATEGORY,
    ERR_NUMBER_TAKEN,
    ERR_PERSON_IN_BOOK,
)

PERSON_FIELDS = (
    "kind",
    "fiscal_code",
    "first_name",
    "last_name",
    "legal_name",
    "birth_date",
    "sex",
    "comune_id",
    "email",
    "phone",
)
ZERO = Decimal("0")
SUBSCRIPTION, PAYMENT, REFUND = (
    ShareMovementKind.SUBSCRIPTION,
    ShareMovementKind.PAYMENT,
    ShareMovementKind.REFUND,
)


@dataclass
class BookState:
    """The co-op's book as the plan sees it: loaded once, then updated row by row."""

    people: dict[str, Person]
    memberships: list[Membership]
    by_number: dict[int, Membership]
    capital: dict[int, dict[str, Decimal]]
    # Indexes, so that matching a row costs the same for the first and the 100,000th.
    applicants: dict[str, Membership] = field(default_factory=dict)
    open_by_code: dict[str, Membership] = field(default_factory=dict)

    def index(self, membership: Membership) -> None:
        code = membership.person.fiscal_code
        if membership.member_number is not None:
            self.by_number[membership.member_number] = membership
        if membership.rejected_on is None and membership.member_number is None:
            self.applicants.setdefault(code, membership)
        elif self.applicants.get(code) is membership:
            del self.applicants[code]
        if membership.rejected_on is None and membership.exited_on is None:
            self.open_by_code[code] = membership
        elif self.open_by_code.get(code) is membership:
            del self.open_by_code[code]


@dataclass
class MemberPlan:
    """What to write. Memberships refer to new people by object, not yet by id."""

    new_people: list[Person] = field(default_factory=list)
    changed_people: list[Person] = field(default_factory=list)
    new_memberships: list[Membership] = field(default_factory=list)
    changed_memberships: list[Membership] = field(default_factory=list)
    # Movements of new memberships are attached to them once they have an id.
    movements: list[tuple[Membership, ShareMovement]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return (
            len(self.new_people)
            + len(self.changed_people)
            + len(self.new_memberships)
            + len(self.changed_memberships)
            + len(self.movements)
        )


def book_state_load(organisation: Organisation) -> BookState:
    people = {p.fiscal_code: p for p in Person.objects.filter(organisation=organisation)}
    by_pk = {p.pk: p for p in people.values()}
    memberships = list(Membership.objects.filter(organisation=organisation).order_by("pk"))
    for membership in memberships:
        membership.person = by_pk[membership.person_id]
    totals = (
        ShareMovement.objects.filter(membership__organisation=organisation)
        .values_list("membership_id", "kind")
        .annotate(total=Sum("amount"))
    )
    capital: dict[int, dict[str, Decimal]] = {}
    for membership_id, kind, total in totals:
        capital.setdefault(membership_id, {})[kind] = total
    state = BookState(people=people, memberships=memberships, by_number={}, capital=capital)
    for membership in memberships:
        state.index(membership)
    return state


class RowRefused(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column, self.reason = column, reason


def plan_members(
    *,
    organisation: Organisation,
    rows: list[MemberRow],
    state: BookState,
    today: dt.date,
    result: ImportResult,
) -> MemberPlan:
    """Plan every row; a refused row becomes an error and the rows after it still get checked."""
    plan = MemberPlan()
    for row in rows:
        try:
            result.count(_plan_row(organisation, row, state, plan, today))
        except RowRefused as refused:
            result.errors.append(RowError(row.number, refused.column, refused.reason))
    return plan


def _plan_row(
    organisation: Organisation, row: MemberRow, state: BookState, plan: MemberPlan, today: dt.date
) -> Outcome:
    membership = _find_membership(state, row)
    person, person_changed = _person_plan(organisation, row, state, plan)
    if membership is None:
        _membership_new(organisation, person, row, state, plan)
        return Outcome.CREATED
    changed = _membership_update(membership, row, state, plan)
    changed = _shares(membership, row, state, plan, day=today) or changed
    return Outcome.UPDATED if changed or person_changed else Outcome.UNCHANGED


def _find_membership(state: BookState, row: MemberRow) -> Membership | None:
    """By member number; an applicant (no number yet) by fiscal code."""
    if row.member_number is not None:
        found = state.by_number.get(row.member_number)
        if found is not None:
            if found.person.fiscal_code != row.fiscal_code:
                other = {"number": row.member_number, "other": found.person.fiscal_code}
                raise RowRefused("member_number", str(msg.ERR_NUMBER_OTHER_PERSON) % other)
            return found
    return state.applicants.get(row.fiscal_code)


def _person_plan(
    organisation: Organisation, row: MemberRow, state: BookState, plan: MemberPlan
) -> tuple[Person, bool]:
    data = row.person
    wanted = {
        "kind": data.kind,
        "fiscal_code": data.fiscal_code,
        "first_name": data.first_name,
        "last_name": data.last_name,
        "legal_name": data.legal_name,
        "birth_date": data.birth_date,
        "sex": data.sex,
        "comune_id": data.comune.pk if data.comune else None,
        "email": data.email,
        "phone": data.phone,
    }
    person = state.people.get(data.fiscal_code)
    if person is None:
        person = Person(organisation=organisation, **wanted)
        state.people[data.fiscal_code] = person
        plan.new_people.append(person)
        return person, True
    changes = {name: value for name, value in wanted.items() if getattr(person, name) != value}
    for name, value in changes.items():
        setattr(person, name, value)
    if changes and person.pk is not None and person not in plan.changed_people:
        plan.changed_people.append(person)
    return person, bool(changes)


def _membership_new(
    organisation: Organisation, person: Person, row: MemberRow, state: BookState, plan: MemberPlan
) -> None:
    _check_category(person, row.category)
    if person.fiscal_code in state.open_by_code:
        raise RowRefused("fiscal_code", str(ERR_PERSON_IN_BOOK))
    if row.member_number is not None and row.member_number in state.by_number:
        raise RowRefused("member_number", str(ERR_NUMBER_TAKEN))
    membership = Membership(
        organisation=organisation,
        person=person,
        category=row.category,
        applied_on=row.applied_on,
        admitted_on=row.admitted_on,
        member_number=row.member_number if row.admitted_on else None,
        exited_on=row.exited_on,
        exit_reason=row.exit_reason if row.exited_on else "",
    )
    state.memberships.append(membership)
    state.index(membership)
    plan.new_memberships.append(membership)
    _shares(membership, row, state, plan, day=row.admitted_on or row.applied_on)


def _check_category(person: Person, category: str) -> None:
    is_legal = person.kind == PersonKind.LEGAL
    if is_legal and category != MemberCategory.LEGAL_PERSON:
        raise RowRefused("category", str(ERR_LEGAL_PERSON_CATEGORY))
    if not is_legal and category == MemberCategory.LEGAL_PERSON:
        raise RowRefused("category", str(ERR_NATURAL_PERSON_CATEGORY))


def _membership_update(
    membership: Membership, row: MemberRow, state: BookState, plan: MemberPlan
) -> bool:
    """Correct what differs; admit or record the exit when they are new."""
    if membership.exited_on is not None and row.exited_on is None:
        raise RowRefused("exited_on", str(msg.ERR_CANNOT_REOPEN))
    wanted: dict[str, object] = {"category": row.category, "applied_on": row.applied_on}
    if row.admitted_on is not None:
        wanted["admitted_on"] = row.admitted_on
    if membership.admitted_on is None and row.admitted_on is not None:
        if row.member_number in state.by_number:
            raise RowRefused("member_number", str(ERR_NUMBER_TAKEN))
        wanted["member_number"] = row.member_number
        wanted["rejected_on"] = None
    if row.exited_on is not None:
        wanted.update(exited_on=row.exited_on, exit_reason=row.exit_reason)
    changes = {name: value for name, value in wanted.items() if getattr(membership, name) != value}
    if not changes:
        return False
    for name, value in changes.items():
        setattr(membership, name, value)
    state.index(membership)
    if membership.pk is not None and membership not in plan.changed_memberships:
        plan.changed_memberships.append(membership)
    return True


def _shares(
    membership: Membership, row: MemberRow, state: BookState, plan: MemberPlan, *, day: dt.date
) -> bool:
    """The movements that bring the totals to the file's: subscribed, and paid net."""
    key = membership.pk if membership.pk is not None else -id(membership)
    capital = state.capital.setdefault(key, {})
    subscribed = capital.get(SUBSCRIPTION, ZERO)
    if row.subscribed < subscribed:
        current = {"current": f"{subscribed:.2f}"}
        raise RowRefused("shares_subscribed_eur", str(msg.ERR_SUBSCRIBED_DOWN) % current)
    paid = capital.get(PAYMENT, ZERO) - capital.get(REFUND, ZERO)
    moves = [
        (SUBSCRIPTION, row.subscribed - subscribed),
        (PAYMENT, row.paid - paid),
        (REFUND, paid - row.paid),
    ]
    note = str(msg.IMPORT_NOTE)
    for kind, amount in moves:
        if amount > ZERO:
            movement = ShareMovement(kind=kind, amount=amount, date=day, note=note)
            plan.movements.append((membership, movement))
            capital[kind] = capital.get(kind, ZERO) + amount
    return any(amount > ZERO for _kind, amount in moves)
